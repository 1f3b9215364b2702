package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The rules of one partition (a channel or dataset), split once more by the value of the field
 * most of them require an exact value of: in the Windows pipelines the Sysmon channel's rules
 * each name an event id (process creation is 1, a network connection 3, a driver load 6), so a
 * process creation need not be scanned for the literals of the driver, registry and file rules,
 * thousands of driver hashes among them, nor evaluated against the rules they let through.
 *
 * <p>Each value the rules name gets its own {@link Bucket}, built when an event first has it:
 * the rules that require that value, and the rules that require nothing of the field. An event
 * with another value, or without the field, meets only the latter. An event whose field holds several values (a list) meets every
 * rule of the partition, through a bucket built on first need. A sub-bucket holds its rules in
 * the partition's order, so matches come out in the same order as without the split.
 */
final class Partition {

  /** Split only when at least this share of the rules name a value of the field, in ‰. */
  private static final int MIN_SHARE_PER_MILLE = 250;

  private final List<Bucket.Entry> entries;
  private final String[][] slotKeys;
  private final AtomicInteger automatonNumbers;
  /** The field the split reads, or -1 when the partition is not split. */
  private final int slot;
  /** By lower-cased value of the field: the rules that may match an event with that value. */
  private final Map<String, List<Bucket.Entry>> rulesByValue;
  /**
   * Their buckets, built when an event first has the value: a channel's rules name two dozen
   * event ids, a log holds a few, and building the literal indexes of all of them would lengthen
   * loading (and its JIT compilation, which on one core delays the first events) for nothing.
   */
  private final Map<String, Bucket> byValue = new ConcurrentHashMap<>();
  /**
   * The buckets of whole-number values below {@link #NUMBERED} (event ids), by number: an event id
   * arrives as a number, and finding its bucket by text meant making the number's text and
   * lower-casing it for every event.
   */
  private static final int NUMBERED = 1 << 13;
  private final AtomicReferenceArray<Bucket> byNumber;
  /** The rules that require nothing of the field; the whole partition when it is not split. */
  private final Bucket rest;
  private volatile Bucket whole;

  Partition(List<Bucket.Entry> entries, String[][] slotKeys, AtomicInteger automatonNumbers) {
    this.entries = List.copyOf(entries);
    this.slotKeys = slotKeys;
    this.automatonNumbers = automatonNumbers;
    Set<String> named = new HashSet<>();
    int chosen = mostRequiredSlot(entries, named);
    if (chosen < 0 || named.size() < 2) {
      // one value for all (every rule of a channel on event 4104): nothing to split, and the
      // field's clauses keep the rules away from the channel's other events
      this.slot = -1;
      this.rulesByValue = Map.of();
      this.rest = new Bucket(entries, slotKeys, automatonNumbers);
      this.whole = rest;
      this.byNumber = null;
      return;
    }
    this.slot = chosen;
    List<Set<String>> required = new ArrayList<>();
    Map<String, List<Bucket.Entry>> lists = new LinkedHashMap<>();
    for (Bucket.Entry e : entries) {
      Set<String> values = ExactValues.required(e.root(), chosen);
      required.add(values);
      if (values != null) {
        values.forEach(v -> lists.computeIfAbsent(v, k -> new ArrayList<>()));
      }
    }
    // each list keeps the partition's order: a rule is added to every list it belongs to in turn
    List<Bucket.Entry> free = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Bucket.Entry e = entries.get(i);
      Set<String> values = required.get(i);
      if (values == null) {
        free.add(e);
        lists.values().forEach(l -> l.add(e));
      } else {
        values.forEach(v -> lists.get(v).add(e));
      }
    }
    this.rulesByValue = lists;
    this.rest = new Bucket(free, slotKeys, automatonNumbers, chosen);
    this.byNumber = new AtomicReferenceArray<>(NUMBERED);
  }

  /**
   * The field whose exact values the most rules require, if enough of them do, with the values
   * they name added to {@code named}; otherwise -1.
   */
  private static int mostRequiredSlot(List<Bucket.Entry> entries, Set<String> named) {
    Map<Integer, Integer> rulesBySlot = new HashMap<>();
    Map<Integer, Set<String>> valuesBySlot = new HashMap<>();
    for (Bucket.Entry e : entries) {
      for (Map.Entry<Integer, Set<String>> r : ExactValues.requiredBySlot(e.root()).entrySet()) {
        rulesBySlot.merge(r.getKey(), 1, Integer::sum);
        valuesBySlot.computeIfAbsent(r.getKey(), k -> new HashSet<>()).addAll(r.getValue());
      }
    }
    int best = -1;
    int bestCount = 0;
    for (Map.Entry<Integer, Integer> c : rulesBySlot.entrySet()) {
      if (c.getValue() > bestCount || (c.getValue() == bestCount && c.getKey() < best)) {
        best = c.getKey();
        bestCount = c.getValue();
      }
    }
    if (best < 0 || bestCount * 1000L < (long) entries.size() * MIN_SHARE_PER_MILLE) {
      return -1;
    }
    named.addAll(valuesBySlot.get(best));
    return best;
  }

  void match(Bucket.Scratch scratch, Consumer<SigmaMatch> out) {
    bucketFor(scratch.view).match(scratch, out);
  }

  private Bucket bucketFor(EventView view) {
    if (slot < 0) {
      return rest;
    }
    EventView.FieldValue v = view.value(slot);
    if (v.count == 1) {
      Long number = v.wholeNumber();
      if (number != null && number >= 0 && number < NUMBERED) {
        Bucket b = byNumber.get(number.intValue());
        if (b == null) {
          b = bucketFor(String.valueOf(number)); // a whole number's text has no case
          byNumber.set(number.intValue(), b);
        }
        return b;
      }
      return bucketFor(v.lower(0));
    }
    return v.count == 0 ? rest : whole();
  }

  private Bucket bucketFor(String value) {
    Bucket b = byValue.get(value);
    if (b == null) {
      List<Bucket.Entry> rules = rulesByValue.get(value);
      b = rules == null ? rest : byValue.computeIfAbsent(value, k -> new Bucket(rules, slotKeys, automatonNumbers, slot));
    }
    return b;
  }

  /** Every rule of the partition, for the rare event whose field holds several values. */
  private Bucket whole() {
    Bucket w = whole;
    if (w == null) {
      synchronized (this) {
        w = whole;
        if (w == null) {
          w = new Bucket(entries, slotKeys, automatonNumbers, slot);
          whole = w;
        }
      }
    }
    return w;
  }

  /** The rules with prefilter clauses (the others are evaluated on every event they meet). */
  int indexedCount() {
    return (int) entries.stream().filter(e -> !Prefilter.of(e.root()).isEmpty()).count();
  }

  int alwaysCount() {
    return entries.size() - indexedCount();
  }

  /** The literal index bytes of the buckets built so far. */
  long automatonBytes() {
    long b = rest.automatonBytes();
    for (Bucket bucket : byValue.values()) {
      b += bucket.automatonBytes();
    }
    return b;
  }
}
