package org.unmask.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only intake log: segment files {@code intake-NNNNNNNNNNNN.log} in one folder. One
 * record per accepted batch, written whole and forced to disk ({@link FileChannel#force}) before the
 * batch is acknowledged:
 *
 * <pre>
 * int magic 'UMK1' | long batchSeq | int payloadBytes | int crc32c(payload) | payload
 * payload = repeated (int lineNumber | int length | length bytes of the original line)
 * </pre>
 *
 * A crash can leave a torn record at the end of the last segment; it was never acknowledged, so
 * {@link #replay} stops there and truncates it. Segments roll at {@code segmentBytes}.
 *
 * <p>With a retention, a segment closed longer ago than that is deleted, before the replay at
 * start and whenever a segment rolls: the next start rebuilds detector state from the days kept.
 * A segment's age is its file's last change, the time of its last batch. The newest segment is
 * never deleted.
 */
final class IntakeLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeLog.class);
  private static final int MAGIC = 0x554D4B31;
  private static final int HEADER = 4 + 8 + 4 + 4;

  /** One line of a batch as stored. */
  record Line(int number, byte[] bytes) {}

  /** Receives the replayed batches in log order. */
  interface Replay {
    void batch(long seq, List<Line> lines);
  }

  private final Path folder;
  private final long segmentBytes;
  private FileChannel current;
  private long currentSize;
  private long currentNumber;
  private long written;
  private final Object syncLock = new Object();
  private volatile long durable;
  private long records;

  /** How long a closed segment is kept, or null to keep every one. */
  private final Duration retention;
  private final Clock clock;

  IntakeLog(Path folder, long segmentBytes) {
    this(folder, segmentBytes, null, Clock.systemUTC());
  }

  IntakeLog(Path folder, long segmentBytes, Duration retention, Clock clock) {
    this.folder = folder;
    this.segmentBytes = segmentBytes;
    this.retention = retention;
    this.clock = clock;
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the intake folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every record in order, truncating a torn tail; returns the highest batch number seen (0
   * for an empty log). Call once, before the first {@link #append}.
   */
  long replay(Replay sink) throws IOException {
    dropExpired();
    long maxSeq = 0;
    List<Path> segments = segments();
    for (int s = 0; s < segments.size(); s++) {
      Path file = segments.get(s);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long size = ch.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (pos < size) {
          header.clear();
          if (readFully(ch, header, pos) < HEADER) {
            break;
          }
          header.flip();
          int magic = header.getInt();
          long seq = header.getLong();
          int length = header.getInt();
          int crc = header.getInt();
          if (magic != MAGIC || length < 0 || pos + HEADER + length > size) {
            break;
          }
          ByteBuffer payload = ByteBuffer.allocate(length);
          readFully(ch, payload, pos + HEADER);
          CRC32C check = new CRC32C();
          check.update(payload.array(), 0, length);
          if ((int) check.getValue() != crc) {
            break;
          }
          sink.batch(seq, decode(payload.array()));
          maxSeq = Math.max(maxSeq, seq);
          records++;
          pos += HEADER + length;
        }
        if (pos < size) {
          // Only the very end of the newest segment may be torn; anything else is damage we report.
          String where = file.getFileName() + " at byte " + pos + " of " + size;
          if (s == segments.size() - 1) {
            LOG.warn("intake log: dropping a torn, never acknowledged record at the end of {}", where);
            ch.truncate(pos);
            ch.force(true);
          } else {
            throw new IOException("intake log damaged in " + where + "; move the segment away to start without it");
          }
        }
      }
    }
    return maxSeq;
  }

  /**
   * Writes one batch (not yet forced) and returns its durability ticket; {@link #awaitDurable}
   * with the ticket returns once the batch is on disk. Writes are serialised; forcing is shared
   * (group commit): one {@code force} makes every batch written before it durable, so concurrent
   * clients do not queue behind one fsync each.
   */
  synchronized long write(long seq, List<Line> lines) throws IOException {
    int length = 0;
    for (Line l : lines) {
      length += 8 + l.bytes().length;
    }
    ByteBuffer buf = ByteBuffer.allocate(HEADER + length);
    buf.putInt(MAGIC).putLong(seq).putInt(length).putInt(0);
    for (Line l : lines) {
      buf.putInt(l.number()).putInt(l.bytes().length).put(l.bytes());
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), HEADER, length);
    buf.putInt(16, (int) crc.getValue());
    buf.flip();
    FileChannel ch = channelFor(buf.remaining());
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    currentSize += HEADER + length;
    records++;
    written += HEADER + length;
    return written;
  }

  /** Returns once everything up to {@code ticket} (from {@link #write}) is forced to disk. */
  void awaitDurable(long ticket) throws IOException {
    synchronized (syncLock) {
      if (durable >= ticket) {
        return; // another thread's force covered this batch
      }
      FileChannel ch;
      long target;
      synchronized (this) {
        ch = current;
        target = written;
      }
      ch.force(false);
      durable = target;
    }
  }

  /** Writes and forces one batch: when this returns, the batch is durable. */
  void append(long seq, List<Line> lines) throws IOException {
    awaitDurable(write(seq, lines));
  }

  synchronized long records() {
    return records;
  }

  /** Bytes on disk in all segments. */
  long bytes() {
    try {
      long total = 0;
      for (Path p : segments()) {
        total += Files.size(p);
      }
      return total;
    } catch (IOException e) {
      return -1;
    }
  }

  private FileChannel channelFor(int bytes) throws IOException {
    if (current == null) {
      List<Path> existing = segments();
      open(existing.isEmpty() ? 1 : number(existing.get(existing.size() - 1)));
    }
    if (currentSize > 0 && currentSize + bytes > segmentBytes) {
      current.force(false); // tickets of the old segment are durable before it closes
      current.close();
      open(currentNumber + 1);
      dropExpired();
    }
    return current;
  }

  /** Deletes the segments, all but the newest, whose last batch is older than the retention. */
  private void dropExpired() throws IOException {
    if (retention == null) {
      return;
    }
    List<Path> segments = segments();
    FileTime oldestKept = FileTime.from(clock.instant().minus(retention));
    for (Path segment : segments.subList(0, Math.max(0, segments.size() - 1))) {
      if (Files.getLastModifiedTime(segment).compareTo(oldestKept) < 0) {
        long size = Files.size(segment);
        Files.delete(segment);
        LOG.info("intake log: deleted {} ({} bytes), last written more than {} days ago",
            segment.getFileName(), size, retention.toDays());
      }
    }
  }

  private void open(long segment) throws IOException {
    Path file = folder.resolve(String.format(Locale.ROOT, "intake-%012d.log", segment));
    current = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    currentNumber = segment;
    currentSize = current.size();
    // The new file's directory entry must survive a crash too.
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // Some file systems cannot open a directory for syncing; the data itself is still forced.
    }
  }

  private List<Path> segments() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.filter(p -> p.getFileName().toString().matches("intake-\\d{12}\\.log")).sorted().forEach(out::add);
    }
    return out;
  }

  private static long number(Path segment) {
    String n = segment.getFileName().toString();
    return Long.parseLong(n.substring(7, 19));
  }

  private static List<Line> decode(byte[] payload) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(payload);
    List<Line> out = new ArrayList<>();
    while (b.remaining() >= 8) {
      int number = b.getInt();
      int len = b.getInt();
      if (len < 0 || len > b.remaining()) {
        throw new IOException("intake log record with a bad line length " + len);
      }
      byte[] bytes = new byte[len];
      b.get(bytes);
      out.add(new Line(number, bytes));
    }
    return out;
  }

  private static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    int total = 0;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  @Override
  public synchronized void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
