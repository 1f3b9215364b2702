package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unmask.event.Event;
import org.unmask.ingest.Positions;

/**
 * One event as the compiled rules see it: each field a rule mentions is looked up and lower-cased
 * at most once per event, however many rules test it. A view is reused from event to event by one
 * thread; a generation stamp invalidates the cached values without clearing arrays.
 */
final class EventView {

  private final String[][] slotKeys;
  private final boolean remembers;
  private final int[] stamp;
  private final FieldValue[] values;
  private int generation = 1;
  private Event event;
  private int allStamp;
  private final List<String> allOriginal = new ArrayList<>();
  private final List<String> allLower = new ArrayList<>();

  /** Event field name to the slots that read only that field: filled in one pass over the event. */
  private final Map<String, int[]> singleKeySlots = new java.util.HashMap<>();
  private final boolean[] single;
  private int prefetched;
  /**
   * Every key seen so far, with its slots (none for most): readers reuse one String per key
   * (JsonEvents does), whose hash is computed once and whose equals succeeds on identity.
   * Bounded: keys are attacker-controlled.
   */
  private final Map<String, int[]> byInstance = new java.util.HashMap<>();
  private static final int[] NO_SLOTS = new int[0];
  /** The event's values and the slots that read them, in map order, from the last prefetch. */
  Object[] entryValues = new Object[64];
  int[][] entrySlots = new int[64][];
  int entryCount;

  EventView(String[][] slotKeys) {
    this(slotKeys, true);
  }

  /** @param remembers whether costly field tests remember their verdicts ({@link #decided}) */
  EventView(String[][] slotKeys, boolean remembers) {
    this.remembers = remembers;
    this.slotKeys = slotKeys;
    this.single = new boolean[slotKeys.length];
    for (int i = 0; i < slotKeys.length; i++) {
      if (slotKeys[i].length == 1) {
        single[i] = true;
        int[] old = singleKeySlots.get(slotKeys[i][0]);
        int[] slots = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
        slots[slots.length - 1] = i;
        singleKeySlots.put(slotKeys[i][0], slots);
      }
    }
    this.stamp = new int[slotKeys.length];
    this.values = new FieldValue[slotKeys.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = new FieldValue();
    }
  }

  void reset(Event next) {
    event = next;
    generation++;
    if (generation == Integer.MAX_VALUE) {
      java.util.Arrays.fill(stamp, 0);
      allStamp = 0;
      generation = 1;
    }
  }

  String[] keys(int slot) {
    return slotKeys[slot];
  }

  Event event() {
    return event;
  }

  FieldValue value(int slot) {
    FieldValue v = values[slot];
    if (stamp[slot] != generation) {
      stamp[slot] = generation;
      if (prefetched == generation && single[slot]) {
        v.clear(); // the pass over the event did not see the field: it is absent
      } else {
        v.load(event.fields(), slotKeys[slot]);
      }
    }
    return v;
  }

  /**
   * Loads every field the rules read in one pass over the event's fields, instead of one map
   * lookup per field the rules mention (most of which a given event does not have).
   */
  void prefetch() {
    prefetched = generation;
    int n = event.fields().size();
    if (entryValues.length < n) {
      entryValues = new Object[n];
      entrySlots = new int[n][];
    }
    entryCount = 0;
    // forEach, not entrySet(): the unmodifiable wrapper hands it straight to the HashMap, with no
    // iterator or entry wrapper per field
    event.fields().forEach(collect);
  }

  private final java.util.function.BiConsumer<String, Object> collect = this::collect;

  /** Each key's slots by its position in the event: see {@link Positions}. */
  private final Positions<int[]> slotsAt = new Positions<>(128);

  private void collect(String key, Object value) {
    int[] slots = slotsAt.get(entryCount, key);
    if (slots == null) {
      slots = slotsOf(key);
      slotsAt.put(entryCount, key, slots);
    }
    if (entryCount < entryValues.length) {
      entryValues[entryCount] = value;
      entrySlots[entryCount++] = slots;
    }
    for (int slot : slots) {
      stamp[slot] = generation;
      values[slot].set(value);
    }
  }

  private int[] slotsOf(String key) {
    int[] slots = byInstance.get(key);
    if (slots == null) {
      slots = singleKeySlots.getOrDefault(key, NO_SLOTS);
      if (byInstance.size() >= 4096) {
        byInstance.clear();
      }
      byInstance.put(key, slots);
    }
    return slots;
  }

  /**
   * The verdicts of costly field tests (long value lists, patterns, regular expressions) on
   * recent values. A test's verdict on a single value depends on nothing else, and values repeat
   * (the same images and parents from every host), so a rule's long {@code endswith} list is
   * walked once per distinct value rather than once per event. Direct-mapped and bounded.
   */
  private static final int DECISION_SLOTS = 1 << 13;
  private final Node.Field[] decidedBy = new Node.Field[DECISION_SLOTS];
  private final String[] decidedOn = new String[DECISION_SLOTS];
  private final boolean[] verdicts = new boolean[DECISION_SLOTS];

  boolean decided(Node.Field test, FieldValue v) {
    String value = v.original(0);
    if (!remembers || value.length() > ScanMemo.MAX_LENGTH) {
      return test.evalValues(v, this);
    }
    int h = value.hashCode() + test.decision * 0x9E3779B9;
    int i = (h ^ (h >>> 16)) & (DECISION_SLOTS - 1);
    if (decidedBy[i] == test && value.equals(decidedOn[i])) {
      return verdicts[i];
    }
    boolean verdict = test.evalValues(v, this);
    decidedBy[i] = test;
    decidedOn[i] = value;
    verdicts[i] = verdict;
    return verdict;
  }

  /**
   * The verdicts of costly rules on recent combinations of the values they read (see
   * {@link Node.Remembered}). Direct-mapped and bounded like the decisions above: a slot holds
   * one combination, values longer than {@link ScanMemo#MAX_LENGTH} are not remembered, and a
   * field with several values (a list) is evaluated every time.
   */
  private static final int VERDICT_SLOTS = 1 << 12;
  private final Node.Remembered[] verdictRules = new Node.Remembered[VERDICT_SLOTS];
  private final Object[][] verdictValues = new Object[VERDICT_SLOTS][];
  private final boolean[] ruleVerdicts = new boolean[VERDICT_SLOTS];
  private final Object[] probe = new Object[Node.Remembered.MAX_FIELDS];
  /** Stand-ins for a field that is absent, and for one that is present with a null value. */
  private static final Object ABSENT = new Object();
  private static final Object NULL_VALUE = new Object();

  boolean remembered(Node.Remembered rule) {
    if (!remembers) {
      return rule.inner.eval(this);
    }
    int[] slots = rule.slots;
    int h = rule.number * 0x9E3779B9;
    for (int i = 0; i < slots.length; i++) {
      FieldValue v = value(slots[i]);
      Object key;
      if (v.count == 1) {
        String s = v.original(0);
        if (s.length() > ScanMemo.MAX_LENGTH) {
          return rule.inner.eval(this);
        }
        key = s;
        h = 31 * h + s.hashCode();
      } else if (v.count == 0) {
        key = v.present ? NULL_VALUE : ABSENT;
        h = 31 * h + (v.present ? 1 : 2);
      } else {
        return rule.inner.eval(this);
      }
      probe[i] = key;
    }
    int at = (h ^ (h >>> 16)) & (VERDICT_SLOTS - 1);
    Object[] known = verdictValues[at];
    if (verdictRules[at] == rule && sameValues(known, slots.length)) {
      return ruleVerdicts[at];
    }
    boolean verdict = rule.inner.eval(this);
    if (known == null) {
      known = new Object[Node.Remembered.MAX_FIELDS];
      verdictValues[at] = known;
    }
    System.arraycopy(probe, 0, known, 0, slots.length);
    verdictRules[at] = rule;
    ruleVerdicts[at] = verdict;
    return verdict;
  }

  private boolean sameValues(Object[] known, int n) {
    for (int i = 0; i < n; i++) {
      Object a = known[i];
      Object b = probe[i];
      if (a != b && !(a instanceof String x && b instanceof String y && x.equals(y))) {
        return false;
      }
    }
    return true;
  }

  private String addressText;
  private byte[] address;

  /**
   * A value parsed as an IP address, or null: the last one parsed is kept, because a rule's
   * {@code cidr} lists (dozens of networks, often in several filters) all test the same value.
   * Compared by identity: the same String instance has the same text.
   */
  byte[] address(String text) {
    if (text != addressText) {
      address = IpAddresses.parse(text);
      addressText = text;
    }
    return address;
  }

  /**
   * Every value of the event as text ({@link #keywordText}: list elements included, numbers and
   * booleans as Java writes them), for keyword search: the specification searches keywords in the
   * whole event.
   */
  List<String> allLower() {
    loadAll();
    if (allLower.size() < allOriginal.size()) {
      for (int i = allLower.size(); i < allOriginal.size(); i++) {
        allLower.add(SigmaString.lower(allOriginal.get(i)));
      }
    }
    return allLower;
  }

  List<String> allOriginal() {
    loadAll();
    return allOriginal;
  }

  private void loadAll() {
    if (allStamp == generation) {
      return;
    }
    allStamp = generation;
    allOriginal.clear();
    allLower.clear();
    for (Object value : event.fields().values()) {
      if (value instanceof String s) { // first, and numbers next, before a failing `instanceof List`
        allOriginal.add(s);
      } else if (!isPlainScalar(value) && value instanceof List<?> list) {
        for (Object item : list) {
          String text = keywordText(item);
          if (text != null) {
            allOriginal.add(text);
          }
        }
      } else {
        String text = keywordText(value);
        if (text != null) {
          allOriginal.add(text);
        }
      }
    }
  }

  /**
   * A value as keyword search reads it: a string as it is, a number or boolean as Java writes it
   * ({@code 4688}, {@code 1.0E10}, {@code true}); null for anything else (null, a list nested in a
   * list). The literal index ({@code Bucket.scanKeywords}) reads values through this same method,
   * so the two never disagree.
   */
  static String keywordText(Object value) {
    if (value instanceof String s) {
      return s;
    }
    return value instanceof Number || value instanceof Boolean ? String.valueOf(value) : null;
  }

  /**
   * Whether a value is one of the scalars JSON readers make of numbers and booleans. Each is a
   * final class, so each test is one compare of the class word; a test for an interface
   * ({@code instanceof List}) that fails scans the class's interfaces on Java 17, and Sysmon events
   * carry a dozen numbers (event id, process ids, ports) that every event would pay it for.
   */
  static boolean isPlainScalar(Object value) {
    return value instanceof Long || value instanceof Double || value instanceof Boolean;
  }

  /** The value of one field in the current event; mutable and reused. */
  static final class FieldValue {
    /** The field is in the event, even with a null value. */
    boolean present;
    /** Number of non-null values (0 when absent or null, more than 1 for lists). */
    int count;
    private String[] original = new String[1];
    private String[] lower = new String[1];
    private int lowered;
    /**
     * A single value that is not a string (a process id, a port), kept as read until a rule or
     * an index asks for its text: rules name many numeric fields that a given event's partition
     * never reads, and their text would be made on every event.
     */
    private Object unconverted;

    /** The i-th value as text. */
    String original(int i) {
      String s = original[i];
      if (s == null) {
        s = String.valueOf(unconverted);
        original[i] = s;
      }
      return s;
    }

    /**
     * The single value when it is a whole number not yet made text (a Windows event id, as JSON
     * readers give it), else null: the partition's split can then look its bucket up by number.
     */
    Long wholeNumber() {
      return count == 1 && original[0] == null && unconverted instanceof Long l ? l : null;
    }

    void clear() {
      present = false;
      count = 0;
      lowered = 0;
    }

    /** The i-th value lower-cased, computed on first use: most fields are only scanned. */
    String lower(int i) {
      if (i >= lowered) {
        for (int k = lowered; k < count; k++) {
          lower[k] = SigmaString.lower(original(k));
        }
        lowered = count;
      }
      return lower[i];
    }

    void set(Object raw) {
      present = true;
      lowered = 0;
      // String first: a final class is one compare of the class word, where `instanceof List`
      // on a String walks the interfaces String implements; most values are strings
      if (raw instanceof String s) {
        original[0] = s;
        count = 1;
        return;
      }
      count = 0;
      // a number is ruled out before `instanceof List`, which walks a Long's interfaces too
      if (!isPlainScalar(raw) && raw instanceof List<?> list) {
        for (Object item : list) {
          if (item != null) {
            add(item instanceof String s ? s : String.valueOf(item));
          }
        }
      } else if (raw != null) {
        unconverted = raw;
        add(null); // made by original(0) when asked for
      }
    }

    void load(Map<String, Object> fields, String[] keys) {
      present = false;
      count = 0;
      lowered = 0;
      for (String key : keys) {
        Object raw = fields.get(key);
        if (raw == null) {
          present |= fields.containsKey(key);
          continue;
        }
        present = true;
        if (raw instanceof String s) {
          add(s);
        } else if (raw instanceof List<?> list) {
          for (Object item : list) {
            if (item != null) {
              add(item instanceof String s ? s : String.valueOf(item));
            }
          }
        } else {
          add(String.valueOf(raw));
        }
        return;
      }
    }

    private void add(String s) {
      if (count == original.length) {
        original = java.util.Arrays.copyOf(original, count * 2);
        lower = java.util.Arrays.copyOf(lower, count * 2);
      }
      original[count] = s;
      count++;
      lowered = 0;
    }
  }
}
