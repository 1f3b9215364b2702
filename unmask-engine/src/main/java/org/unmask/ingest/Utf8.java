package org.unmask.ingest;

/**
 * Strict UTF-8 validation of a line before it reaches the JSON parser. Jackson would replace or
 * half-detect bad sequences; a replaced byte silently changes an attacker-chosen value (a process
 * name, an e-mail) that rules then match, so a line that is not valid UTF-8 is rejected instead.
 * Rejects truncated sequences, overlong encodings, surrogates and code points above U+10FFFF.
 */
public final class Utf8 {

  private Utf8() {}

  /**
   * Whether a JSON text opens the way UTF-16 or UTF-32 does: a NUL among its first four bytes.
   * JSON parsers that take bytes guess those encodings from exactly that and read the line as
   * such, though every byte of it is valid UTF-8 (NUL is); the contract's lines are UTF-8, and a
   * raw NUL is never valid in JSON, so such a line is rejected instead.
   */
  public static boolean opensAsUtf16Or32(byte[] b, int off, int len) {
    for (int i = off, end = off + Math.min(len, 4); i < end; i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** The 0-based offset of the first invalid byte in {@code b[off, off+len)}, or -1 if valid. */
  static int firstInvalid(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      // ASCII fast path: most of every line.
      i = Bytes.skipAscii(b, i, end);
      if (i >= end) {
        return -1;
      }
      int c = b[i] & 0xFF;
      int need;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        return i - off;
      }
      if (i + need >= end) {
        return i - off; // sequence cut short by the end of the line
      }
      int cp = c & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) {
          return i - off;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return i - off;
      }
      i += need + 1;
    }
    return -1;
  }
}
