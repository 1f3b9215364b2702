package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.Event;

class EventParsingTest {

  @TempDir Path dir;
  final List<Rejection> rejections = new ArrayList<>();

  static String good(int second) {
    return "{\"@timestamp\":\"2026-05-04T14:00:%02dZ\",\"event\":{\"dataset\":\"idp.signin\"},\"user\":{\"email\":\"a@example.com\"}}"
        .formatted(second);
  }

  private List<Event> readAll() {
    List<Event> events = new ArrayList<>();
    try (EventStream s = Dataset.open(dir).events(rejections::add)) {
      s.forEachRemaining(events::add);
    }
    return events;
  }

  private void assertRejected(String badLine, String reasonStart) {
    TestDatasets.write(dir.resolve("events/a.jsonl"), good(1), badLine, good(3));
    List<Event> events = readAll();
    assertThat(events).extracting(e -> e.source().line()).containsExactly(1L, 3L);
    assertThat(rejections).singleElement().satisfies(r -> {
      assertThat(r.file()).isEqualTo("events/a.jsonl");
      assertThat(r.line()).isEqualTo(2);
      assertThat(r.reason()).startsWith(reasonStart);
    });
  }

  @Test
  void anAdapterThatFails_costsItsLine_notTheScan() {
    VendorAdapter broken = new VendorAdapter() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public boolean recognises(java.util.Map<String, Object> fields) {
        return true;
      }

      @Override
      public void adapt(java.util.Map<String, Object> fields) {
        throw new IllegalStateException("a shape nobody foresaw " + "x".repeat(200));
      }
    };
    List<Rejection> rejected = new java.util.ArrayList<>();
    java.util.Map<String, Object> fields = new java.util.HashMap<>(java.util.Map.of("name", "x"));
    assertThat(new EventParser(new Adapters()).toEvent(fields, "f.jsonl", 7, broken, rejected::add)).isNull();
    assertThat(rejected).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(7);
      assertThat(r.reason()).startsWith("broken adapter could not read the line: IllegalStateException: \"a shape nobody foresaw")
          .hasSizeLessThan(200);
    });
  }

  @Test
  void malformedLine_isRejectedWithColumn_andNeighboursKept() {
    assertRejected("{\"@timestamp\": ]}", "not JSON: Unexpected character");
    assertThat(rejections.get(0).reason()).endsWith("at column 16");
  }

  @Test
  void arrayLine_isRejected_asNotAnObject() {
    assertRejected("[1,2]", "expected a JSON object, got an array");
  }

  @Test
  void trailingGarbage_isRejected() {
    assertRejected(good(2) + " {}", "not JSON: trailing content after the object");
  }

  @Test
  void missingTimestamp_isRejected() {
    assertRejected("{\"event\":{\"dataset\":\"idp.signin\"}}", "missing @timestamp");
  }

  @Test
  void nonRfc3339Timestamp_isRejected_withTheValue() {
    assertRejected("{\"@timestamp\":\"yesterday\",\"event.dataset\":\"x\"}", "@timestamp is not RFC 3339: \"yesterday\"");
  }

  @Test
  void timestampWithoutOffset_isRejected() {
    assertRejected("{\"@timestamp\":\"2026-05-04T14:00:02\",\"event.dataset\":\"x\"}", "@timestamp is not RFC 3339");
  }

  @Test
  void timestampOfWrongType_isRejected() {
    assertRejected("{\"@timestamp\":true,\"event.dataset\":\"x\"}", "@timestamp is not RFC 3339 or epoch milliseconds: true");
  }

  @Test
  void implausibleTimes_areRejected_neverOverflow() {
    // a wrong clock must not become the scan's "now" (or overflow what works out windows from it)
    for (String ts : List.of("\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00Z\"", "\"1601-01-01T00:00:00Z\"",
        "9223372036854775807", "-9223372036854775808", "1764201600")) {
      rejections.clear();
      assertRejected("{\"@timestamp\":" + ts + ",\"event.dataset\":\"x\"}", "@timestamp " + ts + " is outside 1980-2199");
    }
    assertThat(rejections.get(0).reason()).contains("not epoch milliseconds (seconds? microseconds?)");
    rejections.clear();
    TestDatasets.write(dir.resolve("events/a.jsonl"), "{\"@timestamp\":\"2199-12-31T23:59:59Z\",\"event.dataset\":\"x\"}",
        "{\"@timestamp\":\"1980-01-01T00:00:00Z\",\"event.dataset\":\"x\"}");
    assertThat(readAll()).hasSize(2);
    assertThat(rejections).isEmpty();
  }

  @Test
  void utf16AndUtf32Lines_areRejected_notGuessedAt() throws IOException {
    String json = "{\"@timestamp\":\"2026-03-05T10:00:00Z\",\"event\":{\"dataset\":\"idp.signin\"},\"user\":{\"email\":\"a@b.c\"}}";
    for (java.nio.charset.Charset cs : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
        java.nio.charset.Charset.forName("UTF-32BE"), java.nio.charset.Charset.forName("UTF-32LE"))) {
      rejections.clear();
      Files.createDirectories(dir.resolve("events"));
      byte[] lines = (good(1) + "\n").getBytes(StandardCharsets.UTF_8);
      byte[] wide = json.getBytes(cs);
      byte[] last = ("\n" + good(3) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(lines);
      all.writeBytes(wide);
      all.writeBytes(last);
      try {
        Files.write(dir.resolve("events/a.jsonl"), all.toByteArray());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      assertThat(readAll()).as(cs.name()).extracting(e -> e.source().line()).containsExactly(1L, 3L);
      assertThat(rejections).as(cs.name()).singleElement()
          .satisfies(r -> assertThat(r.reason()).startsWith("not UTF-8: a NUL byte in the first four"));
    }
  }

  @Test
  void vendorTimesThatAreNoTime_areRejectedQuotingWhatTheLogSaid() {
    assertRejected("{\"eventType\":\"user.session.start\",\"published\":\"garbage\",\"actor\":{\"alternateId\":\"a@b.c\"}}",
        "published is not RFC 3339: \"garbage\"");
    rejections.clear();
    assertRejected("{\"eventType\":\"user.session.start\",\"published\":\"9999-12-31T23:59:59.999999999-18:00\","
        + "\"actor\":{\"alternateId\":\"a@b.c\"}}", "published \"9999-12-31T23:59:59.999999999-18:00\" is outside 1980-2199");
    rejections.clear();
    assertRejected("{\"Event\":{\"System\":{\"EventID\":4624,\"Channel\":\"Security\",\"Computer\":\"h1\","
        + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"later\"}}}}}",
        "Event.System.TimeCreated.#attributes.SystemTime is not RFC 3339: \"later\"");
    rejections.clear();
    assertRejected("{\"@timestamp\":\"garbage\",\"eventType\":\"user.session.start\",\"published\":\"2026-05-04T10:00:00Z\","
        + "\"actor\":{\"alternateId\":\"a@b.c\"}}", "@timestamp is not RFC 3339: \"garbage\"");
  }

  @Test
  void osqueryTimesPastAnyInstant_areRejected_notACrash() {
    assertRejected("{\"name\":\"processes\",\"hostIdentifier\":\"h1\",\"unixTime\":9223372036854775807}", "missing @timestamp");
  }

  @Test
  void missingDataset_isRejected() {
    assertRejected("{\"@timestamp\":\"2026-05-04T14:00:02Z\",\"user.email\":\"x@y\"}", "missing event.dataset");
  }

  @Test
  void datasetOfWrongType_isRejected() {
    assertRejected("{\"@timestamp\":\"2026-05-04T14:00:02Z\",\"event.dataset\":42}", "event.dataset is not a string: 42");
  }

  @Test
  void tooDeeplyNested_isRejected() {
    assertRejected("{\"a\":".repeat(100) + "1" + "}".repeat(100), "objects and arrays nested deeper than");
  }

  @Test
  void absurdlyLongNumber_isRejected_asNotJson() {
    assertRejected("{\"@timestamp\":\"2026-05-04T14:00:02Z\",\"event.dataset\":\"x\",\"n\":" + "9".repeat(2000) + "}",
        "not JSON: Number value length");
  }

  @Test
  void invalidUtf8_isRejected_withByteOffset_andNeighboursKept() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((good(1) + "\n").getBytes(StandardCharsets.UTF_8));
    out.write("{\"@timestamp\":\"2026-05-04T14:00:02Z\",\"event.dataset\":\"x\",\"u\":\"".getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // 0xC3 must be followed by a continuation byte
    out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    out.write((good(3) + "\n").getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(dir.resolve("events"));
    Files.write(dir.resolve("events/a.jsonl"), out.toByteArray());

    assertThat(readAll()).hasSize(2);
    assertThat(rejections).extracting(Rejection::line, Rejection::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "invalid UTF-8 at byte 63"));
  }

  @Test
  void overlongUtf8AndSurrogates_areInvalid() {
    byte[] overlong = {'a', (byte) 0xC0, (byte) 0xAF};
    byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
    byte[] valid = "é€😀".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.firstInvalid(overlong, 0, 3)).isEqualTo(1);
    assertThat(Utf8.firstInvalid(surrogate, 0, 3)).isEqualTo(0);
    assertThat(Utf8.firstInvalid(valid, 0, valid.length)).isEqualTo(-1);
    assertThat(Utf8.firstInvalid(valid, 0, valid.length - 1)).isEqualTo(5);
  }

  @Test
  void tenMegabyteLine_isRejected_withoutLosingNeighbours() throws IOException {
    Files.createDirectories(dir.resolve("events"));
    try (var w = Files.newBufferedWriter(dir.resolve("events/a.jsonl"))) {
      w.write(good(1) + "\n");
      w.write("{\"@timestamp\":\"2026-05-04T14:00:02Z\",\"event.dataset\":\"x\",\"pad\":\"");
      char[] chunk = new char[1 << 16];
      java.util.Arrays.fill(chunk, 'a');
      for (int i = 0; i < 160; i++) {
        w.write(chunk);
      }
      w.write("\"}\n");
      w.write(good(3) + "\n");
    }
    assertThat(readAll()).extracting(e -> e.source().line()).containsExactly(1L, 3L);
    assertThat(rejections).extracting(Rejection::line, Rejection::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "line longer than 1048576 bytes"));
  }

  @Test
  void lineJustUnderTheLimit_isRead() throws IOException {
    String prefix = "{\"@timestamp\":\"2026-05-04T14:00:02Z\",\"event.dataset\":\"x\",\"pad\":\"";
    String line = prefix + "b".repeat(ReadOptions.DEFAULT_MAX_LINE_BYTES - prefix.length() - 2) + "\"}";
    assertThat(line).hasSize(ReadOptions.DEFAULT_MAX_LINE_BYTES);
    TestDatasets.write(dir.resolve("events/a.jsonl"), good(1), line + "\r", good(3));
    assertThat(readAll()).hasSize(3);
    assertThat(rejections).isEmpty();
  }

  @Test
  void truncatedGzip_keepsEveryLineBeforeTheCut() throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(raw)) {
      for (int i = 0; i < 2000; i++) {
        gz.write((good(i % 60).replace("14:00", "14:%02d".formatted(i / 60)) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] all = raw.toByteArray();
    Files.createDirectories(dir.resolve("events"));
    Files.write(dir.resolve("events/a.jsonl.gz"), java.util.Arrays.copyOf(all, all.length * 2 / 3));

    List<Event> events = readAll();
    assertThat(events).isNotEmpty().hasSizeLessThan(2000);
    assertThat(events).extracting(e -> e.source().line())
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
    assertThat(rejections).singleElement().satisfies(r ->
        assertThat(r.reason()).isEqualTo("truncated gzip: stream ended after line " + events.size()));
  }

  @Test
  void damageAfterAGzipMember_isReported_afterTheLastGoodLine() throws IOException {
    // what `cat a.gz b.gz` or a rotated log makes, then damaged: the JDK's reader stopped in silence
    byte[] first = gzip(good(1) + "\n" + good(2) + "\n");
    byte[] second = gzip(good(3) + "\n" + good(4) + "\n");
    byte[] badMagic = second.clone();
    badMagic[1] = (byte) 0x8c;
    for (byte[] tail : List.of(badMagic, "garbage".getBytes(StandardCharsets.UTF_8), java.util.Arrays.copyOf(second, 5))) {
      rejections.clear();
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      file.writeBytes(first);
      file.writeBytes(tail);
      Files.createDirectories(dir.resolve("events"));
      Files.write(dir.resolve("events/a.jsonl.gz"), file.toByteArray());
      assertThat(readAll()).extracting(e -> e.source().line()).containsExactly(1L, 2L);
      assertThat(rejections).singleElement().satisfies(r -> assertThat(r.reason())
          .isEqualTo("corrupt gzip: bytes after the last gzip member are not a gzip member after line 2"));
    }
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(first);
    both.writeBytes(second);
    Files.write(dir.resolve("events/a.jsonl.gz"), both.toByteArray());
    rejections.clear();
    assertThat(readAll()).as("two clean members").hasSize(4);
    assertThat(rejections).isEmpty();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(raw)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return raw.toByteArray();
  }

  @Test
  void notGzip_isRejected() {
    TestDatasets.write(dir.resolve("events/a.jsonl.gz"), good(1));
    assertThat(readAll()).isEmpty();
    assertThat(rejections).singleElement().satisfies(r -> assertThat(r.reason()).startsWith("not gzip"));
  }

  @Test
  void nestedAndDottedKeys_giveTheSameFields() {
    TestDatasets.write(dir.resolve("events/a.jsonl"),
        "{\"@timestamp\":\"2026-05-04T14:00:01Z\",\"event\":{\"dataset\":\"network.flow\"},\"source\":{\"ip\":\"10.0.0.1\",\"geo\":{\"country_iso_code\":\"US\"}},\"destination\":{\"port\":443}}",
        "{\"@timestamp\":\"2026-05-04T14:00:01Z\",\"event.dataset\":\"network.flow\",\"source.ip\":\"10.0.0.1\",\"source\":{\"geo.country_iso_code\":\"US\"},\"destination.port\":443}");
    List<Event> events = readAll();
    assertThat(events).hasSize(2);
    assertThat(events.get(0).fields()).isEqualTo(events.get(1).fields());
    assertThat(events.get(0).fields()).containsEntry("source.geo.country_iso_code", "US").containsEntry("destination.port", 443L);
  }

  @Test
  void values_keepTheirJsonTypes() {
    TestDatasets.write(dir.resolve("events/a.jsonl"),
        "{\"@timestamp\":1777903200000,\"event.dataset\":\"x\",\"s\":\"t\",\"n\":7,\"d\":1.5,\"b\":false,\"z\":null,"
            + "\"big\":123456789012345678901234567890,\"list\":[\"en-US\",\"ko-KR\"],\"objs\":[{\"a\":{\"b\":1}}],\"empty\":{}}");
    Event e = readAll().get(0);
    assertThat(e.timestamp()).isEqualTo(Instant.ofEpochMilli(1777903200000L));
    assertThat(e.fields())
        .containsEntry("s", "t").containsEntry("n", 7L).containsEntry("d", 1.5).containsEntry("b", false)
        .containsEntry("z", null).containsEntry("big", "123456789012345678901234567890")
        .containsEntry("list", List.of("en-US", "ko-KR"))
        .containsEntry("objs", List.of(java.util.Map.of("a.b", 1L)))
        .doesNotContainKey("empty");
  }

  @Test
  void duplicateKeys_firstOccurrenceWins() {
    TestDatasets.write(dir.resolve("events/a.jsonl"),
        "{\"@timestamp\":\"2026-05-04T14:00:01Z\",\"event.dataset\":\"x\",\"source\":{\"ip\":\"1.1.1.1\"},\"source.ip\":\"2.2.2.2\",\"@timestamp\":\"1999-01-01T00:00:00Z\"}");
    Event e = readAll().get(0);
    assertThat(e.text("source.ip")).isEqualTo("1.1.1.1");
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-05-04T14:00:01Z"));
  }

  @Test
  void blankLines_areSkippedSilently_andByteOrderMarkTolerated() throws IOException {
    Files.createDirectories(dir.resolve("events"));
    Files.write(dir.resolve("events/a.jsonl"),
        ("\uFEFF" + good(1) + "\n\n   \n" + good(2) + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(readAll()).extracting(e -> e.source().line()).containsExactly(1L, 4L);
    assertThat(rejections).isEmpty();
  }

  @Test
  void unknownDatasets_andUnknownFields_areKept() {
    TestDatasets.write(dir.resolve("events/a.jsonl"),
        "{\"@timestamp\":\"2026-05-04T14:00:01+02:00\",\"event.dataset\":\"custom.thing\",\"weird.field\":\"v\"}");
    Event e = readAll().get(0);
    assertThat(e.dataset()).isEqualTo("custom.thing");
    assertThat(e.text("weird.field")).isEqualTo("v");
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-05-04T12:00:01Z"));
  }
}
