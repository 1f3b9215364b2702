package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unmask.event.Event;

/**
 * One event as the compiled rules see it: each field a rule mentions is looked up and lower-cased
 * at most once per event, however many rules test it. A view is reused from event to event by one
 * thread; a generation stamp invalidates the cached values without clearing arrays.
 */
final class EventView {

  private final String[][] slotKeys;
  private final int[] stamp;
  private final FieldValue[] values;
  private int generation = 1;
  private Event event;
  private int allStamp;
  private final List<String> allOriginal = new ArrayList<>();
  private final List<String> allLower = new ArrayList<>();

  EventView(String[][] slotKeys) {
    this.slotKeys = slotKeys;
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
      v.load(event.fields(), slotKeys[slot]);
    }
    return v;
  }

  /** Every string value of the event (list elements included), for keyword search. */
  List<String> allLower() {
    loadAll();
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
      if (value instanceof String s) {
        allOriginal.add(s);
        allLower.add(s.toLowerCase(Locale.ROOT));
      } else if (value instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof String s) {
            allOriginal.add(s);
            allLower.add(s.toLowerCase(Locale.ROOT));
          }
        }
      }
    }
  }

  /** The value of one field in the current event; mutable and reused. */
  static final class FieldValue {
    /** The field is in the event, even with a null value. */
    boolean present;
    /** Number of non-null values (0 when absent or null, more than 1 for lists). */
    int count;
    String[] original = new String[1];
    String[] lower = new String[1];

    void load(Map<String, Object> fields, String[] keys) {
      present = false;
      count = 0;
      for (String key : keys) {
        Object raw = fields.get(key);
        if (raw == null) {
          present |= fields.containsKey(key);
          continue;
        }
        present = true;
        if (raw instanceof List<?> list) {
          for (Object item : list) {
            if (item != null) {
              add(item instanceof String s ? s : String.valueOf(item));
            }
          }
        } else {
          add(raw instanceof String s ? s : String.valueOf(raw));
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
      lower[count] = s.toLowerCase(Locale.ROOT);
      count++;
    }
  }
}
