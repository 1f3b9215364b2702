package org.unmask.detect.sigma.correlation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The state of one correlation rule for one group: the matches inside the sliding window, oldest
 * first, plus running aggregates so that each arriving match costs O(1) (O(log n) for
 * temporal_ordered) instead of a pass over the window. Plain Java (lists, maps and arrays of
 * primitives and strings), so Flink or Java serialisation stores it as it is.
 *
 * <p>The live matches are {@code hits[head, size)}: evicting the oldest advances {@code head}, and
 * the list is compacted once the dead prefix outweighs the live part (amortised O(1)).
 */
final class WindowState implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int COMPACT_AFTER = 64;

  /**
   * One contributing match.
   *
   * @param at epoch millis of the matched event
   * @param rule index of the referenced rule in the correlation's {@code rules} list
   * @param value the aggregated field as text (value_count, value_percentile), or null
   * @param number the aggregated field as a number (value_sum/avg/percentile), or NaN
   * @param evidence where the match was read; a chained correlation match carries its own evidence
   */
  record Hit(long at, int rule, String value, double number, List<Evidence> evidence)
      implements Serializable {}

  /** A source line, as strings and primitives rather than the engine's SourceRef. */
  record Evidence(String file, long line) implements Serializable {}

  final ArrayList<Hit> hits = new ArrayList<>();
  int head;

  /** Whether the condition held when the last match arrived. */
  boolean active;

  /** Epoch millis of the last firing. */
  long lastFiredAt = Long.MIN_VALUE;

  /** Live matches per referenced rule. */
  final int[] ruleCounts;

  /** Live occurrences per field value (value_count, value_percentile). */
  final HashMap<String, Integer> valueCounts = new HashMap<>();

  /** Live matches whose field is numeric. */
  int numericCount;

  /** Running sum of the numeric field values (value_sum, value_avg). */
  double sum;

  /** Per referenced rule, the sorted times of its live matches (temporal_ordered only). */
  final TimeList[] ruleTimes;

  WindowState(int ruleCount, boolean ordered) {
    ruleCounts = new int[ruleCount];
    ruleTimes = ordered ? new TimeList[ruleCount] : null;
    if (ordered) {
      for (int i = 0; i < ruleCount; i++) {
        ruleTimes[i] = new TimeList();
      }
    }
  }

  int size() {
    return hits.size() - head;
  }

  Hit get(int i) {
    return hits.get(head + i);
  }

  Hit first() {
    return hits.get(head);
  }

  Hit last() {
    return hits.get(hits.size() - 1);
  }

  /** How far back {@link #holdsEvent} looks: one event's matches of several rules arrive together. */
  private static final int SAME_EVENT_LOOKBACK = 64;

  /**
   * Whether a match of the same event (the same time and source lines) is among the newest hits:
   * one event that several referenced rules match is still one event.
   */
  boolean holdsEvent(long at, List<Evidence> evidence) {
    for (int i = hits.size() - 1, seen = 0; i >= head && seen < SAME_EVENT_LOOKBACK; i--, seen++) {
      Hit h = hits.get(i);
      if (h.at() == at && h.evidence().equals(evidence)) {
        return true;
      }
      if (h.at() < at) {
        return false; // hits are in time order: nothing older can be this event
      }
    }
    return false;
  }

  /** Adds a match in time order (after any with the same time) and updates the aggregates. */
  void add(Hit hit) {
    int position = hits.size();
    while (position > head && hits.get(position - 1).at() > hit.at()) {
      position--; // a slightly late match: rare, so a shift is fine
    }
    hits.add(position, hit);
    ruleCounts[hit.rule()]++;
    if (hit.value() != null) {
      valueCounts.merge(hit.value(), 1, Integer::sum);
    }
    if (!Double.isNaN(hit.number())) {
      numericCount++;
      sum += hit.number();
    }
    if (ruleTimes != null) {
      ruleTimes[hit.rule()].insert(hit.at());
    }
  }

  /** Removes the oldest match and takes it out of the aggregates. */
  void removeFirst() {
    Hit hit = hits.get(head);
    hits.set(head, null);
    head++;
    ruleCounts[hit.rule()]--;
    if (hit.value() != null) {
      valueCounts.computeIfPresent(hit.value(), (v, n) -> n == 1 ? null : n - 1);
    }
    if (!Double.isNaN(hit.number())) {
      numericCount--;
      sum -= hit.number();
    }
    if (ruleTimes != null) {
      ruleTimes[hit.rule()].removeFirst();
    }
    if (head == hits.size()) {
      hits.clear();
      head = 0;
      sum = 0; // no drift survives an empty window
    } else if (head > COMPACT_AFTER && head * 2 > hits.size()) {
      hits.subList(0, head).clear();
      head = 0;
    }
  }

  /** The sum of the live numeric values; recomputed when the running sum overflowed. */
  double sum() {
    if (Double.isFinite(sum)) {
      return sum;
    }
    double exact = 0;
    for (int i = head; i < hits.size(); i++) {
      double n = hits.get(i).number();
      if (!Double.isNaN(n)) {
        exact += n;
      }
    }
    return exact;
  }

  /** A sorted list of epoch-millis times with cheap removal of the smallest. */
  static final class TimeList implements Serializable {
    private static final long serialVersionUID = 1L;

    long[] times = new long[4];
    int start;
    int end;

    void insert(long time) {
      if (end == times.length) {
        int live = end - start;
        long[] grown = live * 2 > times.length ? new long[times.length * 2] : times;
        System.arraycopy(times, start, grown, 0, live);
        times = grown;
        start = 0;
        end = live;
      }
      int position = end;
      while (position > start && times[position - 1] > time) {
        times[position] = times[position - 1];
        position--;
      }
      times[position] = time;
      end++;
    }

    void removeFirst() {
      start++;
      if (start == end) {
        start = 0;
        end = 0;
      }
    }

    /** The smallest time at or after {@code from}, or {@link Long#MIN_VALUE} if none. */
    long firstAtOrAfter(long from) {
      int lo = start;
      int hi = end;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (times[mid] < from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo < end ? times[lo] : Long.MIN_VALUE;
    }
  }
}
