package org.unmask.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/**
 * Turns one line of {@code events/*.jsonl} into an {@link Event}, or a rejection with a specific
 * reason. The hot path of ingest: one Jackson streaming parser per line (cheap: Jackson recycles
 * its buffers and shares one canonical field-name table per factory), no tree model, dotted keys
 * built once by {@link DottedKeys}, timestamps parsed by {@link Timestamps}.
 *
 * <p>Flattening: nested objects become dotted keys, so {@code {"source":{"ip":"a"}}} and
 * {@code {"source.ip":"a"}} give the same field. When a key occurs twice (say nested and dotted),
 * the first occurrence wins. Arrays become lists; an object inside an array becomes a flattened
 * map of its own (dotted keys relative to the element); an empty object adds nothing.
 *
 * <p>Not thread-safe: one per reading thread.
 */
final class EventParser {

  static final int MAX_NESTING = 64;

  private final JsonFactory factory;
  private final DottedKeys keys = new DottedKeys();
  private final Adapters adapters;
  private final Map<String, String> datasets = new HashMap<>();
  private String reason;

  EventParser(Adapters adapters) {
    this.adapters = adapters;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();
  }

  /** Why the last {@link #parse} or {@link #flatten} returned null. */
  String reason() {
    return reason;
  }

  /**
   * Parses a line. Returns null for a blank line (nothing to report) and for a rejected one, in
   * which case {@link #reason()} is set and the rejection has been sent to {@code sink}.
   */
  Event parse(byte[] b, int off, int len, String file, long line, VendorAdapter hint, RejectSink sink) {
    reason = null;
    if (LineReader.isBlank(b, off, len)) {
      return null;
    }
    if (Utf8.opensAsUtf16Or32(b, off, len)) {
      return reject(sink, file, line, "not UTF-8: a NUL byte in the first four (UTF-16 or UTF-32 text?)");
    }
    int bad = Utf8.firstInvalid(b, off, len);
    if (bad >= 0) {
      return reject(sink, file, line, "invalid UTF-8 at byte " + (bad + 1));
    }
    Map<String, Object> fields = flatten(b, off, len);
    if (fields == null) {
      return reject(sink, file, line, reason);
    }
    return toEvent(fields, file, line, hint, sink);
  }

  /**
   * The field a time rejection names: the vendor's own when an adapter took {@code @timestamp}
   * from it, else {@code @timestamp}. Asked only when a line is rejected, not for every line.
   */
  private static String timeName(VendorAdapter timeFrom, Map<String, Object> fields) {
    String vendor = timeFrom == null ? null : timeFrom.timeField(fields);
    return vendor == null ? "@timestamp" : vendor;
  }

  /** Adapts, validates and wraps already-flattened fields (the map is handed over). */
  Event toEvent(Map<String, Object> fields, String file, long line, VendorAdapter hint, RejectSink sink) {
    reason = null;
    Object ds = fields.get("event.dataset");
    // the adapter that gave the line its @timestamp from its own time field, named in a rejection
    VendorAdapter timeFrom = null;
    if (!(ds instanceof String s && VendorFields.CONTRACT_DATASETS.contains(s))) {
      VendorAdapter adapter = ds == null && hint != null ? hint : adapters.recognise(fields);
      if (adapter != null) {
        timeFrom = fields.get("@timestamp") == null ? adapter : null;
        try {
          adapter.adapt(fields);
        } catch (RuntimeException e) {
          // a shape the vendor never writes, which the adapter did not foresee, costs its line
          // and not the scan: the lines around it are read as ever
          String what = e.getMessage() == null ? "" : ": " + quote(e.getMessage());
          return reject(sink, file, line, adapter.name() + " adapter could not read the line: " + e.getClass().getSimpleName() + what);
        }
        ds = fields.get("event.dataset");
      }
    }
    Object ts = fields.get("@timestamp");
    Instant time;
    if (ts == null) {
      return reject(sink, file, line, "missing @timestamp");
    } else if (ts instanceof String s) {
      time = Timestamps.rfc3339(s);
      if (time == null) {
        return reject(sink, file, line, timeName(timeFrom, fields) + " is not RFC 3339: " + quote(s));
      }
    } else if (ts instanceof Long millis) {
      time = Instant.ofEpochMilli(millis);
    } else if (ts instanceof Double millis && Double.isFinite(millis) && Math.abs(millis) < 1e17) {
      time = Instant.ofEpochMilli((long) Math.floor(millis));
    } else {
      return reject(sink, file, line, timeName(timeFrom, fields) + " is not RFC 3339 or epoch milliseconds: " + describe(ts));
    }
    if (!Timestamps.plausible(time)) {
      return reject(sink, file, line, timeName(timeFrom, fields) + " " + describe(ts) + " is outside 1980-2199: a wrong clock"
          + (ts instanceof Number ? ", or not epoch milliseconds (seconds? microseconds?)" : ""));
    }
    if (ds == null || (ds instanceof String s && s.isBlank())) {
      return reject(sink, file, line, "missing event.dataset");
    }
    if (!(ds instanceof String dataset)) {
      return reject(sink, file, line, "event.dataset is not a string: " + describe(ds));
    }
    String canonical = datasets.get(dataset);
    if (canonical == null) {
      canonical = dataset;
      if (datasets.size() < 10_000) {
        datasets.put(dataset, dataset);
      }
    }
    return new Event(time, canonical, fields, new SourceRef(file, line));
  }

  /** Parses a JSON object into flat fields; null (with {@link #reason()}) when it is not one. */
  Map<String, Object> flatten(byte[] b, int off, int len) {
    reason = null;
    try (JsonParser p = factory.createParser(b, off, len)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        reason = "expected a JSON object, got " + describe(t);
        return null;
      }
      Map<String, Object> out = new HashMap<>(32);
      readObject(p, keys.root(), out);
      if (p.nextToken() != null) {
        reason = "not JSON: trailing content after the object at column " + p.currentTokenLocation().getColumnNr();
        return null;
      }
      return out;
    } catch (StreamConstraintsException e) {
      String msg = String.valueOf(e.getOriginalMessage());
      reason = msg.contains("nesting depth")
          ? "objects and arrays nested deeper than " + MAX_NESTING + " levels"
          : "not JSON: " + (msg.length() > 160 ? msg.substring(0, 160) + "..." : msg);
      return null;
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      int nl = msg.indexOf('\n');
      if (nl >= 0) {
        msg = msg.substring(0, nl);
      }
      if (msg.length() > 160) {
        msg = msg.substring(0, 160) + "...";
      }
      reason = "not JSON: " + msg + " at column " + e.getLocation().getColumnNr();
      return null;
    } catch (IOException e) {
      reason = "not JSON: " + e.getMessage();
      return null;
    }
  }

  /** Reads every field of a JSON object stream (used for multi-object files). */
  Map<String, Object> flattenObject(JsonParser p) throws IOException {
    Map<String, Object> out = new HashMap<>(32);
    readObject(p, keys.root(), out);
    return out;
  }

  JsonFactory factory() {
    return factory;
  }

  private void readObject(JsonParser p, DottedKeys.Key parent, Map<String, Object> out) throws IOException {
    DottedKeys.Key key = null;
    while ((key = parent.nextField(p, key)) != null) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        readObject(p, key, out);
      } else {
        out.putIfAbsent(key.dotted, value(p, t)); // first occurrence wins
      }
    }
  }

  private Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getText() : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_ARRAY:
        return readArray(p);
      case START_OBJECT:
        Map<String, Object> element = new HashMap<>();
        readObject(p, keys.root(), element);
        return Collections.unmodifiableMap(element);
      default:
        throw new IllegalStateException("unexpected token " + t);
    }
  }

  private List<Object> readArray(JsonParser p) throws IOException {
    List<Object> list = new ArrayList<>(4);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      list.add(value(p, t));
    }
    return Collections.unmodifiableList(list);
  }

  private Event reject(RejectSink sink, String file, long line, String why) {
    reason = why;
    sink.reject(new Rejection(file, line, why));
    return null;
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  private static String describe(Object v) {
    if (v instanceof List<?>) {
      return "an array";
    }
    if (v instanceof Map<?, ?>) {
      return "an object";
    }
    return v instanceof String s ? quote(s) : String.valueOf(v);
  }

  static String quote(String s) {
    String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return '"' + shown + '"';
  }
}
