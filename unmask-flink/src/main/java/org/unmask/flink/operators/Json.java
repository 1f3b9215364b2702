package org.unmask.flink.operators;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.unmask.ingest.Rejection;

/** The job's own small JSON lines (rejected and late records); the engine writes the rest. */
final class Json {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private Json() {}

  static String rejection(Rejection r) {
    return object(g -> {
      g.writeStringField("file", r.file());
      g.writeNumberField("line", r.line());
      g.writeStringField("reason", r.reason());
    });
  }

  static String late(String file, long line, long eventMillis, long watermarkMillis) {
    return object(g -> {
      g.writeStringField("file", file);
      g.writeNumberField("line", line);
      g.writeStringField("@timestamp", java.time.Instant.ofEpochMilli(eventMillis).toString());
      g.writeStringField("watermark", java.time.Instant.ofEpochMilli(watermarkMillis).toString());
      g.writeStringField("reason", "later than the allowed lateness; not judged");
    });
  }

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String object(Fields fields) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
