package org.unmask.ingest;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts the lines of unsorted event files by (timestamp, file, line) in bounded memory: lines are
 * collected up to a byte budget, sorted, and written as a run; the stream then merges the runs
 * with everything else. Runs hold the raw line bytes plus their sort key, and lines are parsed
 * again when read back: that costs a second parse for unsorted files only, and keeps the run
 * format trivial and independent of the event model.
 *
 * <p>Run record: {@code long epochSecond, int nano, int file, long line, int length, bytes}.
 */
final class ExternalSorter {

  /** Rough per-line overhead of a held line (object headers, array header, list slot). */
  private static final int OVERHEAD = 72;

  private record Held(long second, int nano, int file, long line, byte[] bytes) {}

  private static final Comparator<Held> ORDER =
      Comparator.comparingLong(Held::second)
          .thenComparingInt(Held::nano)
          .thenComparingInt(Held::file)
          .thenComparingLong(Held::line);

  private final Path dir;
  private final long budget;
  private final List<Held> chunk = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private long used;

  ExternalSorter(Path dir, long budget) {
    this.dir = dir;
    this.budget = budget;
  }

  void add(Instant time, int file, long line, byte[] b, int off, int len) {
    chunk.add(new Held(time.getEpochSecond(), time.getNano(), file, line, Arrays.copyOfRange(b, off, off + len)));
    used += len + OVERHEAD;
    if (used >= budget) {
      spill();
    }
  }

  /** Spills what is left and returns every run, in creation order. */
  List<Path> finish() {
    if (!chunk.isEmpty()) {
      spill();
    }
    return runs;
  }

  private void spill() {
    chunk.sort(ORDER);
    Path run = dir.resolve("run-" + runs.size() + ".bin");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 256 * 1024))) {
      for (Held h : chunk) {
        out.writeLong(h.second());
        out.writeInt(h.nano());
        out.writeInt(h.file());
        out.writeLong(h.line());
        out.writeInt(h.bytes().length);
        out.write(h.bytes());
      }
    } catch (IOException e) {
      throw new DatasetException(
          "cannot write a sort run to " + dir + ": " + EventSource.message(e)
              + " — free disk space or choose another spill folder", e);
    }
    runs.add(run);
    chunk.clear();
    used = 0;
  }
}
