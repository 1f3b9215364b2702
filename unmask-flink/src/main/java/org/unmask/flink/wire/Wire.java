package org.unmask.flink.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    return write(out -> {
      out.writeLong(e.timestamp().getEpochSecond());
      out.writeInt(e.timestamp().getNano());
      out.writeUTF(e.dataset());
      source(out, e.source());
      map(out, e.fields());
    });
  }

  public static Event event(byte[] b) {
    return read(b, in -> {
      Instant t = Instant.ofEpochSecond(in.readLong(), in.readInt());
      String dataset = in.readUTF();
      SourceRef source = source(in);
      return new Event(t, dataset, map(in), source);
    });
  }

  public static byte[] finding(Finding f) {
    return write(out -> {
      out.writeUTF(f.id());
      out.writeUTF(f.ruleId());
      text(out, f.title());
      out.writeUTF(f.severity().name());
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
      String id = in.readUTF();
      String rule = in.readUTF();
      String title = text(in);
      Severity severity = Severity.valueOf(in.readUTF());
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

  public static byte[] link(LinkObservation o) {
    return write(out -> {
      IdentityLink l = o.link();
      entity(out, l.a());
      entity(out, l.b());
      out.writeUTF(l.attribute().type());
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
      SharedAttribute attribute = new SharedAttribute(in.readUTF(), text(in));
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

  private static void entity(DataOutputStream out, EntityRef e) throws IOException {
    out.writeByte(e.type().ordinal());
    text(out, e.id());
  }

  private static EntityRef entity(DataInputStream in) throws IOException {
    return new EntityRef(EntityRef.Type.values()[in.readByte()], text(in));
  }

  private static void source(DataOutputStream out, SourceRef s) throws IOException {
    text(out, s.file());
    out.writeLong(s.line());
  }

  private static SourceRef source(DataInputStream in) throws IOException {
    return new SourceRef(text(in), in.readLong());
  }

  private static void strings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      text(out, v);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(text(in));
    }
    return out;
  }

  private static void map(DataOutputStream out, Map<String, ?> fields) throws IOException {
    out.writeInt(fields.size());
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      text(out, e.getKey());
      value(out, e.getValue());
    }
  }

  private static Map<String, Object> map(DataInputStream in) throws IOException {
    int n = in.readInt();
    Map<String, Object> fields = new HashMap<>(Math.max(4, n * 4 / 3 + 1));
    for (int i = 0; i < n; i++) {
      String key = text(in);
      fields.put(key, value(in));
    }
    return fields;
  }

  private static void value(DataOutputStream out, Object v) throws IOException {
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

  private static Object value(DataInputStream in) throws IOException {
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

  /** Strings of any length (writeUTF stops at 64 KB, and log fields can be longer). */
  private static void text(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String text(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] b, Reader<T> r) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      return r.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt record between operators: " + e.getMessage(), e);
    }
  }
}
