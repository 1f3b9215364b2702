package org.unmask.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts the lines of unsorted event files by (timestamp, file, line) in bounded memory: lines are
 * collected up to a byte budget, sorted, and written as a run; the stream then merges the runs
 * with everything else. Runs hold the raw line bytes plus their sort key, and lines are parsed
 * again when read back: that costs a second parse for unsorted files only, and keeps the run
 * format trivial and independent of the event model.
 *
 * <p>Run record: {@code long epochSecond, int nano, int file, long line, int length, bytes}. When
 * there are more runs than may be open at once, groups of them are first merged on these stored
 * keys into longer runs (a multi-level merge), so any dataset size works with bounded handles.
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
  private final int maxRuns;
  private final List<Held> chunk = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private long used;

  /**
   * @param maxRuns most runs handed to the final merge; beyond it runs are merged into bigger ones
   *     first (on their stored keys, without parsing), so open files stay bounded at any size
   */
  ExternalSorter(Path dir, long budget, int maxRuns) {
    this.dir = dir;
    this.budget = budget;
    this.maxRuns = maxRuns;
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
    List<Path> result = new ArrayList<>(runs);
    while (result.size() > maxRuns) {
      List<Path> group = result.subList(0, maxRuns);
      Path merged = dir.resolve("run-" + (runs.size()) + ".bin");
      runs.add(merged);
      merge(List.copyOf(group), merged);
      for (Path p : group) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // deleted with the folder on close
        }
      }
      group.clear();
      result.add(merged);
    }
    return result;
  }

  /** A run being read back during an intermediate merge: its current record, undecoded. */
  private static final class Cursor {
    final DataInputStream in;
    long second;
    int nano;
    int file;
    long line;
    byte[] bytes = new byte[256];
    int len;

    Cursor(DataInputStream in) {
      this.in = in;
    }

    boolean next() throws IOException {
      try {
        second = in.readLong();
      } catch (EOFException end) {
        return false;
      }
      nano = in.readInt();
      file = in.readInt();
      line = in.readLong();
      len = in.readInt();
      if (len > bytes.length) {
        bytes = new byte[Math.max(len, bytes.length * 2)];
      }
      in.readFully(bytes, 0, len);
      return true;
    }

    static int compare(Cursor a, Cursor b) {
      int c = Long.compare(a.second, b.second);
      if (c == 0) {
        c = Integer.compare(a.nano, b.nano);
      }
      if (c == 0) {
        c = Integer.compare(a.file, b.file);
      }
      return c != 0 ? c : Long.compare(a.line, b.line);
    }
  }

  private void merge(List<Path> group, Path target) {
    List<DataInputStream> inputs = new ArrayList<>();
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(target), 256 * 1024))) {
      PriorityQueue<Cursor> queue = new PriorityQueue<>(Cursor::compare);
      for (Path p : group) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 64 * 1024));
        inputs.add(in);
        Cursor c = new Cursor(in);
        if (c.next()) {
          queue.add(c);
        }
      }
      Cursor c;
      while ((c = queue.poll()) != null) {
        out.writeLong(c.second);
        out.writeInt(c.nano);
        out.writeInt(c.file);
        out.writeLong(c.line);
        out.writeInt(c.len);
        out.write(c.bytes, 0, c.len);
        if (c.next()) {
          queue.add(c);
        }
      }
    } catch (IOException e) {
      throw new DatasetException(
          "cannot merge sort runs in " + dir + ": " + EventSource.message(e)
              + " — free disk space or choose another spill folder", e);
    } finally {
      inputs.forEach(EventSource::closeQuietly);
    }
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
