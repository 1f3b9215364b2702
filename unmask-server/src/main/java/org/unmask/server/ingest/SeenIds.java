package org.unmask.server.ingest;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ids of events already accepted, so a re-sent batch (a client that timed out and retries, or
 * one that was killed and resumes) is not judged twice.
 *
 * <p>Memory is bounded: ids are kept in one bucket per UTC day of the event's own timestamp (a
 * duplicate carries the same timestamp, so it always lands in the same bucket), only for the
 * {@code retainDays} days up to the newest event seen, and at most {@code maxIds} in all; past
 * either bound the oldest day is forgotten. An event older than every bucket kept is accepted as
 * new: a duplicate that old is judged again (its findings keep their deterministic ids, so the store
 * does not double them, but detectors see the event twice). Not thread-safe: the intake guards it.
 */
final class SeenIds {

  private static final long DAY_MS = 86_400_000L;

  private final int retainDays;
  private final long maxIds;
  private final TreeMap<Long, LongSet> byDay = new TreeMap<>();
  private long count;
  private long forgottenDays;

  SeenIds(int retainDays, long maxIds) {
    this.retainDays = retainDays;
    this.maxIds = maxIds;
  }

  boolean contains(long id, long epochMillis) {
    LongSet day = byDay.get(Math.floorDiv(epochMillis, DAY_MS));
    return day != null && day.contains(id);
  }

  /** Remembers an id; false when it was already there. */
  boolean add(long id, long epochMillis) {
    long day = Math.floorDiv(epochMillis, DAY_MS);
    if (!byDay.isEmpty() && day < byDay.firstKey() && forgottenDays > 0) {
      return true; // older than what we keep: accepted as new, see the class comment
    }
    boolean added = byDay.computeIfAbsent(day, d -> new LongSet()).add(id);
    if (added) {
      count++;
      evict();
    }
    return added;
  }

  long size() {
    return count;
  }

  long bytes() {
    long b = 0;
    for (LongSet s : byDay.values()) {
      b += s.bytes();
    }
    return b;
  }

  private void evict() {
    long newest = byDay.lastKey();
    Iterator<Map.Entry<Long, LongSet>> it = byDay.entrySet().iterator();
    while (it.hasNext() && byDay.size() > 1) {
      Map.Entry<Long, LongSet> oldest = it.next();
      if (oldest.getKey() > newest - retainDays && count <= maxIds) {
        break;
      }
      count -= oldest.getValue().size();
      forgottenDays++;
      it.remove();
    }
  }
}
