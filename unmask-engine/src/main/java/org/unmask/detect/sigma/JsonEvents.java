package org.unmask.detect.sigma;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;
import org.unmask.ingest.ByteOrderMark;
import org.unmask.ingest.DottedKeys;
import org.unmask.ingest.LineReader;
import org.unmask.ingest.ReadOptions;
import org.unmask.ingest.Timestamps;
import org.unmask.ingest.elastic.ElasticDefendAdapter;

/**
 * Reads JSON events for {@code unmask match} and the Sigma tests: nested objects are flattened to
 * dotted keys in one streaming pass (no intermediate tree), and the event's shape (evtx_dump JSON,
 * Winlogbeat, ECS) tells which pipeline its field names follow.
 *
 * <p>Files: {@code .jsonl} and {@code .jsonl.gz} hold one object per line (line = the line
 * number); {@code .json} (and {@code .json.gz}) holds one object (line 1), an array (line = index
 * + 1) or several concatenated objects (line = ordinal). evtx_dump's default output, each
 * indented record after a {@code Record <id>} line, is recognised by that first line whatever the
 * file's name (line = the record's ordinal; a record that is not one JSON object is rejected
 * alone). A line that is not a JSON object is rejected with its reason and reading goes on.
 *
 * <p>{@link #readUnparsed} reads the same files but leaves the lines and records unparsed, so that
 * {@code unmask match} can parse them on several threads ({@link #parse(Unparsed, Sink, Consumer)}).
 */
public final class JsonEvents {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final ElasticDefendAdapter DEFEND = new ElasticDefendAdapter();
  private static final int MAX_DEPTH = 32;

  /** A record that could not be read. */
  public record Rejected(String file, long line, String reason) {}

  /** Receives each event read. */
  public interface Sink {
    void accept(Event event);
  }

  /**
   * A line of a JSON-lines file or a record of evtx_dump's output, its bytes copied, left for the
   * caller to parse with {@link #parse(Unparsed, Sink, Consumer)} on any thread.
   *
   * @param record an evtx_dump record (rejections say "record"), else a line
   */
  public record Unparsed(byte[] bytes, SourceRef where, boolean record) {}

  /**
   * Receives what {@link #readUnparsed} finds: lines and records to parse, and, from a JSON document
   * (which has to be parsed to be split), its events parsed.
   */
  public interface UnparsedSink extends Sink {
    void unparsed(Unparsed unit);
  }

  /** What to do with the bytes of one line or record: parse them now, or copy them and hand them on. */
  private interface Unit {
    void take(byte[] b, int off, int len, SourceRef where, boolean record);
  }

  private JsonEvents() {}

  /** The pipeline an event's field names follow: {@code evtx}, {@code winlogbeat} or {@code ecs}. */
  public static String shapeOf(Map<String, Object> fields) {
    if (fields.containsKey("Event.System.EventID") || fields.containsKey("Event.System.Channel")) {
      return "evtx";
    }
    if (fields.containsKey("winlog.channel") || fields.containsKey("winlog.event_id")) {
      return "winlogbeat";
    }
    return "ecs";
  }

  /**
   * Reads every event of a file; rejects go to {@code rejects}, and so does a file that cannot be
   * read at all (missing, unreadable, a {@code .gz} that is not gzip): a bad file never stops the
   * files after it.
   */
  public static void read(Path file, Sink events, Consumer<Rejected> rejects) throws IOException {
    read(file, events, (b, off, len, where, record) -> oneObject(b, off, len, where, events, rejects, record), rejects);
  }

  /**
   * Reads a file as {@link #read} does, but hands each line and record on unparsed, so that the
   * caller can parse them on other threads; the order of units, events and rejects is the file's.
   */
  public static void readUnparsed(Path file, UnparsedSink out, Consumer<Rejected> rejects) throws IOException {
    read(file, out, (b, off, len, where, record) -> out.unparsed(new Unparsed(Arrays.copyOfRange(b, off, off + len), where, record)),
        rejects);
  }

  /** Parses a line or record {@link #readUnparsed} handed on: its event, or its rejection with the reason. */
  public static void parse(Unparsed unit, Sink events, Consumer<Rejected> rejects) {
    oneObject(unit.bytes(), 0, unit.bytes().length, unit.where(), events, rejects, unit.record());
  }

  private static void read(Path file, Sink events, Unit units, Consumer<Rejected> rejects) throws IOException {
    try {
      readFile(file, events, units, rejects);
    } catch (IOException e) {
      rejects.accept(new Rejected(file.toString(), 0, "cannot read the file: " + reason(e)));
    }
  }

  private static void readFile(Path file, Sink events, Unit units, Consumer<Rejected> rejects) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String label = file.toString();
    boolean gzip = name.endsWith(".gz");
    // buffered to look at the start and go back; reads of a whole buffer pass straight through
    // a pipe (the standard input, <(zcat ...)) through FileInputStream: the channel stream that
    // Files.newInputStream gives answers available() with the channel's position, which a pipe has not
    try (InputStream raw = Files.isRegularFile(file) ? Files.newInputStream(file) : new java.io.FileInputStream(file.toFile());
        InputStream in = new BufferedInputStream(gzip ? org.unmask.ingest.Gzip.open(raw) : raw, 1 << 16)) {
      if (startsWithRecordLine(in)) { // evtx_dump -o json, whatever the file is called
        readRecords(in, label, units, rejects);
      } else if (gzip ? name.endsWith(".json.gz") : name.endsWith(".json")) {
        readJson(in, label, events, rejects);
      } else {
        readLines(in, label, units, rejects);
      }
    }
  }

  /** Whether the stream (whose position is kept) opens, after blanks, with evtx_dump's {@code Record <id>}. */
  private static boolean startsWithRecordLine(InputStream in) throws IOException {
    in.mark(256);
    byte[] head = new byte[256];
    int n = 0;
    try {
      // up to the end of the first line that is not blank, not 256 bytes whatever comes: a live
      // pipe may hold one short line for a long time
      while (n < head.length && !holdsALine(head, n)) {
        int read = in.read(head, n, head.length - n);
        if (read < 0) {
          break;
        }
        n += read;
      }
    } catch (IOException e) {
      n = 0; // a broken stream: the reader after this reports it, with the lines before the break
    }
    in.reset();
    head = Arrays.copyOf(head, n);
    int i = ByteOrderMark.startsAt(head, 0, head.length) ? ByteOrderMark.LENGTH : 0;
    while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
      i++;
    }
    int lineStart = i;
    int end = lineStart;
    while (end < head.length && head[end] != '\n') {
      end++;
    }
    return isRecordLine(head, lineStart, end - lineStart);
  }

  /** Whether the first {@code n} bytes hold a line feed after something other than blanks (and a byte order mark). */
  private static boolean holdsALine(byte[] b, int n) {
    boolean text = false;
    for (int i = n >= ByteOrderMark.LENGTH && ByteOrderMark.startsAt(b, 0, n) ? ByteOrderMark.LENGTH : 0; i < n; i++) {
      if (b[i] == '\n' && text) {
        return true;
      }
      text |= b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n';
    }
    return false;
  }

  /** {@code Record} and a number, alone on the line: evtx_dump's separator before each record. */
  private static boolean isRecordLine(byte[] b, int off, int len) {
    int end = off + len;
    if (ByteOrderMark.startsAt(b, off, end)) {
      off += ByteOrderMark.LENGTH; // before the first record
    }
    while (end > off && (b[end - 1] == ' ' || b[end - 1] == '\r' || b[end - 1] == '\t')) {
      end--;
    }
    byte[] word = {'R', 'e', 'c', 'o', 'r', 'd', ' '};
    if (end - off < word.length + 1) {
      return false;
    }
    for (int k = 0; k < word.length; k++) {
      if (b[off + k] != word[k]) {
        return false;
      }
    }
    int digits = 0;
    for (int k = off + word.length; k < end; k++) {
      if (b[k] < '0' || b[k] > '9') {
        return false;
      }
      digits++;
    }
    return digits > 0 && digits <= 20;
  }

  /** The most a record of evtx_dump's output may hold; a bigger one is rejected, not buffered. */
  static final int MAX_RECORD_BYTES = 16 << 20;

  /**
   * evtx_dump's default output ({@code evtx_dump -o json}): {@code Record <id>} on a line, then the
   * record as indented JSON. Each record is parsed alone, so a broken one is rejected with its
   * reason and the records after it are still read.
   */
  private static void readRecords(InputStream in, String label, Unit units, Consumer<Rejected> rejects) throws IOException {
    LineReader lines = new LineReader(in, MAX_RECORD_BYTES); // a record's one line may be as long as a record
    ByteArrayOutputStream record = new ByteArrayOutputStream(4096);
    long ordinal = 0;
    boolean inRecord = false;
    boolean tooBig = false;
    LineReader.Kind kind;
    while ((kind = lines.next()) != LineReader.Kind.END) {
      if (kind == LineReader.Kind.FAILED) {
        if (inRecord) { // the complete lines read before the break may hold the whole record
          record(record, tooBig, label, ordinal, units, rejects);
        }
        rejects.accept(new Rejected(label, Math.max(ordinal, 1), "cannot read further: " + reason(lines.failure())));
        return;
      }
      if (kind == LineReader.Kind.LINE && isRecordLine(lines.bytes(), lines.offset(), lines.length())) {
        if (inRecord) {
          record(record, tooBig, label, ordinal, units, rejects);
        }
        ordinal++;
        inRecord = true;
        tooBig = false;
        record.reset();
        continue;
      }
      if (kind == LineReader.Kind.TOO_LONG || record.size() + lines.length() > MAX_RECORD_BYTES) {
        tooBig = true;
        record.reset();
        continue;
      }
      if (!tooBig) {
        record.write(lines.bytes(), lines.offset(), lines.length());
        record.write('\n');
      }
    }
    if (inRecord) {
      record(record, tooBig, label, ordinal, units, rejects);
    }
  }

  private static void record(ByteArrayOutputStream bytes, boolean tooBig, String label, long ordinal, Unit units,
      Consumer<Rejected> rejects) {
    if (tooBig) {
      rejects.accept(new Rejected(label, ordinal, "record longer than " + MAX_RECORD_BYTES + " bytes"));
      return;
    }
    byte[] b = bytes.toByteArray();
    units.take(b, 0, b.length, new SourceRef(label, ordinal), true);
  }

  /**
   * Parses the bytes as exactly one JSON object and hands its event on; a line or a record that is
   * anything else is rejected with its reason.
   */
  private static void oneObject(byte[] b, int off, int len, SourceRef where, Sink events, Consumer<Rejected> rejects,
      boolean record) {
    String notAnObject = record ? "record is not a JSON object" : "not a JSON object";
    String textAfter = record ? "text after the record's JSON object" : "text after the JSON object";
    if (org.unmask.ingest.Utf8.opensAsUtf16Or32(b, off, len)) {
      rejects.accept(new Rejected(where.file(), where.line(), "not UTF-8: a NUL byte in the first four (UTF-16 or UTF-32 text?)"));
      return;
    }
    try (JsonParser p = JSON.createParser(b, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        rejects.accept(new Rejected(where.file(), where.line(), notAnObject));
        return;
      }
      Map<String, Object> fields = flatten(p);
      if (p.nextToken() != null) {
        rejects.accept(new Rejected(where.file(), where.line(), textAfter));
        return;
      }
      deliver(events, toEvent(fields, where));
    } catch (SinkFailed e) {
      throw e.getCause();
    } catch (IOException | RuntimeException e) {
      rejects.accept(new Rejected(where.file(), where.line(), "invalid JSON: " + firstLine(e.getMessage())));
    }
  }

  private static void readLines(InputStream in, String label, Unit units, Consumer<Rejected> rejects) throws IOException {
    // bytes, not decoded text: Jackson's UTF-8 parser reads them directly, so a line is decoded
    // once, into the values only; and a line longer than the cap is skipped, not held in memory
    LineReader lines = new LineReader(in, ReadOptions.DEFAULT_MAX_LINE_BYTES);
    LineReader.Kind kind;
    while ((kind = lines.next()) != LineReader.Kind.END) {
      long n = lines.lineNumber();
      if (kind == LineReader.Kind.FAILED) {
        rejects.accept(new Rejected(label, n, "cannot read further: " + reason(lines.failure())));
        return;
      }
      if (kind == LineReader.Kind.TOO_LONG) {
        rejects.accept(new Rejected(label, n, "line longer than " + ReadOptions.DEFAULT_MAX_LINE_BYTES + " bytes"));
        continue;
      }
      byte[] b = lines.bytes();
      int off = lines.offset();
      int len = lines.length();
      if (LineReader.isBlank(b, off, len)) {
        continue;
      }
      units.take(b, off, len, new SourceRef(label, n), false);
    }
  }

  private static void readJson(InputStream in, String label, Sink events, Consumer<Rejected> rejects) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      long ordinal = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_ARRAY) {
          long index = 0;
          while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            index++;
            if (t == JsonToken.START_OBJECT) {
              deliver(events, toEvent(flatten(p), new SourceRef(label, index)));
            } else {
              p.skipChildren();
              rejects.accept(new Rejected(label, index, "array element is not a JSON object"));
            }
          }
        } else if (t == JsonToken.START_OBJECT) {
          ordinal++;
          deliver(events, toEvent(flatten(p), new SourceRef(label, ordinal)));
        } else {
          rejects.accept(new Rejected(label, ordinal + 1, "not a JSON object or array"));
          return;
        }
      }
    } catch (SinkFailed e) {
      throw e.getCause();
    } catch (IOException | RuntimeException e) {
      rejects.accept(new Rejected(label, 0, "invalid JSON: " + firstLine(e.getMessage())));
    }
  }

  /**
   * Hands an event on. What the receiver throws (an output that cannot be written) is its own
   * failure, not this line's: it leaves the reading instead of being reported as invalid JSON.
   */
  private static void deliver(Sink events, Event event) {
    try {
      events.accept(event);
    } catch (RuntimeException e) {
      throw new SinkFailed(e);
    }
  }

  private static final class SinkFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkFailed(RuntimeException cause) {
      super(cause);
    }

    @Override
    public synchronized RuntimeException getCause() {
      return (RuntimeException) super.getCause();
    }
  }

  /** Parses one JSON object from text into flat fields (for tests and tools). */
  public static Map<String, Object> parse(String json) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      return flatten(p);
    }
  }

  /** Flattens the object the parser is on (after START_OBJECT) into dotted keys. */
  static Map<String, Object> flatten(JsonParser p) throws IOException {
    Map<String, Object> out = new HashMap<>(64);
    object(p, KEYS.get().root(), out, 0);
    return out;
  }

  /** Flattened names per thread: every event's keys are the same String instances (see {@link DottedKeys}). */
  private static final ThreadLocal<DottedKeys> KEYS = ThreadLocal.withInitial(DottedKeys::new);

  private static void object(JsonParser p, DottedKeys.Key parent, Map<String, Object> out, int depth) throws IOException {
    DottedKeys.Key key = null;
    while ((key = parent.nextField(p, key)) != null) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_OBJECT) {
        if (depth >= MAX_DEPTH) {
          p.skipChildren();
        } else {
          int before = out.size();
          object(p, key, out, depth + 1);
          if (out.size() == before) {
            // an empty object is a field with no value, present all the same: `f|exists: true`
            // holds for {"f": {}}, as the modifiers appendix has it ("be it empty or null")
            out.putIfAbsent(key.dotted, List.of());
          }
        }
      } else {
        value(p, v, key.dotted, out, depth);
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new IOException("unexpected end of input");
    }
  }

  private static void value(JsonParser p, JsonToken t, String key, Map<String, Object> out, int depth) throws IOException {
    switch (t) {
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          if (e == null) {
            throw new IOException("unexpected end of input");
          }
          if (e == JsonToken.START_OBJECT && depth < MAX_DEPTH) {
            Map<String, Object> inner = new HashMap<>();
            object(p, KEYS.get().root(), inner, depth + 1);
            inner.forEach((k, v) -> addToList(out, key + "." + k, v));
          } else if (e == JsonToken.START_OBJECT || e == JsonToken.START_ARRAY) {
            p.skipChildren();
          } else {
            list.add(scalar(p, e));
          }
        }
        if (!list.isEmpty() || !out.containsKey(key)) {
          out.put(key, list);
        }
      }
      default -> out.put(key, scalar(p, t));
    }
  }

  @SuppressWarnings("unchecked")
  private static void addToList(Map<String, Object> out, String key, Object v) {
    Object old = out.get(key);
    List<Object> list;
    if (old instanceof List<?> l) {
      list = (List<Object>) l;
    } else {
      list = new ArrayList<>();
      if (old != null) {
        list.add(old);
      }
      out.put(key, list);
    }
    if (v instanceof List<?> values) {
      list.addAll(values); // an array inside an object inside an array: its values, not a list of lists
    } else {
      list.add(v);
    }
  }

  private static Object scalar(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getText() : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Wraps flat fields as an event: the timestamp and dataset come from the fields the shape has. */
  public static Event toEvent(Map<String, Object> fields, SourceRef source) {
    Object ts = fields.get("@timestamp");
    if (ts == null) {
      ts = fields.get("Event.System.TimeCreated.#attributes.SystemTime");
    }
    Object dataset = fields.get("event.dataset");
    if (dataset instanceof String s && s.startsWith(ElasticDefendAdapter.PREFIX)) {
      // an Elastic Defend export: its process starts and connections are the ECS pipeline's
      // endpoint.process and network.flow, as in a scan
      DEFEND.adapt(fields);
      dataset = fields.get("event.dataset");
    }
    String ds = dataset instanceof String s ? s : shapeOf(fields);
    return new Event(instant(ts), ds, fields, source);
  }

  private static Instant instant(Object ts) {
    Instant t = null;
    if (ts instanceof String s && s.length() < 64) {
      t = Timestamps.lenient(s); // a time without an offset is UTC, as evtx_dump writes it
    } else if (ts instanceof Long l) {
      t = Timestamps.plausibleMillis(l);
    }
    // a time a correlation window could not hold (year 0001, 9999, overflowing milliseconds) is
    // no time: the event still meets the rules
    return t == null || !Timestamps.plausible(t) ? Instant.EPOCH : t;
  }

  /** An I/O failure in words: its message, or its kind when it has none (a truncated gzip's EOF). */
  private static String reason(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : firstLine(m);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
