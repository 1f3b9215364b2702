package org.unmask.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, with a hard cap on line length. A line
 * that fits the read buffer is handed out in place (no copy); a longer one is assembled in a
 * carry buffer that never grows past the cap; a line over the cap is skipped to the next newline
 * while only its length is counted, so a 10 MB line costs no memory.
 *
 * <p>A read failure (a truncated or corrupt gzip member, an I/O error) ends the stream: every
 * complete line before it has been returned, the partial line is dropped, and {@link #failure()}
 * says why.
 */
public final class LineReader implements Closeable {

  /** What {@link #next()} found. */
  public enum Kind { LINE, TOO_LONG, END, FAILED }

  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final int maxLine;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean started;
  private byte[] carry = new byte[0];
  private int carryLen;

  private byte[] lineBytes;
  private int lineOff;
  private int lineLen;
  private long tooLongLength;
  private long lineNumber;
  private IOException failure;

  /** Reads lines of at most {@code maxLine} bytes (longer ones are reported, not returned). */
  public LineReader(InputStream in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
  }

  /** Advances to the next line (blank lines included) and says what it is. */
  public Kind next() {
    if (failure != null || (eof && pos >= limit)) {
      return failure != null ? Kind.FAILED : Kind.END;
    }
    lineNumber++;
    carryLen = 0;
    if (carry.length > 4 * BUFFER) {
      carry = new byte[0]; // a rare long line must not pin a megabyte per open file
    }
    long skipped = -1; // >= 0 once the line is known to be too long
    while (true) {
      if (pos >= limit) {
        if (!fill()) {
          if (failure != null) {
            return Kind.FAILED;
          }
          // end of stream: a last line without a newline is still a line
          if (skipped >= 0) {
            tooLongLength = skipped;
            return Kind.TOO_LONG;
          }
          if (carryLen == 0) {
            lineNumber--;
            return Kind.END;
          }
          return emit(carry, 0, carryLen);
        }
      }
      int nl = Bytes.indexOfNewline(buf, pos, limit);
      int end = nl < 0 ? limit : nl;
      int chunk = end - pos;
      if (skipped >= 0) {
        skipped += chunk;
      } else if (nl >= 0 && carryLen == 0) {
        int start = pos;
        pos = nl + 1;
        return emit(buf, start, chunk);
      } else if ((long) carryLen + chunk > maxLine + 1L) { // +1 tolerates a trailing \r
        skipped = (long) carryLen + chunk;
        carryLen = 0;
      } else {
        appendCarry(pos, chunk);
      }
      pos = nl < 0 ? limit : nl + 1;
      if (nl >= 0) {
        if (skipped >= 0) {
          tooLongLength = skipped;
          return Kind.TOO_LONG;
        }
        return emit(carry, 0, carryLen);
      }
    }
  }

  private Kind emit(byte[] b, int off, int len) {
    if (len > 0 && b[off + len - 1] == '\r') {
      len--;
    }
    if (len > maxLine) {
      tooLongLength = len;
      return Kind.TOO_LONG;
    }
    lineBytes = b;
    lineOff = off;
    lineLen = len;
    return Kind.LINE;
  }

  private void appendCarry(int from, int len) {
    if (carryLen + len > carry.length) {
      carry = Arrays.copyOf(carry, Math.min(Math.max(carry.length * 2, carryLen + len), maxLine + 2));
    }
    System.arraycopy(buf, from, carry, carryLen, len);
    carryLen += len;
  }

  private boolean fill() {
    if (eof) {
      return false;
    }
    try {
      int n;
      do {
        n = in.read(buf, 0, buf.length);
      } while (n == 0);
      if (n < 0) {
        eof = true;
        pos = limit = 0;
        return false;
      }
      pos = 0;
      limit = n;
      if (!started) {
        started = true;
        if (ByteOrderMark.startsAt(buf, 0, n)) {
          pos = ByteOrderMark.LENGTH;
        }
      }
      return true;
    } catch (IOException e) {
      failure = e;
      eof = true;
      pos = limit = 0;
      return false;
    }
  }

  /** Whether a line holds only spaces, tabs and carriage returns (nothing to parse, nothing to reject). */
  public static boolean isBlank(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  public byte[] bytes() {
    return lineBytes;
  }

  public int offset() {
    return lineOff;
  }

  public int length() {
    return lineLen;
  }

  /** 1-based number of the line last returned (or of the line being read when it failed). */
  public long lineNumber() {
    return lineNumber;
  }

  public long tooLongLength() {
    return tooLongLength;
  }

  public IOException failure() {
    return failure;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
