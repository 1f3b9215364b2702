package org.unmask.ingest;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.ZipException;
import org.unmask.event.Event;

/**
 * One cursor of the time-ordered merge: its current event ({@link #head}) and the position used to
 * break timestamp ties deterministically (file index in path order, then line).
 */
abstract class EventSource {

  Event head;
  int headFile;
  long headLine;

  /** Moves to the next event; false (and no head) when exhausted. */
  abstract boolean advance();

  abstract void close();

  /** Orders sources by their heads: time, then file, then line. */
  static int compare(EventSource a, EventSource b) {
    int c = a.head.timestamp().compareTo(b.head.timestamp());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(a.headFile, b.headFile);
    return c != 0 ? c : Long.compare(a.headLine, b.headLine);
  }

  /** Bytes consumed from disk, shared by all readers of one stream. */
  static final class ByteCounter {
    long bytes;
  }

  /**
   * Opens an event file as lines, decompressing {@code .gz}. Returns null after rejecting the
   * file when it cannot even be opened (missing, unreadable, not gzip).
   */
  static LineReader open(EventFile file, int maxLine, ByteCounter counter, RejectSink sink) {
    InputStream raw = null;
    try {
      raw = Files.newInputStream(file.path());
      if (counter != null) {
        raw = new Counting(raw, counter);
      }
      InputStream in = file.gzip() ? Gzip.open(raw) : raw;
      return new LineReader(in, maxLine);
    } catch (IOException e) {
      closeQuietly(raw);
      String why =
          file.gzip() && (e instanceof ZipException || e instanceof EOFException)
              ? "not gzip: " + message(e)
              : "cannot read: " + message(e);
      sink.reject(new Rejection(file.name(), 1, why));
      return null;
    }
  }

  /** The rejection reason for a read that failed after {@code lastLine} complete lines. */
  static String failureReason(EventFile file, IOException e, long lastLine) {
    if (file.gzip() && e instanceof EOFException) {
      return "truncated gzip: stream ended after line " + lastLine;
    }
    if (file.gzip() && e instanceof ZipException) {
      return "corrupt gzip: " + message(e) + " after line " + lastLine;
    }
    return "read error: " + message(e) + " after line " + lastLine;
  }

  static String tooLong(int maxLine) {
    return "line longer than " + maxLine + " bytes";
  }

  static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // nothing useful to do: the data has been read or the failure reported
      }
    }
  }

  private static final class Counting extends FilterInputStream {
    private final ByteCounter counter;

    Counting(InputStream in, ByteCounter counter) {
      super(in);
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counter.bytes++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        counter.bytes += n;
      }
      return n;
    }
  }
}
