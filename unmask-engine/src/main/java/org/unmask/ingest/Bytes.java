package org.unmask.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Word-at-a-time byte scanning ("SWAR"): eight bytes per step for the two loops that touch every
 * byte of every event file, the newline search and the ASCII run of UTF-8 validation.
 */
final class Bytes {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = ONES * '\n';

  private Bytes() {}

  /** Index of the first '\n' in {@code b[from, to)}, or -1. */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long x = (long) LONGS.get(b, i) ^ NEWLINES; // a '\n' byte becomes zero
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      i += 8;
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first byte >= 0x80 in {@code b[from, to)}, or {@code to}. */
  static int skipAscii(byte[] b, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long high = (long) LONGS.get(b, i) & HIGHS;
      if (high != 0) {
        return i + (Long.numberOfTrailingZeros(high) >>> 3);
      }
      i += 8;
    }
    while (i < to && b[i] >= 0) {
      i++;
    }
    return i;
  }
}
