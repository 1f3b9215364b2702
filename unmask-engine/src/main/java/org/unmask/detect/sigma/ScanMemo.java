package org.unmask.detect.sigma;

import java.util.Arrays;

/**
 * Which literals of one {@link GramIndex} recent values contained. Log values repeat: the same
 * image paths, parent command lines, hashes, users and product names arrive from every host all
 * day, so a value seen a moment ago costs a hash and an equals instead of a scan of every
 * character. Direct-mapped and bounded (a slot holds one value; a colliding value replaces it),
 * so attacker-chosen values can only cost a miss, never memory; values longer than
 * {@link #MAX_LENGTH} are always scanned. One per index per thread, for at most
 * {@link #MAX_PER_THREAD} indexes of a rule set (the hot ones, in practice: the first used); the
 * others share {@link #NONE_LEFT}, which remembers nothing. That bounds a thread's memories at
 * about 20 MB whatever the events, where a memory per index of every channel could grow to a
 * gigabyte on hostile input.
 */
final class ScanMemo implements GramIndex.Hits {

  private static final int SLOTS = 1024;
  static final int MAX_LENGTH = 256;
  static final int MAX_PER_THREAD = 64;
  /** The memory handed out past {@link #MAX_PER_THREAD}: it scans every value. */
  static final ScanMemo NONE_LEFT = new ScanMemo(false);

  private final boolean remembers;

  ScanMemo() {
    this(true);
  }

  private ScanMemo(boolean remembers) {
    this.remembers = remembers;
  }

  private static final int[] NONE = new int[0];

  private final String[] values = new String[SLOTS];
  /** Each slot's value's hash: a different value is told apart without reading the String. */
  private final int[] hashes = new int[SLOTS];
  /**
   * Each slot's literals when there are at most two (most values hold none or one): payload + 1
   * in each half, 0 for none; {@link #found} holds longer lists.
   */
  private final long[] few = new long[SLOTS];
  private final int[][] found = new int[SLOTS][];
  private int[] recorded = new int[16];
  private int recordedCount;

  /**
   * A field whose values never repeat (the Hashes of each new binary, logon ids, source ports)
   * gains nothing from a memory and pays a hash of each value: when fewer than one lookup in 32
   * of the last {@link #SAMPLE} found its value, the memory rests for the next {@link #REST}
   * values, which are scanned directly, and then samples again.
   */
  private static final int SAMPLE = 4096;
  private static final int REST = 15 * SAMPLE;
  private int lookups;
  private int hits;
  private int resting;

  /**
   * Hands {@code out} the payload of every literal of {@code index} that {@code value} contains.
   *
   * @param work holds at least {@code value.length()} characters
   * @param charactersTested whether the caller found that {@link GramIndex#mayContainAny} holds:
   *     keyword search tests first, since its values (GUIDs, times, process ids) are mostly new and
   *     would only crowd the memory out; a field index's values repeat, and a value found in the
   *     memory needs no test at all, so it is tested here, only when it is scanned
   */
  void scan(GramIndex index, String value, char[] work, GramIndex.Hits out, boolean charactersTested) {
    boolean direct = !remembers || value.length() > MAX_LENGTH || resting > 0;
    if (direct) {
      if (!charactersTested && !index.mayContainAny(value)) {
        return;
      }
      if (resting > 0) {
        resting--; // NONE_LEFT is shared by threads: it never rests, so it is never written
      }
      index.scan(value, work, out);
      return;
    }
    int h = value.hashCode(); // computed once per String, and cached: the other memories reuse it
    int slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    boolean seen = hashes[slot] == h && value.equals(values[slot]);
    if (++lookups == SAMPLE) {
      resting = hits < SAMPLE / 32 ? REST : 0;
      lookups = 0;
      hits = 0;
    }
    if (seen) {
      hits++;
      int[] many = found[slot];
      if (many == null) {
        long pair = few[slot];
        if (pair != 0) {
          out.hit((int) pair - 1);
          if ((pair >>> 32) != 0) {
            out.hit((int) (pair >>> 32) - 1);
          }
        }
      } else {
        for (int payload : many) {
          out.hit(payload);
        }
      }
      return;
    }
    recordedCount = 0;
    if (charactersTested || index.mayContainAny(value)) {
      index.scan(value, work, this);
    }
    int[] payloads = recordedCount == 0 ? NONE : distinct(Arrays.copyOf(recorded, recordedCount));
    values[slot] = value;
    hashes[slot] = h;
    if (payloads.length <= 2) {
      few[slot] = payloads.length == 0 ? 0 : (payloads[0] + 1L) | (payloads.length == 2 ? (payloads[1] + 1L) << 32 : 0);
      found[slot] = null;
    } else {
      few[slot] = 0;
      found[slot] = payloads;
    }
    for (int payload : payloads) {
      out.hit(payload);
    }
  }

  @Override
  public void hit(int payload) {
    if (recordedCount == recorded.length) {
      recorded = Arrays.copyOf(recorded, recordedCount * 2);
    }
    recorded[recordedCount++] = payload;
  }

  private static int[] distinct(int[] payloads) {
    int n = 0;
    outer:
    for (int i = 0; i < payloads.length; i++) { // a value holds a handful of literals at most
      for (int j = 0; j < n; j++) {
        if (payloads[j] == payloads[i]) {
          continue outer;
        }
      }
      payloads[n++] = payloads[i];
    }
    return n == payloads.length ? payloads : Arrays.copyOf(payloads, n);
  }
}
