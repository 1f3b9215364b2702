package org.unmask.server.ingest;

import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The ids of events already accepted, so a re-sent batch (a client that timed out and retries, or
 * one that was killed and resumes) is not judged twice.
 *
 * <p>Memory is bounded: ids are kept in one bucket per UTC day of the event's own timestamp (a
 * duplicate carries the same timestamp, so it always lands in the same bucket), only for the
 * {@code retainDays} days up to the newest event seen, and at most {@code maxIds} in all; past
 * either bound the oldest day is forgotten. An event older than every bucket kept is accepted as
 * new: a duplicate that old is judged again (its findings keep their deterministic ids, so the store
 * does not double them, but detectors see the event twice).
 *
 * <p>"Newest" is the newest day seen, but never later than tomorrow by the server's clock: a laptop
 * whose clock is set to 2099 must not make every real day look 70 years old and be forgotten at
 * once (which would let every re-sent batch be judged again). Past the count bound, the day
 * farthest from that anchor goes first, so a clock far ahead loses its own days before the
 * present loses any. Not thread-safe: the intake guards it.
 */
final class SeenIds {

  private static final long DAY_MS = 86_400_000L;

  private final int retainDays;
  private final long maxIds;
  private final LongSupplier today;
  private final TreeMap<Long, LongSet> byDay = new TreeMap<>();
  private long count;
  private long forgottenDays;

  SeenIds(int retainDays, long maxIds) {
    this(retainDays, maxIds, () -> Math.floorDiv(System.currentTimeMillis(), DAY_MS));
  }

  /** @param today the current UTC day, as days since 1970-01-01 */
  SeenIds(int retainDays, long maxIds, LongSupplier today) {
    this.retainDays = retainDays;
    this.maxIds = maxIds;
    this.today = today;
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
    long anchor = Math.min(byDay.lastKey(), today.getAsLong() + 1);
    while (byDay.size() > 1 && byDay.firstKey() <= anchor - retainDays) {
      forget(byDay.firstKey());
    }
    while (byDay.size() > 1 && count > maxIds) {
      long first = byDay.firstKey();
      long last = byDay.lastKey();
      forget(last - anchor > anchor - first ? last : first);
    }
  }

  private void forget(long day) {
    count -= byDay.remove(day).size();
    forgottenDays++;
  }
}
