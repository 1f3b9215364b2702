package org.unmask.server.ingest;

import java.util.Arrays;

/**
 * A set of longs with open addressing: 8 bytes a slot, no boxing, so tens of millions of event ids
 * fit in memory. Zero is stored out of band. Not thread-safe.
 */
final class LongSet {

  private long[] slots = new long[1024];
  private int size;
  private boolean hasZero;

  int size() {
    return size + (hasZero ? 1 : 0);
  }

  boolean contains(long v) {
    if (v == 0) {
      return hasZero;
    }
    int mask = slots.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == 0) {
        return false;
      }
      if (s == v) {
        return true;
      }
    }
  }

  /** Adds; true when the value was not there. */
  boolean add(long v) {
    if (v == 0) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == 0) {
        slots[i] = v;
        size++;
        return true;
      }
      if (s == v) {
        return false;
      }
    }
  }

  long bytes() {
    return (long) slots.length * Long.BYTES;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long v : old) {
      if (v != 0) {
        add(v);
      }
    }
  }

  private static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return "LongSet[" + size() + " of " + slots.length + "]" + (slots.length > 0 ? "" : Arrays.toString(slots));
  }
}
