package org.unmask.enrich;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorted, non-overlapping address ranges, each carrying an int (an ASN, a confidence, or 1 for
 * plain membership), looked up by binary search in O(log n).
 *
 * <p>IPv4 ranges live in int arrays (12 bytes a range) so the 400k-range ASN table costs about
 * 5 MB of heap; IPv6 ranges need four longs each. The serial form delta-encodes starts and lengths
 * as varints, which is what makes the shipped files small: most ranges start right after the
 * previous one and are short, so most numbers take one or two bytes before gzip.
 */
final class RangeTable {

  private static final int MAGIC = 0x554d5254; // "UMRT"

  // IPv4: bounds stored with the sign bit flipped so signed int comparison orders them unsigned.
  private final int[] v4Start;
  private final int[] v4End;
  private final int[] v4Value;
  private final long[] v6StartHi;
  private final long[] v6StartLo;
  private final long[] v6EndHi;
  private final long[] v6EndLo;
  private final int[] v6Value;

  private RangeTable(int[] v4Start, int[] v4End, int[] v4Value, long[] v6StartHi, long[] v6StartLo,
      long[] v6EndHi, long[] v6EndLo, int[] v6Value) {
    this.v4Start = v4Start;
    this.v4End = v4End;
    this.v4Value = v4Value;
    this.v6StartHi = v6StartHi;
    this.v6StartLo = v6StartLo;
    this.v6EndHi = v6EndHi;
    this.v6EndLo = v6EndLo;
    this.v6Value = v6Value;
  }

  static RangeTable empty() {
    return new Builder().build();
  }

  int size() {
    return v4Start.length + v6StartHi.length;
  }

  /** The value of the range holding the address, or {@code missing} when none does. */
  int lookup(IpAddress address, int missing) {
    return address.v4() ? lookupV4(address.v4Bits(), missing) : lookupV6(address.hi(), address.lo(), missing);
  }

  boolean contains(IpAddress address) {
    return lookup(address, Integer.MIN_VALUE) != Integer.MIN_VALUE;
  }

  private int lookupV4(long bits, int missing) {
    int key = (int) bits ^ Integer.MIN_VALUE;
    int lo = 0;
    int hi = v4Start.length - 1;
    while (lo <= hi) { // find the last range starting at or before the key
      int mid = (lo + hi) >>> 1;
      if (v4Start[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi >= 0 && key <= v4End[hi] ? v4Value[hi] : missing;
  }

  private int lookupV6(long keyHi, long keyLo, int missing) {
    int lo = 0;
    int hi = v6StartHi.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(v6StartHi[mid], v6StartLo[mid], keyHi, keyLo) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi >= 0 && compare(keyHi, keyLo, v6EndHi[hi], v6EndLo[hi]) <= 0 ? v6Value[hi] : missing;
  }

  private static int compare(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    Varints.writeUnsigned(out, v4Start.length);
    long next = 0; // first address after the previous range
    for (int i = 0; i < v4Start.length; i++) {
      long start = (v4Start[i] ^ Integer.MIN_VALUE) & 0xffffffffL;
      long end = (v4End[i] ^ Integer.MIN_VALUE) & 0xffffffffL;
      Varints.writeUnsigned(out, start - next);
      Varints.writeUnsigned(out, end - start);
      Varints.writeUnsigned(out, v4Value[i] & 0xffffffffL);
      next = end + 1;
    }
    Varints.writeUnsigned(out, v6StartHi.length);
    long previousHi = 0;
    for (int i = 0; i < v6StartHi.length; i++) {
      Varints.writeUnsigned(out, v6StartHi[i] - previousHi);
      out.writeLong(v6StartLo[i]);
      Varints.writeUnsigned(out, v6EndHi[i] - v6StartHi[i]);
      out.writeLong(v6EndLo[i]);
      Varints.writeUnsigned(out, v6Value[i] & 0xffffffffL);
      previousHi = v6StartHi[i];
    }
  }

  static RangeTable read(DataInput in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not an Unmask range table (bad magic number)");
    }
    int n4 = Math.toIntExact(Varints.readUnsigned(in));
    int[] start4 = new int[n4];
    int[] end4 = new int[n4];
    int[] value4 = new int[n4];
    long next = 0;
    for (int i = 0; i < n4; i++) {
      long start = next + Varints.readUnsigned(in);
      long end = start + Varints.readUnsigned(in);
      start4[i] = (int) start ^ Integer.MIN_VALUE;
      end4[i] = (int) end ^ Integer.MIN_VALUE;
      value4[i] = (int) Varints.readUnsigned(in);
      next = end + 1;
    }
    int n6 = Math.toIntExact(Varints.readUnsigned(in));
    long[] startHi = new long[n6];
    long[] startLo = new long[n6];
    long[] endHi = new long[n6];
    long[] endLo = new long[n6];
    int[] value6 = new int[n6];
    long previousHi = 0;
    for (int i = 0; i < n6; i++) {
      startHi[i] = previousHi + Varints.readUnsigned(in);
      startLo[i] = in.readLong();
      endHi[i] = startHi[i] + Varints.readUnsigned(in);
      endLo[i] = in.readLong();
      value6[i] = (int) Varints.readUnsigned(in);
      previousHi = startHi[i];
    }
    return new RangeTable(start4, end4, value4, startHi, startLo, endHi, endLo, value6);
  }

  /**
   * Collects ranges in any order, possibly overlapping. {@link #build} sorts them, joins touching
   * ranges with equal values and, where ranges with different values overlap, keeps the one added
   * first for the shared addresses (so add the most trusted source first).
   */
  static final class Builder {
    private record Range(IpAddress first, IpAddress last, int value, int order) {}

    private final List<Range> v4 = new ArrayList<>();
    private final List<Range> v6 = new ArrayList<>();

    Builder add(IpAddress first, IpAddress last, int value) {
      if (first.v4() != last.v4()) {
        throw new IllegalArgumentException("range mixes IPv4 and IPv6: " + first + "-" + last);
      }
      List<Range> list = first.v4() ? v4 : v6;
      list.add(new Range(first, last, value, v4.size() + v6.size()));
      return this;
    }

    /** Adds a block in any form {@link IpAddress#parseBlock} accepts; false if malformed. */
    boolean add(String block, int value) {
      IpAddress[] range = IpAddress.parseBlock(block);
      if (range == null) {
        return false;
      }
      add(range[0], range[1], value);
      return true;
    }

    RangeTable build() {
      List<Range> flat4 = flatten(v4);
      List<Range> flat6 = flatten(v6);
      int[] s4 = new int[flat4.size()];
      int[] e4 = new int[flat4.size()];
      int[] val4 = new int[flat4.size()];
      for (int i = 0; i < s4.length; i++) {
        Range r = flat4.get(i);
        s4[i] = (int) r.first.v4Bits() ^ Integer.MIN_VALUE;
        e4[i] = (int) r.last.v4Bits() ^ Integer.MIN_VALUE;
        val4[i] = r.value;
      }
      int n6 = flat6.size();
      long[] sh = new long[n6];
      long[] sl = new long[n6];
      long[] eh = new long[n6];
      long[] el = new long[n6];
      int[] val6 = new int[n6];
      for (int i = 0; i < n6; i++) {
        Range r = flat6.get(i);
        sh[i] = r.first.hi();
        sl[i] = r.first.lo();
        eh[i] = r.last.hi();
        el[i] = r.last.lo();
        val6[i] = r.value;
      }
      return new RangeTable(s4, e4, val4, sh, sl, eh, el, val6);
    }

    private static List<Range> flatten(List<Range> ranges) {
      Range[] sorted = ranges.toArray(Range[]::new);
      // earlier-added first among equal starts, so it wins the overlap
      Arrays.sort(sorted, Comparator.<Range, IpAddress>comparing(Range::first, IpAddress::compare)
          .thenComparingInt(Range::order));
      List<Range> out = new ArrayList<>(sorted.length);
      for (Range r : sorted) {
        if (out.isEmpty()) {
          out.add(r);
          continue;
        }
        Range previous = out.get(out.size() - 1);
        if (IpAddress.compare(r.first, previous.last) <= 0) { // overlaps
          if (IpAddress.compare(r.last, previous.last) <= 0) {
            continue; // inside the previous range
          }
          if (r.value == previous.value) {
            out.set(out.size() - 1, new Range(previous.first, r.last, r.value, previous.order));
          } else {
            out.add(new Range(successor(previous.last), r.last, r.value, r.order));
          }
        } else if (r.value == previous.value && isSuccessor(previous.last, r.first)) {
          out.set(out.size() - 1, new Range(previous.first, r.last, r.value, previous.order));
        } else {
          out.add(r);
        }
      }
      return out;
    }

    private static boolean isSuccessor(IpAddress a, IpAddress b) {
      return IpAddress.compare(successor(a), b) == 0 && IpAddress.compare(a, b) < 0;
    }

    private static IpAddress successor(IpAddress a) {
      if (a.v4()) {
        return new IpAddress(0, (a.lo() + 1) & 0xffffffffL, true);
      }
      long lo = a.lo() + 1;
      return new IpAddress(lo == 0 ? a.hi() + 1 : a.hi(), lo, false);
    }
  }
}
