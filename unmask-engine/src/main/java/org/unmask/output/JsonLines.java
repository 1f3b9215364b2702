package org.unmask.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.unmask.event.Finding;
import org.unmask.event.SourceRef;
import org.unmask.ingest.Rejection;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.PersonVerdict;
import org.unmask.verdict.Reason;
import org.unmask.verdict.SharedAttribute;

/**
 * The JSON-lines shapes of the contract's outputs (CONTRACT.md section 2). Field order is fixed
 * and numbers are rounded, so two scans of the same data give byte-identical files.
 */
public final class JsonLines {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonLines() {}

  /** Writes each item as one line. */
  static <T> void write(OutputStream out, List<T> items, ItemWriter<T> writer) throws IOException {
    try (JsonGenerator g = new WholeCharacters(JSON.createGenerator(new NonClosing(out)))) {
      g.setRootValueSeparator(null);
      for (T item : items) {
        writer.write(g, item);
        g.flush();
        out.write('\n');
      }
    }
  }

  /** One finding as its findings.jsonl line, without the newline: for streams such as Kafka topics. */
  public static String findingLine(Finding f) {
    return line(f, JsonLines::finding);
  }

  /** One person as their persons.jsonl line, without the newline. */
  public static String personLine(PersonVerdict p) {
    return line(p, JsonLines::person);
  }

  /** One farm as its farms.jsonl line, without the newline. */
  public static String farmLine(Farm f) {
    return line(f, JsonLines::farm);
  }

  private static <T> String line(T item, ItemWriter<T> writer) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(512);
    try {
      write(out, List.of(item), writer);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
    }
    String s = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    return s.substring(0, s.length() - 1);
  }

  /**
   * Writes text as whole Unicode characters: a lone surrogate (an event field's {@code "\\ud800"},
   * which JSON's syntax allows) becomes U+FFFD, because strict readers of the outputs (and
   * UTF-8 itself) refuse half a character.
   */
  private static final class WholeCharacters extends com.fasterxml.jackson.core.util.JsonGeneratorDelegate {
    WholeCharacters(JsonGenerator g) {
      super(g, false);
    }

    @Override
    public void writeString(String text) throws IOException {
      super.writeString(whole(text));
    }

    @Override
    public void writeStringField(String fieldName, String value) throws IOException {
      writeFieldName(fieldName);
      writeString(value);
    }

    static String whole(String s) {
      if (s == null) {
        return null;
      }
      int n = s.length();
      for (int i = 0; i < n; i++) {
        if (Character.isSurrogate(s.charAt(i))) {
          return replaceLone(s);
        }
      }
      return s;
    }

    private static String replaceLone(String s) {
      StringBuilder b = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          b.append(c).append(s.charAt(++i));
        } else {
          b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
        }
      }
      return b.toString();
    }
  }

  /** Writes one item as JSON. */
  @FunctionalInterface
  interface ItemWriter<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  public static void finding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", f.id());
    g.writeStringField("rule_id", f.ruleId());
    g.writeStringField("title", f.title());
    g.writeStringField("severity", f.severity().label());
    g.writeArrayFieldStart("attack");
    for (String a : f.attack()) {
      g.writeString(a);
    }
    g.writeEndArray();
    g.writeStringField("@timestamp", instant(f.timestamp()));
    g.writeObjectFieldStart("entity");
    g.writeStringField("type", f.entity().type().label());
    g.writeStringField("id", f.entity().id());
    g.writeEndObject();
    g.writeNumberField("risk", round(f.risk()));
    g.writeArrayFieldStart("evidence");
    for (SourceRef s : f.evidence()) {
      g.writeStartObject();
      g.writeStringField("file", s.file());
      g.writeNumberField("line", s.line());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("summary", f.summary());
    g.writeEndObject();
  }

  public static void person(JsonGenerator g, PersonVerdict p) throws IOException {
    g.writeStartObject();
    g.writeStringField("person_id", p.personId());
    g.writeNumberField("risk_score", round(p.riskScore()));
    g.writeBooleanField("case_opened", p.caseOpened());
    if (p.firstFlaggedAt() == null) {
      g.writeNullField("first_flagged_at");
    } else {
      g.writeStringField("first_flagged_at", instant(p.firstFlaggedAt()));
    }
    reasons(g, p.reasons());
    g.writeEndObject();
  }

  public static void applicant(JsonGenerator g, ApplicantVerdict a) throws IOException {
    g.writeStartObject();
    g.writeStringField("applicant_id", a.applicantId());
    g.writeNumberField("risk_score", round(a.riskScore()));
    g.writeBooleanField("flagged", a.flagged());
    reasons(g, a.reasons());
    g.writeEndObject();
  }

  public static void farm(JsonGenerator g, Farm f) throws IOException {
    g.writeStartObject();
    g.writeStringField("farm_id", f.farmId());
    strings(g, "persons", f.persons());
    strings(g, "devices", f.devices());
    strings(g, "applicants", f.applicants());
    g.writeArrayFieldStart("shared");
    for (SharedAttribute s : f.shared()) {
      g.writeStartObject();
      g.writeStringField("type", s.type());
      g.writeStringField("value", s.value());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("score", round(f.score()));
    g.writeEndObject();
  }

  static void rejection(JsonGenerator g, Rejection r) throws IOException {
    g.writeStartObject();
    g.writeStringField("file", r.file());
    g.writeNumberField("line", r.line());
    g.writeStringField("reason", r.reason());
    g.writeEndObject();
  }

  private static void reasons(JsonGenerator g, List<Reason> reasons) throws IOException {
    g.writeArrayFieldStart("reasons");
    for (Reason r : reasons) {
      g.writeStartObject();
      g.writeStringField("rule_id", r.ruleId());
      g.writeStringField("summary", r.summary());
      g.writeNumberField("points", round(r.points()));
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  static String instant(Instant t) {
    return t.toString();
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** Lets the generator be closed per file without closing the caller's stream. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
