package org.unmask.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Drops a UTF-8 byte order mark from the start of a stream. Excel's "CSV UTF-8" export and many
 * other tools write one; left in, it sticks to the first header name, and when that name is
 * quoted ({@code \uFEFF"person_id"}) the CSV parser reads the quotes as part of it, so the
 * column goes missing from every row.
 */
public final class ByteOrderMark {

  private static final byte[] UTF8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  /** The bytes a UTF-8 byte order mark takes. */
  public static final int LENGTH = UTF8.length;

  private ByteOrderMark() {}

  /** The stream, past a leading UTF-8 byte order mark if it has one; nothing else is consumed. */
  public static InputStream skipped(InputStream in) throws IOException {
    PushbackInputStream p = new PushbackInputStream(in, LENGTH);
    byte[] head = p.readNBytes(LENGTH);
    if (!startsAt(head, 0, head.length)) {
      p.unread(head);
    }
    return p;
  }

  /** Whether the bytes {@code b[off, end)} open with a UTF-8 byte order mark. */
  public static boolean startsAt(byte[] b, int off, int end) {
    return end - off >= LENGTH && b[off] == UTF8[0] && b[off + 1] == UTF8[1] && b[off + 2] == UTF8[2];
  }
}
