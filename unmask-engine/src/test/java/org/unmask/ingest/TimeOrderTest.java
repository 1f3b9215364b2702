package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.Event;

class TimeOrderTest {

  @TempDir Path dir;
  @TempDir Path spill;
  final List<Rejection> rejections = new ArrayList<>();

  static String event(long second, String tag) {
    return "{\"@timestamp\":\"%s\",\"event.dataset\":\"x\",\"tag\":\"%s\"}".formatted(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second), tag);
  }

  private List<Event> readAll(ReadOptions options) {
    List<Event> events = new ArrayList<>();
    try (EventStream s = Dataset.open(dir).events(rejections::add, options)) {
      s.forEachRemaining(events::add);
    }
    return events;
  }

  private static final Comparator<Event> ORDER =
      Comparator.comparing(Event::timestamp)
          .thenComparing((Event e) -> e.source().file())
          .thenComparingLong(e -> e.source().line());

  @Test
  void events_areMergedAcrossFiles_byTime_thenFile_thenLine() {
    TestDatasets.write(dir.resolve("events/b.jsonl"), event(1, "b1"), event(5, "b2"), event(5, "b3"));
    TestDatasets.write(dir.resolve("events/a/z.jsonl"), event(0, "a0"), event(5, "a5"), event(9, "a9"));
    TestDatasets.write(dir.resolve("events/c.jsonl"), event(5, "c5"));

    List<Event> events = readAll(ReadOptions.defaults());

    assertThat(events).extracting(e -> e.text("tag"))
        .containsExactly("a0", "b1", "a5", "b2", "b3", "c5", "a9");
  }

  @Test
  void unsortedFile_isSortedExternally_intoManyRuns_andSpillIsDeleted() throws IOException {
    Random random = new Random(42);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      lines.add(event(random.nextInt(5_000), "u" + i));
    }
    TestDatasets.write(dir.resolve("events/unsorted.jsonl"), lines.toArray(String[]::new));
    List<String> sorted = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      sorted.add(event(i, "s" + i));
    }
    TestDatasets.write(dir.resolve("events/sorted.jsonl"), sorted.toArray(String[]::new));

    // 64 KiB chunks: the 20,000 lines spill as dozens of runs
    List<Event> events = readAll(ReadOptions.defaults().withSpillDir(spill).withSortChunkBytes(64 * 1024));

    assertThat(events).hasSize(23_000).isSortedAccordingTo(ORDER);
    assertThat(rejections).isEmpty();
    try (var left = Files.list(spill)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void rejectionsInUnsortedFiles_areStillReported_andGoodLinesKept() {
    TestDatasets.write(dir.resolve("events/u.jsonl"), event(9, "late"), "not json", event(1, "early"));
    List<Event> events = readAll(ReadOptions.defaults().withSpillDir(spill));
    assertThat(events).extracting(e -> e.text("tag")).containsExactly("early", "late");
    assertThat(rejections).extracting(Rejection::line).containsExactly(2L);
  }

  @Test
  void moreFilesThanMayBeOpen_stillMergeInOrder() {
    for (int f = 0; f < 12; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        lines.add(event(i * 12L + (f * 7L) % 12, "f" + f + "-" + i));
      }
      TestDatasets.write(dir.resolve("events/f%02d.jsonl".formatted(f)), lines.toArray(String[]::new));
    }
    List<Event> events = readAll(ReadOptions.defaults().withSpillDir(spill).withMaxOpenFiles(3));
    assertThat(events).hasSize(600).isSortedAccordingTo(ORDER);
  }

  @Test
  void manyRuns_areMergedInLevels_andStayInOrder() throws IOException {
    Random random = new Random(5);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      lines.add(event(random.nextInt(1_000), "u" + i));
    }
    TestDatasets.write(dir.resolve("events/u.jsonl"), lines.toArray(String[]::new));
    // ~10 runs of 64 KiB, at most 3 open at once: two levels of intermediate merges
    List<Event> events = readAll(ReadOptions.defaults().withSpillDir(spill).withSortChunkBytes(64 * 1024).withMaxOpenFiles(3));
    assertThat(events).hasSize(6_000).isSortedAccordingTo(ORDER);
    try (var left = Files.list(spill)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void order_isTheSame_whateverTheSortChunkSize() {
    Random random = new Random(7);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      lines.add(event(random.nextInt(100), "u" + i)); // many equal timestamps
    }
    TestDatasets.write(dir.resolve("events/u.jsonl"), lines.toArray(String[]::new));
    TestDatasets.write(dir.resolve("events/v.jsonl"), lines.toArray(String[]::new));

    List<String> big = readAll(ReadOptions.defaults().withSpillDir(spill)).stream().map(e -> e.source().toString()).toList();
    List<String> small = readAll(ReadOptions.defaults().withSpillDir(spill).withSortChunkBytes(64 * 1024))
        .stream().map(e -> e.source().toString()).toList();
    assertThat(small).isEqualTo(big).hasSize(10_000);
  }

  @Test
  void gzipAndPlainFiles_areReadAlike_andBytesReadReachesTheTotal() throws IOException {
    TestDatasets.write(dir.resolve("events/a.jsonl"), event(1, "plain"), event(3, "plain"));
    Files.createDirectories(dir.resolve("events"));
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dir.resolve("events/b.jsonl.gz"))), StandardCharsets.UTF_8)) {
      w.write(event(2, "gz") + "\n");
    }
    Dataset ds = Dataset.open(dir);
    assertThat(ds.eventFiles()).extracting(EventFile::name).containsExactly("events/a.jsonl", "events/b.jsonl.gz");
    try (EventStream s = ds.events(rejections::add)) {
      List<String> tags = new ArrayList<>();
      s.forEachRemaining(e -> tags.add(e.text("tag")));
      assertThat(tags).containsExactly("plain", "gz", "plain");
      assertThat(s.bytesRead()).isEqualTo(ds.eventBytes());
    }
  }

  @Test
  void timestampFastPath_agreesWithTheFullParse() {
    String[] stamps = {"2026-05-04T14:00:01Z", "2026-05-04t14:00:01.123456789z", "2026-05-04 14:00:01+05:30",
        "2024-02-29T23:59:59.5-08:00", "1970-01-01T00:00:00Z"};
    for (String s : stamps) {
      byte[] line = ("{ \"@timestamp\" : \"" + s + "\", \"event.dataset\":\"x\"}").getBytes(StandardCharsets.UTF_8);
      assertThat(TimeProbe.fastPath(line, 0, line.length)).as(s)
          .isEqualTo(java.time.OffsetDateTime.parse(s.replace(' ', 'T').toUpperCase()).toInstant());
    }
    byte[] invalid = "{\"@timestamp\":\"2026-02-30T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(TimeProbe.fastPath(invalid, 0, invalid.length)).isNull();
  }

  @Test
  void unusableSpillFolder_isAClearDatasetError() throws IOException {
    TestDatasets.write(dir.resolve("events/u.jsonl"), event(9, "late"), event(1, "early"));
    Path notAFolder = Files.writeString(spill.resolve("file"), "x");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Dataset.open(dir).events(rejections::add, ReadOptions.defaults().withSpillDir(notAFolder)))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("cannot create a folder for sorting in " + notAFolder)
        .hasMessageEndingWith("choose another spill folder");
  }
}
