package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.Event;

/** The event files {@code unmask match} reads, as the tools that write them write them. */
class JsonEventsTest {

  @TempDir
  Path dir;

  /** evtx_dump's default output ({@code evtx_dump -o json}): {@code Record <id>}, then the record indented. */
  private static final String EVTX_DUMP = """
      Record 7
      {
        "Event": {
          "System": {"EventID": 4688, "Channel": "Security", "TimeCreated": {"#attributes": {"SystemTime": "2026-05-04T08:00:00.000000Z"}}},
          "EventData": {"NewProcessName": "C:\\\\Windows\\\\System32\\\\whoami.exe", "CommandLine": "whoami /priv"}
        }
      }
      Record 8
      {
        "Event": {
          "System": {"EventID": 4688, "Channel": "Security"
      Record 9
      {
        "Event": {
          "System": {"EventID": 4624, "Channel": "Security"},
          "EventData": {"TargetUserName": "ana"}
        }
      }
      """;

  private record Read(List<Event> events, List<JsonEvents.Rejected> rejected) {}

  private static Read read(Path file) throws IOException {
    List<Event> events = new ArrayList<>();
    List<JsonEvents.Rejected> rejected = new ArrayList<>();
    JsonEvents.read(file, events::add, rejected::add);
    return new Read(events, rejected);
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    if (name.endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      Files.writeString(file, text);
    }
    return file;
  }

  @Test
  void evtxDumpsDefaultOutput_isReadRecordByRecord_andABrokenRecordIsRejectedAlone() throws IOException {
    for (String name : List.of("security.json", "security.jsonl", "security.json.gz", "security.txt", "bom.json")) {
      Read r = read(write(name, name.startsWith("bom") ? "\uFEFF" + EVTX_DUMP : EVTX_DUMP));
      assertThat(r.events()).as(name).hasSize(2);
      assertThat(r.events().get(0).text("Event.EventData.CommandLine")).isEqualTo("whoami /priv");
      assertThat(r.events().get(0).timestamp()).hasToString("2026-05-04T08:00:00Z");
      assertThat(r.events()).extracting(e -> e.source().line()).as("the records' ordinals").containsExactly(1L, 3L);
      assertThat(r.rejected()).as(name).singleElement().satisfies(x -> {
        assertThat(x.line()).isEqualTo(2);
        assertThat(x.reason()).startsWith("invalid JSON");
      });
    }
  }

  @Test
  void aRecordLineAfterTheStart_isJustABadLine_andTheGoodLinesAroundItAreKept() throws IOException {
    Read r = read(write("e.jsonl", "{\"a\":1}\nRecord 2\n{\"a\":3}\n"));
    assertThat(r.events()).extracting(e -> e.source().line()).containsExactly(1L, 3L);
    assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(2));
  }

  @Test
  void gzippedJson_isReadAsJson_arraysAndConcatenatedObjectsToo() throws IOException {
    Read array = read(write("a.json.gz", "[{\"a\":1},{\"a\":2}]"));
    assertThat(array.events()).extracting(e -> e.source().line()).containsExactly(1L, 2L);
    Read concatenated = read(write("c.json.gz", "{\"a\":1}\n{\n  \"a\": 2\n}\n"));
    assertThat(concatenated.events()).hasSize(2);
    assertThat(concatenated.rejected()).isEmpty();
  }

  @Test
  void aFileThatCannotBeRead_isOneRejection_notAnError() throws IOException {
    Path notGzip = dir.resolve("events.jsonl.gz");
    Files.writeString(notGzip, "{\"a\":1}\n");
    Read r = read(notGzip);
    assertThat(r.events()).isEmpty();
    assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.reason()).startsWith("cannot read the file"));
    Read missing = read(dir.resolve("gone.jsonl"));
    assertThat(missing.rejected()).singleElement().satisfies(x -> assertThat(x.reason()).startsWith("cannot read the file"));
  }

  @Test
  void aTruncatedGzip_keepsTheEventsBeforeTheBreak() throws IOException {
    Path whole = write("whole.jsonl.gz", "{\"a\":1}\n".repeat(20_000));
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.jsonl.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Read r = read(cut);
    assertThat(r.events()).hasSizeBetween(1, 19_999);
    assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.reason()).startsWith("cannot read further"));
  }

  @Test
  void aGzipCutInItsTrailer_keepsEveryCompleteRecordAndLine() throws IOException {
    for (String name : List.of("records.json.gz", "lines.jsonl.gz")) {
      String text = name.startsWith("records") ? EVTX_DUMP : "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n";
      byte[] whole = Files.readAllBytes(write(name, text));
      Path cut = dir.resolve("cut-" + name);
      Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 8)); // the CRC and length are gone
      Read r = read(cut);
      assertThat(r.events()).as(name + ": the last record too").hasSize(name.startsWith("records") ? 2 : 3);
      assertThat(r.rejected()).as(name).last().satisfies(x -> assertThat(x.reason()).startsWith("cannot read further")
          .doesNotContain("null"));
    }
  }

  @Test
  void aRecordWithALineOfTwoMebibytes_isRead() throws IOException {
    String big = "x".repeat(2 << 20);
    Read r = read(write("big.json", "Record 1\n{\"Event\": {\"EventData\": {\"Blob\": \"" + big + "\"}}}\n"));
    assertThat(r.rejected()).isEmpty();
    assertThat(r.events()).singleElement().satisfies(e -> assertThat(e.text("Event.EventData.Blob")).hasSize(2 << 20));
  }

  @Test
  void arraysInsideObjectsInsideArrays_flattenToOneListOfValues() throws IOException {
    Map<String, Object> fields = JsonEvents.parse("{\"a\":[{\"b\":[\"x\",\"y\"]},{\"b\":\"z\"}]}");
    assertThat(fields).containsEntry("a.b", List.of("x", "y", "z"));
    SigmaRuleSet rule = SigmaTesting.rule("    s:\n        a.b: 'y'\n    condition: s\n");
    assertThat(rule.matches(SigmaTesting.event(fields))).hasSize(1);
  }

  @Test
  void whatTheReceiverThrows_leavesTheReading_insteadOfPassingForInvalidJson() throws IOException {
    for (String name : List.of("e.jsonl", "e.json", "r.json")) {
      Path file = write(name, name.startsWith("r") ? EVTX_DUMP : name.endsWith(".json") ? "[{\"a\":1},{\"a\":2}]" : "{\"a\":1}\n{\"a\":2}\n");
      List<JsonEvents.Rejected> rejected = new ArrayList<>();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonEvents.read(file, e -> {
        throw new java.io.UncheckedIOException(new IOException("stdout closed"));
      }, rejected::add)).as(name).isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("stdout closed");
      assertThat(rejected).as(name).isEmpty();
    }
  }

  @Test
  void anEmptyObject_isAPresentFieldWithoutValue_forExists() throws IOException {
    Map<String, Object> fields = JsonEvents.parse("{\"f\":{},\"g\":{\"h\":{}},\"k\":{\"v\":1}}");
    assertThat(fields).containsEntry("f", List.of()).containsEntry("g.h", List.of()).containsEntry("k.v", 1L)
        .doesNotContainKey("g").doesNotContainKey("k");
    SigmaRuleSet exists = SigmaTesting.rule("    s:\n        f|exists: true\n    condition: s\n");
    SigmaRuleSet absent = SigmaTesting.rule("    s:\n        f|exists: false\n    condition: s\n");
    Event e = JsonEvents.toEvent(fields, new org.unmask.event.SourceRef("t.jsonl", 1));
    assertThat(exists.matches(e)).hasSize(1);
    assertThat(absent.matches(e)).isEmpty();
  }

  /** What reading hands on, in order: each event as its source and fields, each rejection as it is. */
  private static List<String> sequence(Path file, boolean unparsed) throws IOException {
    List<String> out = new ArrayList<>();
    JsonEvents.Sink events = e -> out.add("event " + e.source() + " " + new java.util.TreeMap<>(e.fields()));
    java.util.function.Consumer<JsonEvents.Rejected> rejects = r -> out.add("rejected " + r);
    if (!unparsed) {
      JsonEvents.read(file, events, rejects);
      return out;
    }
    JsonEvents.readUnparsed(file, new JsonEvents.UnparsedSink() {
      @Override
      public void unparsed(JsonEvents.Unparsed unit) {
        JsonEvents.parse(unit, events, rejects); // as a worker thread would, later
      }

      @Override
      public void accept(Event event) {
        events.accept(event);
      }
    }, rejects);
    return out;
  }

  /**
   * Reading lines and records unparsed and parsing them after (what {@code unmask match} does on
   * several threads) gives the events and rejections of reading them parsed, in the same order,
   * over random damage of every file shape.
   */
  @Test
  void readUnparsed_thenParsed_isRead() throws IOException {
    java.util.Random random = new java.util.Random(2711);
    String good = "{\"@timestamp\":\"2026-05-04T08:00:%02dZ\",\"Event\":{\"System\":{\"EventID\":%d},\"EventData\":{\"Image\":\"C:\\\\x%d.exe\"}}}";
    for (int round = 0; round < 60; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        String line = good.formatted(i % 60, i, random.nextInt(5));
        switch (random.nextInt(8)) {
          case 0 -> line = line.substring(0, random.nextInt(line.length())); // cut
          case 1 -> line = line + " trailing";
          case 2 -> line = "";
          case 3 -> line = "[" + line + "]";
          default -> { }
        }
        text.append(line).append('\n');
      }
      String shape = List.of("e.jsonl", "e.jsonl.gz", "e.json", "records.txt").get(round % 4);
      String content = switch (shape) {
        case "e.json" -> "[" + String.join(",", text.toString().lines().filter(l -> !l.isEmpty()).toList()) + "]";
        case "records.txt" -> {
          StringBuilder r = new StringBuilder();
          int n = 1;
          for (String l : text.toString().lines().toList()) {
            r.append("Record ").append(n++).append('\n').append(l).append('\n');
          }
          yield r.toString();
        }
        default -> text.toString();
      };
      Path file = write(round + shape, content);
      List<String> parsed = sequence(file, false);
      if (!shape.equals("e.json")) { // one break in a JSON document rejects the rest of it
        assertThat(parsed).as("round %d", round).anyMatch(l -> l.startsWith("event ")).anyMatch(l -> l.startsWith("rejected "));
      }
      assertThat(sequence(file, true)).as("round %d, %s", round, shape).isEqualTo(parsed);
    }
  }

  /**
   * A pipe is read to its end, as the standard input ({@code evtx_dump x.evtx | unmask match ... -})
   * and process substitution are: a stream that asks a pipe for its position fails after the first
   * buffer with "Illegal seek".
   */
  @Test
  void aPipe_isReadToItsEnd() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no mkfifo here: " + e.getMessage());
      return;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
    int lines = 20_000; // far more than one buffer
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        for (int i = 0; i < lines; i++) {
          out.write(("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(64) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    Read read = read(fifo);
    writer.join();
    assertThat(read.rejected()).isEmpty();
    assertThat(read.events()).hasSize(lines);
    assertThat(read.events().get(lines - 1).source().line()).isEqualTo(lines);
  }
}
