package org.unmask.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The JSON lines {@code unmask match} prints, one per match:
 * {@code {"file":...,"line":...,"rule_id":...,"title":...,"level":...}}.
 *
 * <p>A rule's id, title and level are the same in every one of its matches, and a file's name in
 * every line read from it, so their escaped UTF-8 is made once: a match costs copying two byte
 * runs and writing its line number. Escaping four strings per match through a JSON generator was
 * a tenth of a million-event run's output cost, and the largest method the JIT compiled for it.
 * The bytes are those Jackson's generator writes (the same escaping; unpaired surrogates become
 * {@code ?} as an UTF-8 writer makes them). Flushed by the caller, once.
 */
final class MatchLines {

  private final OutputStream out;
  /** By rule, compared by identity: the encoded {@code ,"rule_id":...} to the line's end. */
  private final Map<Object, byte[]> tails = new IdentityHashMap<>();
  private String file;
  private byte[] head;
  private final byte[] digits = new byte[20];

  MatchLines(OutputStream out) {
    this.out = new BufferedOutputStream(out, 1 << 16);
  }

  /**
   * Writes one line.
   *
   * @param rule what the id, title and level belong to, whose encoding is remembered; null for a
   *     line whose are encoded afresh (a correlation's, which are few)
   */
  void write(String file, long line, Object rule, String id, String title, String level) throws IOException {
    if (!file.equals(this.file)) {
      this.file = file;
      head = utf8("{\"file\":" + quoted(file) + ",\"line\":");
    }
    byte[] tail = rule == null ? null : tails.get(rule);
    if (tail == null) {
      tail = utf8(",\"rule_id\":" + quoted(id) + ",\"title\":" + quoted(title) + ",\"level\":" + quoted(level) + "}\n");
      if (rule != null) {
        tails.put(rule, tail);
      }
    }
    out.write(head);
    writeNumber(line);
    out.write(tail);
  }

  void flush() throws IOException {
    out.flush();
  }

  private void writeNumber(long n) throws IOException {
    if (n < 0) {
      out.write('-'); // a line number never is; kept exact rather than assumed
      if (n == Long.MIN_VALUE) {
        out.write(utf8("9223372036854775808"));
        return;
      }
      n = -n;
    }
    int at = digits.length;
    do {
      digits[--at] = (byte) ('0' + n % 10);
      n /= 10;
    } while (n != 0);
    out.write(digits, at, digits.length - at);
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
