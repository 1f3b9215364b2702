package org.unmask.ingest;

import java.time.Instant;
import org.unmask.event.Event;

/**
 * Decides whether an event file is already in time order, cheaply, before the merge starts.
 *
 * <p>Most lines start with {@code {"@timestamp":"..."}}: for those the timestamp is read straight
 * from the bytes without a JSON parse. Any other line is parsed in full (with its vendor
 * adapter), so the probe sees exactly the timestamp the stream will see later: the fast path
 * matches only the first top-level {@code @timestamp}, which is also the one flattening keeps
 * (first occurrence wins) and the one adapters never override. Lines the stream will reject are
 * ignored here; a line the fast path accepts but the parser later rejects can only make the
 * probe more cautious (an unneeded sort), never wrong.
 */
final class TimeProbe {

  private static final byte[] KEY = "\"@timestamp\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final RejectSink IGNORE = r -> {};

  private final EventParser parser;
  private final int maxLine;

  TimeProbe(EventParser parser, int maxLine) {
    this.parser = parser;
    this.maxLine = maxLine;
  }

  /** True when every readable line's timestamp is at or after the previous one. */
  boolean isSorted(EventFile file, VendorAdapter hint) {
    LineReader lines = EventSource.open(file, maxLine, null, IGNORE);
    if (lines == null) {
      return true; // the stream will report why it cannot be opened
    }
    try {
      Instant previous = null;
      LineReader.Kind kind;
      while ((kind = lines.next()) != LineReader.Kind.END && kind != LineReader.Kind.FAILED) {
        if (kind != LineReader.Kind.LINE) {
          continue;
        }
        Instant t = timestamp(lines.bytes(), lines.offset(), lines.length(), file, lines.lineNumber(), hint);
        if (t == null) {
          continue;
        }
        if (previous != null && t.isBefore(previous)) {
          return false;
        }
        previous = t;
      }
      return true;
    } finally {
      EventSource.closeQuietly(lines);
    }
  }

  Instant timestamp(byte[] b, int off, int len, EventFile file, long line, VendorAdapter hint) {
    Instant fast = fastPath(b, off, len);
    if (fast != null) {
      return fast;
    }
    Event e = parser.parse(b, off, len, file.name(), line, hint, IGNORE);
    return e == null ? null : e.timestamp();
  }

  /** The timestamp of a line shaped {@code {"@timestamp":"<rfc3339>"...}}, or null. */
  static Instant fastPath(byte[] b, int off, int len) {
    int end = off + len;
    int i = skipSpace(b, off, end);
    if (i >= end || b[i] != '{') {
      return null;
    }
    i = skipSpace(b, i + 1, end);
    if (end - i < KEY.length) {
      return null;
    }
    for (int k = 0; k < KEY.length; k++) {
      if (b[i + k] != KEY[k]) {
        return null;
      }
    }
    i = skipSpace(b, i + KEY.length, end);
    if (i >= end || b[i] != ':') {
      return null;
    }
    i = skipSpace(b, i + 1, end);
    if (i >= end || b[i] != '"') {
      return null;
    }
    int start = ++i;
    while (i < end && b[i] != '"') {
      if (b[i] == '\\' || b[i] < 0x20) {
        return null; // escapes or control characters: let the parser decide
      }
      i++;
    }
    if (i >= end || i - start > 64) {
      return null;
    }
    return Timestamps.rfc3339(new Ascii(b, start, i - start));
  }

  private static int skipSpace(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** A byte range of ASCII viewed as characters, to parse without decoding. */
  private record Ascii(byte[] b, int off, int len) implements CharSequence {
    @Override
    public int length() {
      return len;
    }

    @Override
    public char charAt(int index) {
      return (char) (b[off + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Ascii(b, off + start, end - start);
    }

    @Override
    public String toString() {
      return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
