package org.unmask.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeLogTest {

  @TempDir Path dir;

  private static List<IntakeLog.Line> lines(String... texts) {
    List<IntakeLog.Line> out = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      out.add(new IntakeLog.Line(i + 1, texts[i].getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static List<String> replay(IntakeLog log, long[] maxSeq) throws IOException {
    List<String> seen = new ArrayList<>();
    maxSeq[0] = log.replay((seq, ls) -> ls.forEach(l -> seen.add(seq + ":" + l.number() + ":" + new String(l.bytes(), StandardCharsets.UTF_8))));
    return seen;
  }

  /** Batches 1, 2, ... of one line each, in a log whose segments hold one such batch. */
  private void oneSegmentPerBatch(String... batches) throws IOException {
    try (IntakeLog log = new IntakeLog(dir, 40)) {
      for (int i = 0; i < batches.length; i++) {
        log.append(i + 1, lines(batches[i]));
      }
    }
  }

  @Test
  void replay_returnsEveryBatchInOrder_acrossSegments() throws IOException {
    try (IntakeLog log = new IntakeLog(dir, 64)) {
      log.append(1, lines("a", "b"));
      log.append(2, lines("c"));
      log.append(5, lines("d", "e", "f"));
    }
    assertThat(Files.list(dir).count()).isGreaterThan(1);
    long[] max = new long[1];
    try (IntakeLog log = new IntakeLog(dir, 64)) {
      assertThat(replay(log, max)).containsExactly("1:1:a", "1:2:b", "2:1:c", "5:1:d", "5:2:e", "5:3:f");
      assertThat(max[0]).isEqualTo(5);
      log.append(6, lines("g"));
    }
    try (IntakeLog log = new IntakeLog(dir, 64)) {
      assertThat(replay(log, max)).endsWith("6:1:g");
    }
  }

  @Test
  void aTornTail_isDropped_andTheLogGoesOn() throws IOException {
    try (IntakeLog log = new IntakeLog(dir, 1 << 20)) {
      log.append(1, lines("first"));
      log.append(2, lines("second, torn by a crash"));
    }
    Path segment = Files.list(dir).sorted().findFirst().orElseThrow();
    long size = Files.size(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(size - 5); // the crash hit mid-record: never acknowledged
    }
    long[] max = new long[1];
    try (IntakeLog log = new IntakeLog(dir, 1 << 20)) {
      assertThat(replay(log, max)).containsExactly("1:1:first");
      log.append(3, lines("after"));
    }
    try (IntakeLog log = new IntakeLog(dir, 1 << 20)) {
      assertThat(replay(log, max)).containsExactly("1:1:first", "3:1:after");
    }
  }

  @Test
  void damageInsideAnOlderSegment_isReported_notSkipped() throws IOException {
    oneSegmentPerBatch("aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb");
    Path first = Files.list(dir).sorted().findFirst().orElseThrow();
    byte[] bytes = Files.readAllBytes(first);
    bytes[bytes.length - 3] ^= 0x55; // flip payload bits: the CRC no longer matches
    Files.write(first, bytes);
    try (IntakeLog log = new IntakeLog(dir, 40)) {
      assertThatThrownBy(() -> log.replay((s, l) -> { })).isInstanceOf(IOException.class).hasMessageContaining("damaged");
    }
  }

  @Test
  void withARetention_segmentsLastWrittenBeforeIt_areDeleted_atStartAndWhenTheLogRolls() throws IOException {
    Instant now = Instant.parse("2026-06-30T12:00:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    Duration keep = Duration.ofDays(40);
    oneSegmentPerBatch("aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccc");
    List<Path> segments = Files.list(dir).sorted().toList();
    assertThat(segments).hasSize(3);
    Files.setLastModifiedTime(segments.get(0), FileTime.from(now.minus(Duration.ofDays(41))));
    Files.setLastModifiedTime(segments.get(1), FileTime.from(now.minus(Duration.ofDays(39))));
    Files.setLastModifiedTime(segments.get(2), FileTime.from(now.minus(Duration.ofDays(90)))); // the newest: kept

    long[] max = new long[1];
    try (IntakeLog log = new IntakeLog(dir, 40, keep, clock)) {
      assertThat(replay(log, max)).containsExactly("2:1:bbbbbbbbbbbbbbbbbbbb", "3:1:cccccccccccccccccccc");
      assertThat(max[0]).isEqualTo(3);
      Files.setLastModifiedTime(segments.get(1), FileTime.from(now.minus(Duration.ofDays(45))));
      Files.setLastModifiedTime(segments.get(2), FileTime.from(now.minus(Duration.ofDays(1))));
      log.append(4, lines("dddddddddddddddddddd")); // rolls: the segment of batch 2 has now aged out
    }
    try (IntakeLog log = new IntakeLog(dir, 40)) {
      assertThat(replay(log, max)).containsExactly("3:1:cccccccccccccccccccc", "4:1:dddddddddddddddddddd");
    }
  }

  @Test
  void withoutARetention_nothingIsDeleted() throws IOException {
    oneSegmentPerBatch("aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb");
    for (Path p : Files.list(dir).toList()) {
      Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
    }
    long[] max = new long[1];
    try (IntakeLog log = new IntakeLog(dir, 40)) {
      assertThat(replay(log, max)).hasSize(2);
    }
  }

  @Test
  void aRetentionShorterThanTheDuplicateWindow_isRefused() {
    assertThatThrownBy(() -> Intake.Limits.defaults().withLogRetention(30))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 31 days");
    assertThat(Intake.Limits.defaults().withLogRetention(31).logRetentionDays()).isEqualTo(31);
  }
}
