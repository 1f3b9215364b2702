package org.unmask.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
  /** Lines are gathered here and written in blocks (unsynchronised, unlike a BufferedOutputStream). */
  private final byte[] buffer = new byte[1 << 16];
  private int used;

  MatchLines(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes one line. What is encoded afresh lives in methods of its own, so that the JIT compiles
   * this one small: it runs once per match.
   *
   * @param rule what the id, title and level belong to, whose encoding is remembered; null for a
   *     line whose are encoded afresh (a correlation's, which are few)
   */
  void write(String file, long line, Object rule, String id, String title, String level) throws IOException {
    if (!file.equals(this.file)) {
      newFile(file);
    }
    byte[] tail = rule == null ? null : tails.get(rule);
    if (tail == null) {
      tail = tail(rule, id, title, level);
    }
    put(head);
    putNumber(line);
    put(tail);
  }

  void flush() throws IOException {
    out.write(buffer, 0, used);
    used = 0;
    out.flush();
  }

  private void newFile(String name) {
    file = name;
    head = utf8("{\"file\":" + quoted(name) + ",\"line\":");
  }

  private byte[] tail(Object rule, String id, String title, String level) {
    byte[] tail = utf8(",\"rule_id\":" + quoted(id) + ",\"title\":" + quoted(title) + ",\"level\":" + quoted(level) + "}\n");
    if (rule != null) {
      tails.put(rule, tail);
    }
    return tail;
  }

  private void put(byte[] bytes) throws IOException {
    if (used + bytes.length > buffer.length) {
      out.write(buffer, 0, used);
      used = 0;
      if (bytes.length > buffer.length) {
        out.write(bytes); // a title longer than the buffer
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, used, bytes.length);
    used += bytes.length;
  }

  /** The digits of a line number, which is never negative (ordinals and array indexes count from 1). */
  private void putNumber(long n) throws IOException {
    if (used + 20 > buffer.length) {
      out.write(buffer, 0, used);
      used = 0;
    }
    if (n < 0) {
      put(utf8(Long.toString(n)));
      return;
    }
    int digits = 1;
    for (long rest = n / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int at = used + digits;
    do {
      buffer[--at] = (byte) ('0' + n % 10);
      n /= 10;
    } while (n != 0);
    used += digits;
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
