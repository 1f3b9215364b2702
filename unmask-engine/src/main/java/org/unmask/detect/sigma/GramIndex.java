package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds which of many literals occur in a value, with a few hash probes per character.
 *
 * <p>Each literal is indexed under a window of its last characters, as wide as it allows: 8, 5 or
 * 3 characters packed 8 bits each for Latin-1 literals, 4, 2 or 1 characters packed 16 bits each
 * for the others (emoji, homoglyphs). A scan keeps rolling keys of the last characters of the
 * value; for each window width in use, a 64-Kibit bitmap (in L1 cache) says whether the key may
 * be indexed, and only then is the table probed and the literal compared in place. Wide windows
 * keep the probe lists short: a Sigma literal's tail is rarely shared.
 *
 * <p>This replaced a deterministic Aho-Corasick automaton: for the 4,000 command-line literals of
 * the SigmaHQ Windows rules its transition table was megabytes, and each character of a command
 * line cost a cache miss; these tables are a few hundred KiB.
 */
final class GramIndex {

  /** Receives the payload of every literal found (possibly several times). */
  interface Hits {
    void hit(int payload);
  }

  private static final int[] LATIN1_WIDTHS = {3, 5, 8};
  private static final int[] WIDE_WIDTHS = {1, 2, 4};
  private static final long EMPTY = -1L;

  private final String[] literals;
  private final int[] payloads;
  private final Table[] latin1 = new Table[LATIN1_WIDTHS.length];
  private final Table[] wide = new Table[WIDE_WIDTHS.length];
  /** One 64-Kibit bitmap per table (3 Latin-1 widths, then the wide ones), 8 KiB each. */
  private final long[] bits = new long[1024 * 4];
  private final boolean anyWide;
  /** Latin-1 literals shorter than the narrowest window (a backtick, "${"): searched with indexOf. */
  private final String[] shortLiterals;
  private final int[] shortPayloads;

  GramIndex(List<String> literalList, int[] payloadList) {
    literals = literalList.toArray(String[]::new);
    payloads = payloadList.clone();
    List<Map<Long, List<Integer>>> byLatin1 = new ArrayList<>();
    List<Map<Long, List<Integer>>> byWide = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byLatin1.add(new HashMap<>());
      byWide.add(new HashMap<>());
    }
    boolean wideUsed = false;
    List<Integer> shortOnes = new ArrayList<>();
    for (int p = 0; p < literals.length; p++) {
      String l = literals[p];
      if (latin1(l) && l.length() < LATIN1_WIDTHS[0]) {
        shortOnes.add(p);
      } else if (latin1(l)) {
        int w = widthIndex(LATIN1_WIDTHS, l.length());
        long key = pack(l, l.length() - LATIN1_WIDTHS[w], LATIN1_WIDTHS[w], 8);
        byLatin1.get(w).computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        setBit(key, w);
      } else {
        int w = widthIndex(WIDE_WIDTHS, l.length());
        long key = pack(l, l.length() - WIDE_WIDTHS[w], WIDE_WIDTHS[w], 16);
        byWide.get(w).computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        setBit(key, 3 + w);
        wideUsed = true;
      }
    }
    for (int i = 0; i < 3; i++) {
      latin1[i] = byLatin1.get(i).isEmpty() ? null : new Table(byLatin1.get(i));
      wide[i] = byWide.get(i).isEmpty() ? null : new Table(byWide.get(i));
    }
    anyWide = wideUsed;
    shortLiterals = shortOnes.stream().map(p -> literals[p]).toArray(String[]::new);
    shortPayloads = shortOnes.stream().mapToInt(p -> payloads[p]).toArray();
  }

  private static int widthIndex(int[] widths, int length) {
    int w = 0;
    while (w + 1 < widths.length && widths[w + 1] <= length) {
      w++;
    }
    return w;
  }

  private static boolean latin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static long pack(String s, int at, int width, int bitsPerChar) {
    long k = 0;
    for (int i = 0; i < width; i++) {
      k = (k << bitsPerChar) | s.charAt(at + i);
    }
    return k;
  }

  private static int bit(long key, int table) {
    return (Math.min(table, 3) << 16) | (int) ((key * 0x9E3779B97F4A7C15L) >>> 48);
  }

  private void setBit(long key, int table) {
    int b = bit(key, table);
    bits[b >>> 6] |= 1L << b;
  }

  /**
   * Scans a value as if lower-cased: ASCII letters are folded on the fly, so no lower-cased copy
   * is made; a value with a non-ASCII character is lower-cased first (its case rules are not
   * ASCII's).
   */
  void scan(String s, Hits hits) {
    for (int i = 0; i < shortLiterals.length; i++) {
      if (indexOfIgnoreCase(s, shortLiterals[i])) {
        hits.hit(shortPayloads[i]);
      }
    }
    scan(s, hits, false);
  }

  private static boolean indexOfIgnoreCase(String s, String literal) {
    if (s.contains(literal)) {
      return true;
    }
    for (int i = 0; i < literal.length(); i++) {
      if (Character.isLetter(literal.charAt(i))) {
        return s.toLowerCase(Locale.ROOT).contains(literal);
      }
    }
    return false;
  }

  private void scan(String s, Hits hits, boolean lowered) {
    final int n = s.length();
    final long[] b = bits;
    final Table t3 = latin1[0];
    final Table t5 = latin1[1];
    final Table t8 = latin1[2];
    long key8 = 0;
    long key16 = 0;
    int valid8 = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      } else if (c >= 0x80 && !lowered) {
        scan(s.toLowerCase(Locale.ROOT), hits, true); // hits so far repeat harmlessly
        return;
      }
      if (c > 0xFF) {
        valid8 = 0;
        key8 = 0;
      } else {
        key8 = (key8 << 8) | c;
        valid8++;
      }
      if (valid8 >= 3) {
        long k = key8 & 0xFF_FFFFL;
        int x = bit(k, 0);
        if (t3 != null && (b[x >>> 6] & (1L << x)) != 0) {
          check(t3, k, s, i - 2, hits);
        }
        if (valid8 >= 5) {
          k = key8 & 0xFF_FFFF_FFFFL;
          x = bit(k, 1);
          if (t5 != null && (b[x >>> 6] & (1L << x)) != 0) {
            check(t5, k, s, i - 4, hits);
          }
          if (valid8 >= 8) {
            x = bit(key8, 2);
            if (t8 != null && (b[x >>> 6] & (1L << x)) != 0) {
              check(t8, key8, s, i - 7, hits);
            }
          }
        }
      }
      if (anyWide && lowered) { // every wide literal has a non-ASCII character, so only such values can hold one
        key16 = (key16 << 16) | c;
        for (int w = 0; w < 3; w++) {
          int width = WIDE_WIDTHS[w];
          if (wide[w] != null && i + 1 >= width) {
            long k = width == 4 ? key16 : key16 & ((1L << (16 * width)) - 1);
            int x = bit(k, 3 + w);
            if ((b[x >>> 6] & (1L << x)) != 0) {
              check(wide[w], k, s, i - width + 1, hits);
            }
          }
        }
      }
    }
  }

  /** The window ending at {@code i} has key {@code key}, starting at {@code windowStart}. */
  private void check(Table table, long key, String s, int windowStart, Hits hits) {
    int[] candidates = table.find(key);
    if (candidates == null) {
      return;
    }
    for (int p : candidates) {
      String literal = literals[p];
      // the window is the literal's tail: the literal starts before it
      int start = windowStart + Math.min(literal.length(), windowWidth(literal)) - literal.length();
      if (start >= 0 && s.regionMatches(true, start, literal, 0, literal.length())) {
        hits.hit(payloads[p]);
      }
    }
  }

  private static int windowWidth(String literal) {
    return latin1(literal) && literal.length() >= LATIN1_WIDTHS[0]
        ? LATIN1_WIDTHS[widthIndex(LATIN1_WIDTHS, literal.length())]
        : WIDE_WIDTHS[widthIndex(WIDE_WIDTHS, literal.length())];
  }

  /** An open-addressing table from a packed key to the literals indexed under it. */
  private static final class Table {
    final long[] keys;
    final int[][] entries;
    final int shift;
    final int mask;

    Table(Map<Long, List<Integer>> content) {
      int capacity = Integer.highestOneBit(Math.max(16, content.size() * 3)) << 1;
      keys = new long[capacity];
      java.util.Arrays.fill(keys, EMPTY);
      entries = new int[capacity][];
      mask = capacity - 1;
      shift = 64 - Integer.numberOfTrailingZeros(capacity);
      for (Map.Entry<Long, List<Integer>> e : content.entrySet()) {
        int h = (int) ((e.getKey() * 0x9E3779B97F4A7C15L) >>> shift);
        while (keys[h] != EMPTY) {
          h = (h + 1) & mask;
        }
        keys[h] = e.getKey();
        entries[h] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      }
    }

    int[] find(long key) {
      int h = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
      long found;
      while ((found = keys[h]) != EMPTY) {
        if (found == key) {
          return entries[h];
        }
        h = (h + 1) & mask;
      }
      return null;
    }
  }

  int tableBytes() {
    int b = bits.length * 8;
    for (Table t : latin1) {
      b += t == null ? 0 : t.keys.length * 12;
    }
    for (Table t : wide) {
      b += t == null ? 0 : t.keys.length * 12;
    }
    return b;
  }

  int size() {
    return literals.length;
  }
}
