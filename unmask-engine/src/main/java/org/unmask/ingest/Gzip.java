package org.unmask.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a {@code .gz} file of one or more members (what {@code cat a.gz b.gz} and log rotation
 * make), strictly. The JDK's reader ends in silence when the bytes after a member are not a whole
 * other member (a damaged header, a truncated append, stray bytes): every line after the damage
 * would vanish without a rejection. Here, at the end, bytes left over past the last trailer are a
 * {@link ZipException}, which the readers report as a corrupt gzip after the last good line; the
 * lines before it were all delivered.
 */
public final class Gzip {

  private Gzip() {}

  /** The decompressed content of {@code raw}; opening fails when it does not start as gzip. */
  public static InputStream open(InputStream raw) throws IOException {
    return new Strict(new SaysWhatFollows(raw));
  }

  /**
   * A stream whose {@code available()} is more than 0 exactly when a byte follows, waiting for it
   * if it must. The JDK's reader asks {@code available()} whether another member follows a
   * member's end; a socket between two pieces of a request says 0, and the reader ended there,
   * so a second member arriving a moment later was taken for bytes after the last one.
   */
  private static final class SaysWhatFollows extends java.io.PushbackInputStream {
    SaysWhatFollows(InputStream in) {
      super(in, 1);
    }

    @Override
    public int available() throws IOException {
      int n = super.available();
      if (n > 0) {
        return n;
      }
      int b = read();
      if (b < 0) {
        return 0;
      }
      unread(b);
      return 1;
    }
  }

  private static final class Strict extends GZIPInputStream {
    /** The bytes of a member's trailer: what the inflater may hold unread at a clean end. */
    private static final int TRAILER = 8;
    private boolean ended;

    Strict(InputStream raw) throws IOException {
      super(raw, 64 * 1024);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0 && !ended) {
        ended = true;
        // the inflater still counts what followed the last member in its buffer; the file may
        // hold more behind it
        if (inf.getRemaining() > TRAILER || in.available() > 0) {
          throw new ZipException("bytes after the last gzip member are not a gzip member");
        }
      }
      return n;
    }
  }
}
