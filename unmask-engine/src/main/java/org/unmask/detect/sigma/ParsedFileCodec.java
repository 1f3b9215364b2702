package org.unmask.detect.sigma;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed rule file ({@link RuleFiles.Parsed}: its YAML documents with their key lines, and the
 * problems reading found) as bytes and back, for {@link RuleFileCache}. The values are those
 * {@link YamlDocuments} makes: null, booleans, longs, doubles, strings, lists and ordered maps, each
 * written with its type, so a file read back is equal to the file parsed, in order and in type.
 * The file's name is not written: the cache keys entries by it and hands it back on reading.
 *
 * <p>Reading checks every length against the bytes left and bounds nesting, and fails with
 * {@link Corrupt} on anything it did not write; a cache that fails is ignored, never trusted.
 */
final class ParsedFileCodec {

  /** Bytes that are not a file this codec wrote (a truncated or damaged cache). */
  static final class Corrupt extends RuntimeException {
    Corrupt(String message) {
      super(message, null, false, false);
    }
  }

  private static final byte NULL = 0;
  private static final byte TRUE = 1;
  private static final byte FALSE = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte STRING = 5;
  private static final byte LIST = 6;
  private static final byte MAP = 7;
  /** Deeper than {@link YamlDocuments} ever nests a value it accepts. */
  private static final int MAX_DEPTH = 80;

  private ParsedFileCodec() {}

  static byte[] encode(RuleFiles.Parsed parsed) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(parsed.problems().size());
      for (LoadProblem p : parsed.problems()) {
        out.writeInt(p.line());
        out.writeByte(p.severity().ordinal());
        writeString(out, p.message());
        writeString(out, p.suggestion());
      }
      out.writeInt(parsed.documents().size());
      for (YamlDocument d : parsed.documents()) {
        out.writeInt(d.line());
        writeValue(out, d.root());
        out.writeInt(d.lines().size());
        for (Map.Entry<String, Integer> line : d.lines().entrySet()) {
          writeString(out, line.getKey());
          out.writeInt(line.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /** The file {@link #encode} wrote into {@code in}'s remaining bytes, named {@code file}. */
  static RuleFiles.Parsed decode(String file, ByteBuffer in) {
    try {
      int problemCount = count(in);
      List<LoadProblem> problems = new ArrayList<>(problemCount);
      for (int i = 0; i < problemCount; i++) {
        int line = in.getInt();
        LoadProblem.Severity[] severities = LoadProblem.Severity.values();
        int severity = in.get();
        if (severity < 0 || severity >= severities.length) {
          throw new Corrupt("severity " + severity);
        }
        problems.add(new LoadProblem(file, line, severities[severity], readString(in), readString(in)));
      }
      int documentCount = count(in);
      List<YamlDocument> documents = new ArrayList<>(documentCount);
      for (int i = 0; i < documentCount; i++) {
        int line = in.getInt();
        if (!(readValue(in, 0) instanceof Map<?, ?> map)) {
          throw new Corrupt("a document that is not a map");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) map;
        int lineCount = count(in);
        Map<String, Integer> lines = new HashMap<>(lineCount * 4 / 3 + 1);
        for (int j = 0; j < lineCount; j++) {
          lines.put(readString(in), in.getInt());
        }
        documents.add(new YamlDocument(file, line, root, lines));
      }
      if (in.hasRemaining()) {
        throw new Corrupt(in.remaining() + " bytes left over");
      }
      return new RuleFiles.Parsed(file, documents, problems);
    } catch (BufferUnderflowException e) {
      throw new Corrupt("cut short");
    }
  }

  private static void writeValue(DataOutputStream out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object item : list) {
        writeValue(out, item);
      }
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      out.writeInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        writeString(out, (String) e.getKey());
        writeValue(out, e.getValue());
      }
    } else {
      // YamlDocuments makes no other type; failing here keeps a new one from being cached wrong
      throw new IllegalArgumentException("cannot cache a " + value.getClass().getName());
    }
  }

  private static Object readValue(ByteBuffer in, int depth) {
    if (depth > MAX_DEPTH) {
      throw new Corrupt("nested deeper than " + MAX_DEPTH);
    }
    byte type = in.get();
    switch (type) {
      case NULL:
        return null;
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case LONG:
        return in.getLong();
      case DOUBLE:
        return in.getDouble();
      case STRING:
        return readString(in);
      case LIST: {
        int n = count(in);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(readValue(in, depth + 1));
        }
        return list;
      }
      case MAP: {
        int n = count(in);
        Map<String, Object> map = new LinkedHashMap<>(n * 4 / 3 + 1);
        for (int i = 0; i < n; i++) {
          map.put(readString(in), readValue(in, depth + 1));
        }
        return map;
      }
      default:
        throw new Corrupt("type " + type);
    }
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  static String readString(ByteBuffer in) {
    int length = count(in);
    String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }

  /**
   * A count or length, checked against the bytes left (every item takes at least one), so that a
   * damaged cache cannot ask for a gigabyte.
   */
  static int count(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new Corrupt("a count of " + n + " with " + in.remaining() + " bytes left");
    }
    return n;
  }
}
