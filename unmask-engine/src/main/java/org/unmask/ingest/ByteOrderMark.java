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

  private ByteOrderMark() {}

  /** The stream, past a leading UTF-8 byte order mark if it has one; nothing else is consumed. */
  public static InputStream skipped(InputStream in) throws IOException {
    PushbackInputStream p = new PushbackInputStream(in, UTF8.length);
    byte[] head = p.readNBytes(UTF8.length);
    if (head.length == UTF8.length && head[0] == UTF8[0] && head[1] == UTF8[1] && head[2] == UTF8[2]) {
      return p;
    }
    p.unread(head);
    return p;
  }
}
