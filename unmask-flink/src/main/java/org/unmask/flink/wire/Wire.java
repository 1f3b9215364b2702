package org.unmask.flink.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.verdict.IdentityLink;
import org.unmask.verdict.LinkObservation;
import org.unmask.verdict.SharedAttribute;

/**
 * The engine's records as bytes between Flink operators and in Flink state. Flink would otherwise
 * fall back to Kryo for {@link Event}'s field map and the records' immutable lists, which Java 17
 * only allows with {@code --add-opens}; a fixed binary layout is also smaller and faster. Field
 * values are the types {@link Event} allows: String, Long, Double, Boolean, null and lists (whose
 * elements may be flattened maps, for objects inside arrays).
 */
public final class Wire {

  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte LONG = 2;
  private static final byte DOUBLE = 3;
  private static final byte TRUE = 4;
  private static final byte FALSE = 5;
  private static final byte LIST = 6;
  private static final byte MAP = 7;
  private static final byte OTHER = 8;

  private Wire() {}

  public static byte[] event(Event e) {
    return write(out -> event(out, e));
  }

  public static Event event(byte[] b) {
    return read(b, Wire::event);
  }

  private static void event(Out out, Event e) throws IOException {
    out.writeLong(e.timestamp().getEpochSecond());
    out.writeInt(e.timestamp().getNano());
    text(out, e.dataset());
    source(out, e.source());
    map(out, e.fields());
  }

  private static Event event(In in) throws IOException {
    Instant t = Instant.ofEpochSecond(in.readLong(), in.readInt());
    String dataset = text(in);
    SourceRef source = source(in);
    return new Event(t, dataset, map(in), source);
  }

  public static byte[] finding(Finding f) {
    return write(out -> {
      text(out, f.id());
      text(out, f.ruleId());
      text(out, f.title());
      text(out, f.severity().name());
      strings(out, f.attack());
      out.writeLong(f.timestamp().getEpochSecond());
      out.writeInt(f.timestamp().getNano());
      entity(out, f.entity());
      out.writeDouble(f.risk());
      out.writeInt(f.evidence().size());
      for (SourceRef s : f.evidence()) {
        source(out, s);
      }
      text(out, f.summary());
    });
  }

  public static Finding finding(byte[] b) {
    return read(b, in -> {
      String id = text(in);
      String rule = text(in);
      String title = text(in);
      Severity severity = Severity.valueOf(text(in));
      List<String> attack = strings(in);
      Instant t = Instant.ofEpochSecond(in.readLong(), in.readInt());
      EntityRef entity = entity(in);
      double risk = in.readDouble();
      int n = in.readInt();
      List<SourceRef> evidence = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        evidence.add(source(in));
      }
      return new Finding(id, rule, title, severity, attack, t, entity, risk, evidence, text(in));
    });
  }

  /** A rule match a correlation reads: the rule's id and name (either may be null) and the event. */
  public record Fed(String ruleId, String ruleName, Event event) {}

  public static byte[] fed(String ruleId, String ruleName, Event e) {
    return write(out -> {
      text(out, ruleId == null ? "" : ruleId);
      text(out, ruleName == null ? "" : ruleName);
      event(out, e);
    });
  }

  public static Fed fed(byte[] b) {
    return read(b, in -> {
      String id = text(in);
      String name = text(in);
      return new Fed(id.isEmpty() ? null : id, name.isEmpty() ? null : name, event(in));
    });
  }

  public static byte[] link(LinkObservation o) {
    return write(out -> {
      IdentityLink l = o.link();
      entity(out, l.a());
      entity(out, l.b());
      text(out, l.attribute().type());
      text(out, l.attribute().value());
      out.writeDouble(l.weight());
      text(out, l.explanation());
      out.writeLong(o.at().getEpochSecond());
      out.writeInt(o.at().getNano());
      out.writeInt(o.evidence().size());
      for (SourceRef s : o.evidence()) {
        source(out, s);
      }
    });
  }

  public static LinkObservation link(byte[] b) {
    return read(b, in -> {
      EntityRef a = entity(in);
      EntityRef bb = entity(in);
      SharedAttribute attribute = new SharedAttribute(text(in), text(in));
      IdentityLink link = new IdentityLink(a, bb, attribute, in.readDouble(), text(in));
      Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
      int n = in.readInt();
      List<SourceRef> evidence = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        evidence.add(source(in));
      }
      return new LinkObservation(link, at, evidence);
    });
  }

  private static void entity(Out out, EntityRef e) throws IOException {
    out.writeByte(e.type().ordinal());
    text(out, e.id());
  }

  private static EntityRef entity(In in) throws IOException {
    return new EntityRef(EntityRef.Type.values()[in.readByte()], text(in));
  }

  private static void source(Out out, SourceRef s) throws IOException {
    text(out, s.file());
    out.writeLong(s.line());
  }

  private static SourceRef source(In in) throws IOException {
    return new SourceRef(text(in), in.readLong());
  }

  private static void strings(Out out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      text(out, v);
    }
  }

  private static List<String> strings(In in) throws IOException {
    int n = in.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(text(in));
    }
    return out;
  }

  private static void map(Out out, Map<String, ?> fields) throws IOException {
    out.writeInt(fields.size());
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      text(out, e.getKey());
      value(out, e.getValue());
    }
  }

  private static Map<String, Object> map(In in) throws IOException {
    int n = in.readInt();
    Map<String, Object> fields = new HashMap<>(Math.max(4, n * 4 / 3 + 1));
    for (int i = 0; i < n; i++) {
      String key = text(in);
      fields.put(key, value(in));
    }
    return fields;
  }

  private static void value(Out out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      text(out, s);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (v instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object o : list) {
        value(out, o);
      }
    } else if (v instanceof Map<?, ?> m) {
      out.writeByte(MAP);
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) m;
      map(out, typed);
    } else {
      out.writeByte(OTHER); // enrichment adds only the types above; keep anything else as text
      text(out, String.valueOf(v));
    }
  }

  private static Object value(In in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case STRING, OTHER -> text(in);
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case LIST -> {
        int n = in.readInt();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(value(in));
        }
        yield list;
      }
      case MAP -> map(in);
      default -> throw new IOException("unknown value tag " + tag);
    };
  }

  /** Strings of any length, as UTF-8 with an int length. */
  private static void text(Out out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String text(In in) throws IOException {
    int n = in.readInt();
    return in.readString(n);
  }

  /**
   * A growable byte array with big-endian numbers. The JDK's data streams over byte-array streams
   * read and write a byte at a time through synchronised methods, which was the largest cost of
   * passing events between operators (measured with JFR).
   */
  private static final class Out implements AutoCloseable {
    private byte[] buf = new byte[256];
    private int size;

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    void writeByte(int v) {
      ensure(1);
      buf[size++] = (byte) v;
    }

    void writeInt(int v) {
      ensure(4);
      buf[size++] = (byte) (v >>> 24);
      buf[size++] = (byte) (v >>> 16);
      buf[size++] = (byte) (v >>> 8);
      buf[size++] = (byte) v;
    }

    void writeLong(long v) {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    void writeDouble(double v) {
      writeLong(Double.doubleToRawLongBits(v));
    }

    void write(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }

    @Override
    public void close() {}
  }

  /** Reads what {@link Out} wrote; a record cut short fails with an exception, never garbage. */
  private static final class In implements AutoCloseable {
    private final byte[] buf;
    private int pos;

    In(byte[] buf) {
      this.buf = buf;
    }

    private void need(int n) throws IOException {
      if (n < 0 || pos + n > buf.length) {
        throw new IOException("record ends early at byte " + pos + " of " + buf.length);
      }
    }

    byte readByte() throws IOException {
      need(1);
      return buf[pos++];
    }

    int readInt() throws IOException {
      need(4);
      int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    long readLong() throws IOException {
      long hi = readInt() & 0xffffffffL;
      return (hi << 32) | (readInt() & 0xffffffffL);
    }

    double readDouble() throws IOException {
      return Double.longBitsToDouble(readLong());
    }

    String readString(int n) throws IOException {
      need(n);
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    @Override
    public void close() {}
  }

  @FunctionalInterface
  private interface Writer {
    void write(Out out) throws IOException;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(In in) throws IOException;
  }

  private static byte[] write(Writer w) {
    Out out = new Out();
    try {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static <T> T read(byte[] b, Reader<T> r) {
    try {
      return r.read(new In(b));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("corrupt record between operators: " + e.getMessage(), e);
    }
  }
}
