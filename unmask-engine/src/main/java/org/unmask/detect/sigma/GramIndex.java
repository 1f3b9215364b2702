package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * <p>Most values are ASCII, and take a faster path ({@link #scanAscii}): the value is copied to a
 * {@code char[]} once, each position costs one probe of a gate bitmap of all literals' last three
 * characters before any window is tried, one- and two-character literals are found in the same
 * pass, and windows compare against a flat pool of folded literals. Callers first ask
 * {@link #mayContainAny}: a value shorter than every literal, or lacking a character of each
 * literal of a short list (a rule set's keywords), is not scanned.
 * Other values go the general way, with Unicode case folding.
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
  /** Every literal lower-cased, end to end: literal p is pool[poolStart[p] .. poolStart[p + 1]). */
  private final char[] pool;
  private final int[] poolStart;
  private final Table[] latin1 = new Table[LATIN1_WIDTHS.length];
  private final Table[] wide = new Table[WIDE_WIDTHS.length];
  /**
   * One bitmap per table (3 Latin-1 widths, then the wide ones), sized to the literal count like
   * the gate, up to 64 Kibit (8 KiB): a partition has dozens of field indexes, most of them a few
   * literals, which fixed 32 KiB bitmaps would spread over memory for nothing.
   */
  private final long[] bits;
  private final int bitsShift;
  private final int bitsPerTable;
  private final boolean anyWide;
  /**
   * The first test at each position of an ASCII value: may any Latin-1 literal end with the last
   * {@link #gateWidth} characters? Sized to the literal count so that a small index (a rule set's keywords)
   * stays in L1 cache; most positions of most values stop here, after one probe.
   */
  private final long[] gate;
  private final int gateShift;
  /**
   * How many last characters the gate reads: as many as the shortest Latin-1 literal of three or
   * more has, up to 8. The hash heads of driver and tool rules are all long, and three hex digits
   * would let one position in eight through; eight let almost none.
   */
  private final int gateWidth;
  private final long gateMask;
  /** The shortest literal: a shorter value cannot contain any (a process id against the mimikatz keywords). */
  private final int minLength;
  /**
   * For a short list of ASCII literals, each literal's characters as a 128-bit set (two longs,
   * lower-cased); null otherwise. See {@link #mayContainAny}.
   */
  private final long[] charSets;
  private static final int MAX_LITERALS_FOR_CHAR_SETS = 64;
  /**
   * The same sets over the literals' own characters, when they use at most 64 different ones (a
   * keyword list does): each ASCII character's bit (its lower-case form's; 0 for a character no
   * literal has), and each literal's bits. A value's characters then cost one table load and an
   * or each. Null otherwise.
   */
  private final long[] charBits;
  private final long[] literalBits;
  /**
   * Up to {@link #MAX_MARKS} characters that are not letters or digits (':', '.', ' ', '\'), at
   * least one of which every literal holds; null when no such few exist. A value with none of them
   * holds no literal, and {@link String#indexOf(int)} finds that in a few vector instructions per
   * mark, where the character sets cost a table load per character. The SigmaHQ Windows keywords
   * (mimikatz's "sekurlsa::", "gentilkiwi.com", "Kiwi Legit Printer") all hold ':', '.' or ' ', and
   * the values they are searched for in are mostly GUIDs, hashes and numbers.
   * No character folds to one of these but itself ({@link SigmaString#lower} changes letters
   * only; a test checks every code point), so a folded value holds a mark exactly when the value does.
   */
  private final char[] marks;
  private static final int MAX_MARKS = 3;
  /**
   * When every literal is ASCII: a control character that no literal holds, which stands in for
   * the Latin-1 characters past ASCII ('®', 'é', 'µ') so that a value with them still takes the
   * ASCII scan. Sound because folding takes none of them to ASCII (their lower cases are Latin-1
   * letters, and 'µ' folds to Greek mu), so none can be part of an ASCII literal; only characters
   * past Latin-1 can ('ſ' folds to 's', the Kelvin sign to 'k'), and those still take the general
   * scan. 0 when some literal is not ASCII.
   */
  private final char latin1StandIn;
  private static final char[] ASCII_LOWER = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_LOWER[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
  }

  /**
   * Latin-1 literals shorter than the narrowest window (a backtick, "${"): found in the scan's
   * pass in ASCII values, and with indexOf in others.
   */
  private final String[] shortLiterals;
  private final int[] shortPayloads;
  /**
   * In ASCII values the ASCII short literals are found in the same pass: one and two characters,
   * as bit sets, then the literals ending in the character are compared. A non-ASCII short literal
   * cannot be in an ASCII value; values with other characters take {@link #shortLiteralsByIndexOf}.
   */
  private final long[] short1 = new long[2];
  private final long[] short2 = new long[1 << 14 >>> 6];
  /** By last character: the ASCII short literals ending in it (indexes into {@link #shortLiterals}). */
  private final int[][] shortAsciiByLast = new int[128][];
  private final boolean anyShortAscii;

  /**
   * @param literalList the literals, folded here as values are when scanned and as every
   *     case-insensitive test compares ({@link SigmaString#lower}), so that what the index lets
   *     through stays a superset of what the tests accept
   */
  GramIndex(List<String> literalList, int[] payloadList) {
    literals = new String[literalList.size()];
    for (int p = 0; p < literals.length; p++) {
      literals[p] = SigmaString.lower(literalList.get(p));
    }
    payloads = payloadList.clone();
    poolStart = new int[literals.length + 1];
    StringBuilder all = new StringBuilder();
    for (int p = 0; p < literals.length; p++) {
      poolStart[p] = all.length();
      all.append(literals[p]);
    }
    poolStart[literals.length] = all.length();
    pool = all.toString().toCharArray();
    List<Map<Long, List<Integer>>> byLatin1 = new ArrayList<>();
    List<Map<Long, List<Integer>>> byWide = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byLatin1.add(new HashMap<>());
      byWide.add(new HashMap<>());
    }
    boolean wideUsed = false;
    List<Integer> shortOnes = new ArrayList<>();
    int gateBits = Integer.highestOneBit(Math.max(4096, Math.min(1 << 16, literals.length * 32)));
    gate = new long[gateBits / 64];
    gateShift = 64 - Integer.numberOfTrailingZeros(gateBits);
    bitsPerTable = gateBits;
    bitsShift = gateShift;
    bits = new long[4 * bitsPerTable / 64];
    int shortestWindowed = 8;
    int shortest = Integer.MAX_VALUE;
    boolean asciiLiterals = true;
    for (String l : literals) {
      shortest = Math.min(shortest, l.length());
      asciiLiterals &= isAscii(l);
      if (latin1(l) && l.length() >= LATIN1_WIDTHS[0]) {
        shortestWindowed = Math.min(shortestWindowed, l.length());
      }
    }
    // lower-casing maps a character to one, except U+0130 to two: an ASCII literal still needs as
    // many characters of the value as it has, another literal at least half as many
    minLength = literals.length == 0 ? 0 : asciiLiterals ? shortest : (shortest + 1) / 2;
    gateWidth = shortestWindowed;
    gateMask = gateWidth == 8 ? -1L : (1L << (8 * gateWidth)) - 1;
    for (int p = 0; p < literals.length; p++) {
      String l = literals[p];
      if (latin1(l) && l.length() < LATIN1_WIDTHS[0]) {
        shortOnes.add(p);
      } else if (latin1(l)) {
        int w = widthIndex(LATIN1_WIDTHS, l.length());
        long key = pack(l, l.length() - LATIN1_WIDTHS[w], LATIN1_WIDTHS[w], 8);
        byLatin1.get(w).computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        setBit(key, w);
        long tail = pack(l, l.length() - gateWidth, gateWidth, 8);
        int g = gateBit(tail);
        gate[g >>> 6] |= 1L << g;
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
    latin1StandIn = asciiLiterals ? standIn(pool) : 0;
    charSets = asciiCharSets(literals);
    long[][] compact = charSets == null ? null : compactCharSets(literals);
    charBits = compact == null ? null : compact[0];
    literalBits = compact == null ? null : compact[1];
    marks = charSets == null ? null : marks(literals);
    shortLiterals = new String[shortOnes.size()];
    shortPayloads = new int[shortOnes.size()];
    for (int i = 0; i < shortLiterals.length; i++) {
      shortLiterals[i] = literals[shortOnes.get(i)];
      shortPayloads[i] = payloads[shortOnes.get(i)];
    }
    boolean anyAscii = false;
    for (int p = 0; p < shortLiterals.length; p++) {
      String l = shortLiterals[p];
      if (l.isEmpty() || !isAscii(l)) {
        continue;
      }
      anyAscii = true;
      char last = l.charAt(l.length() - 1);
      int[] ending = shortAsciiByLast[last];
      ending = ending == null ? new int[1] : java.util.Arrays.copyOf(ending, ending.length + 1);
      ending[ending.length - 1] = p;
      shortAsciiByLast[last] = ending;
      if (l.length() == 1) {
        short1[last >>> 6] |= 1L << last;
      } else {
        int k = l.charAt(0) << 7 | last;
        short2[k >>> 6] |= 1L << k;
      }
    }
    anyShortAscii = anyAscii;
    boolean scalar = false;
    for (int p = 0; p < literals.length && !scalar; p++) {
      scalar = onlyScalarText(literals[p]);
    }
    mayBeInScalarText = scalar;
  }

  /**
   * Every character a number or a boolean of a JSON event can be written with, lower-cased
   * ({@code 4624}, {@code -1.5e-7}, {@code true}, {@code false}).
   */
  private static final String SCALAR_TEXT = "0123456789.-+eEtrufals";
  private final boolean mayBeInScalarText;

  /** Whether a (folded) literal's characters could all be in a number's or a boolean's text. */
  private static boolean onlyScalarText(String literal) {
    for (int i = 0; i < literal.length(); i++) {
      if (SCALAR_TEXT.indexOf(literal.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  // Plain loops rather than streams and lambdas in what builds an index: a bucket is built when
  // the first event of its kind arrives, mostly in interpreted code, where a stream per literal
  // (thousands of them) cost more than the work it did
  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The first control character no literal holds (see {@link #latin1StandIn}); 0 if none is free. */
  private static char standIn(char[] literalChars) {
    boolean[] used = new boolean[32];
    for (char c : literalChars) {
      if (c < 32) {
        used[c] = true;
      }
    }
    for (char c = 1; c < 32; c++) {
      if (!used[c]) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Whether some literal could occur in the text of a number or a boolean: keyword search must
   * then read those values too, as text. For most keyword lists (words, paths, commands) it is
   * false, and numbers cost nothing.
   */
  boolean mayBeInScalarText() {
    return mayBeInScalarText;
  }

  private static long[] asciiCharSets(String[] literals) {
    if (literals.length > MAX_LITERALS_FOR_CHAR_SETS) {
      return null;
    }
    long[] sets = new long[literals.length * 2];
    for (int p = 0; p < literals.length; p++) {
      for (char c : literals[p].toCharArray()) {
        if (c >= 0x80) {
          return null;
        }
        sets[2 * p + (c < 64 ? 0 : 1)] |= 1L << c;
      }
    }
    return sets;
  }

  private boolean holdsMark(String s) {
    for (char mark : marks) {
      if (s.indexOf(mark) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether a character can serve as a mark: see {@link #marks}. */
  static boolean markable(char c) {
    return c >= ' ' && c < 0x7F && !Character.isLetterOrDigit(c);
  }

  /**
   * A few non-letter characters that every literal holds one of, chosen greedily (the one most
   * literals hold first), or null when more than {@link #MAX_MARKS} would be needed.
   */
  private static char[] marks(String[] literals) {
    boolean[] hit = new boolean[literals.length];
    int left = literals.length;
    char[] chosen = new char[MAX_MARKS];
    int count = 0;
    while (left > 0) {
      if (count == MAX_MARKS) {
        return null;
      }
      int[] holders = new int[128];
      for (int p = 0; p < literals.length; p++) {
        if (hit[p]) {
          continue;
        }
        boolean[] counted = new boolean[128];
        for (int i = 0; i < literals[p].length(); i++) {
          char c = literals[p].charAt(i);
          if (markable(c) && !counted[c]) {
            counted[c] = true;
            holders[c]++;
          }
        }
      }
      char best = 0;
      for (char c = 0; c < 128; c++) {
        if (holders[c] > holders[best]) {
          best = c;
        }
      }
      if (holders[best] == 0) {
        return null; // a literal of letters and digits only
      }
      chosen[count++] = best;
      for (int p = 0; p < literals.length; p++) {
        if (!hit[p] && literals[p].indexOf(best) >= 0) {
          hit[p] = true;
          left--;
        }
      }
    }
    return count == 0 ? null : java.util.Arrays.copyOf(chosen, count);
  }

  /** {charBits, literalBits} for ASCII literals of at most 64 different characters, else null. */
  private static long[][] compactCharSets(String[] literals) {
    long[] bits = new long[128];
    long[] literalBits = new long[literals.length];
    int next = 0;
    for (int p = 0; p < literals.length; p++) {
      for (char c : literals[p].toCharArray()) {
        if (bits[c] == 0) {
          if (next == 64) {
            return null;
          }
          bits[c] = 1L << next++;
        }
        literalBits[p] |= bits[c];
      }
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      bits[c] = bits[ASCII_LOWER[c]];
    }
    return new long[][] {bits, literalBits};
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

  private int bit(long key, int table) {
    return Math.min(table, 3) * bitsPerTable + (int) ((key * 0x9E3779B97F4A7C15L) >>> bitsShift);
  }

  private int gateBit(long key3) {
    return (int) ((key3 * 0x9E3779B97F4A7C15L) >>> gateShift);
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
    scan(s, new char[s.length()], hits);
  }

  /**
   * The same with the caller's work array, which must hold {@code s.length()} characters: the
   * value is copied there once, because a loop over an array beats {@code charAt}.
   */
  void scan(String s, char[] chars, Hits hits) {
    int n = s.length();
    s.getChars(0, n, chars, 0);
    if (latin1StandIn != 0 ? standInForLatin1(chars, n) : isAscii(chars, n)) {
      scanAscii(chars, n, hits);
    } else {
      shortLiteralsByIndexOf(s, hits);
      scan(s, hits, false);
    }
  }

  /**
   * Replaces every Latin-1 character past ASCII by {@link #latin1StandIn}, in the one pass that
   * also finds an ASCII value ASCII (and leaves it as it is); false, with the work array only
   * partly replaced (the general scan reads the String, not the array), when a character lies
   * past Latin-1. Windows logs are full of such values: "Microsoft® Windows® Operating System" in
   * a process's product, and so in the rendered message of every event that names it.
   */
  private boolean standInForLatin1(char[] chars, int n) {
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      if (c >= 0x80) {
        if (c > 0xFF) {
          return false;
        }
        chars[i] = latin1StandIn;
      }
    }
    return true;
  }

  /** The short literals in a value with non-ASCII characters, which is lower-cased once for all of them. */
  private void shortLiteralsByIndexOf(String s, Hits hits) {
    String lower = null;
    for (int i = 0; i < shortLiterals.length; i++) {
      String literal = shortLiterals[i];
      boolean found = s.contains(literal);
      if (!found && hasLetter(literal)) {
        if (lower == null) {
          lower = SigmaString.lower(s);
        }
        found = lower.contains(literal);
      }
      if (found) {
        hits.hit(shortPayloads[i]);
      }
    }
  }

  private static boolean hasLetter(String literal) {
    for (int i = 0; i < literal.length(); i++) {
      if (Character.isLetter(literal.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAscii(char[] chars, int n) {
    for (int i = 0; i < n; i++) {
      if (chars[i] >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * False when the value cannot hold any literal, judged by its length, and for a short ASCII list
   * (the keywords) by its characters: it lacks, for every literal, at least one of its characters;
   * true otherwise. The test before {@link #scan}, which does not repeat it. One pass over the value, cheaper
   * than remembering it: the keyword index sees every GUID, time and host name of an event, which
   * are mostly new and can hold no keyword.
   */
  boolean mayContainAny(String s) {
    if (s.length() < minLength) {
      return false;
    }
    if (charSets == null) {
      return true;
    }
    if (marks != null && !holdsMark(s)) {
      return false;
    }
    if (charBits != null) {
      return someLiteralFits(s);
    }
    long low = 0;
    long high = 0;
    final char[] lower = ASCII_LOWER;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c > 0xFF) {
          return true; // Unicode case folding ('ſ' is an 's'): leave it to the scan
        }
        continue; // no Latin-1 character past ASCII folds into an ASCII literal (see latin1StandIn)
      }
      // no branch on which half the character falls in: digits and letters alternate in the
      // GUIDs, times and host names this loop sees most, and a branch on it mispredicted often
      c = lower[c];
      long bit = 1L << c; // the shift counts modulo 64
      long upperHalf = -(long) (c >>> 6);
      high |= bit & upperHalf;
      low |= bit & ~upperHalf;
    }
    return someLiteralFits(low, high);
  }

  /** {@link #mayContainAny} over the compact sets: the characters no literal has add nothing. */
  private boolean someLiteralFits(String s) {
    final long[] bits = charBits;
    long seen = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c > 0xFF) {
          return true; // Unicode case folding: leave it to the scan
        }
        continue; // as in mayContainAny
      }
      seen |= bits[c];
    }
    for (long literal : literalBits) {
      if ((literal & ~seen) == 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether some literal's characters all occur in a value with these characters (a 128-bit set). */
  private boolean someLiteralFits(long low, long high) {
    for (int i = 0; i < charSets.length; i += 2) {
      if ((charSets[i] & ~low) == 0 && (charSets[i + 1] & ~high) == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The common case, an ASCII value: one gate probe per position, and the window tables only
   * where the gate lets through. Values with other characters take the general path, whose case
   * folding is Unicode's.
   */
  private void scanAscii(char[] chars, int n, Hits hits) {
    final long[] g = gate;
    final char[] lower = ASCII_LOWER;
    final boolean anyShort = anyShortAscii;
    final long mask = gateMask;
    long key8 = 0;
    for (int i = 0; i < n; i++) {
      int c = lower[chars[i]];
      key8 = (key8 << 8) | c;
      if (anyShort) {
        int k2 = (int) (key8 & 0xFF) | (int) (key8 >>> 1 & 0x3F80); // previous << 7 | this
        if ((short1[c >>> 6] & (1L << c)) != 0 || (i > 0 && (short2[k2 >>> 6] & (1L << k2)) != 0)) {
          shortLiteralsEndingAt(key8, i, hits);
        }
      }
      if (i >= gateWidth - 1) {
        int x = gateBit(key8 & mask);
        if ((g[x >>> 6] & (1L << x)) != 0) {
          windows(key8, i, chars, hits);
        }
      }
    }
  }

  private void shortLiteralsEndingAt(long key8, int i, Hits hits) {
    char last = (char) (key8 & 0xFF);
    char before = (char) (key8 >>> 8 & 0xFF);
    int[] ending = shortAsciiByLast[last];
    if (ending == null) {
      return;
    }
    for (int p : ending) {
      String l = shortLiterals[p];
      if (l.length() == 1 || (i > 0 && l.charAt(0) == before)) {
        hits.hit(shortPayloads[p]);
      }
    }
  }

  /** Probes the window tables for literals ending at {@code i}, given the last 8 folded characters. */
  private void windows(long key8, int i, char[] chars, Hits hits) {
    final long[] b = bits;
    long k = key8 & 0xFF_FFFFL;
    int x = bit(k, 0);
    if (latin1[0] != null && (b[x >>> 6] & (1L << x)) != 0) {
      checkAscii(latin1[0], k, 3, chars, i + 1, hits);
    }
    if (i >= 4) {
      k = key8 & 0xFF_FFFF_FFFFL;
      x = bit(k, 1);
      if (latin1[1] != null && (b[x >>> 6] & (1L << x)) != 0) {
        checkAscii(latin1[1], k, 5, chars, i + 1, hits);
      }
      if (i >= 7) {
        x = bit(key8, 2);
        if (latin1[2] != null && (b[x >>> 6] & (1L << x)) != 0) {
          checkAscii(latin1[2], key8, 8, chars, i + 1, hits);
        }
      }
    }
  }

  /**
   * The literals indexed under the window that ends before {@code end}: each is compared, before
   * its window (which the key has matched), with the folded characters of the value.
   */
  private void checkAscii(Table table, long key, int width, char[] chars, int end, Hits hits) {
    int h = table.slot(key);
    if (h < 0) {
      return;
    }
    final char[] lower = ASCII_LOWER;
    final int[] flat = table.flat;
    for (int q = table.span[2 * h], last = q + table.span[2 * h + 1]; q < last; q++) {
      int p = flat[q];
      int from = poolStart[p];
      int length = poolStart[p + 1] - from;
      int start = end - length;
      if (start < 0) {
        continue;
      }
      int j = 0;
      int compare = length - width;
      while (j < compare && lower[chars[start + j]] == pool[from + j]) {
        j++;
      }
      if (j == compare) {
        hits.hit(payloads[p]);
      }
    }
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
        scan(SigmaString.lower(s), hits, true); // hits so far repeat harmlessly
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
    int h = table.slot(key);
    if (h < 0) {
      return;
    }
    for (int q = table.span[2 * h], last = q + table.span[2 * h + 1]; q < last; q++) {
      int p = table.flat[q];
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
    /** Slot h's literals are flat[span[2h] ..+ span[2h+1]]: one array, no per-slot objects to chase. */
    final int[] span;
    final int[] flat;
    final int shift;
    final int mask;

    Table(Map<Long, List<Integer>> content) {
      int capacity = Integer.highestOneBit(Math.max(16, content.size() * 3)) << 1;
      keys = new long[capacity];
      java.util.Arrays.fill(keys, EMPTY);
      span = new int[2 * capacity];
      int literalCount = 0;
      for (List<Integer> l : content.values()) {
        literalCount += l.size();
      }
      flat = new int[literalCount];
      mask = capacity - 1;
      shift = 64 - Integer.numberOfTrailingZeros(capacity);
      int next = 0;
      for (Map.Entry<Long, List<Integer>> e : content.entrySet()) {
        int h = (int) ((e.getKey() * 0x9E3779B97F4A7C15L) >>> shift);
        while (keys[h] != EMPTY) {
          h = (h + 1) & mask;
        }
        keys[h] = e.getKey();
        span[2 * h] = next;
        span[2 * h + 1] = e.getValue().size();
        for (int p : e.getValue()) {
          flat[next++] = p;
        }
      }
    }

    /** The slot holding {@code key}, or -1. */
    int slot(long key) {
      int h = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
      long found;
      while ((found = keys[h]) != EMPTY) {
        if (found == key) {
          return h;
        }
        h = (h + 1) & mask;
      }
      return -1;
    }
  }

  int tableBytes() {
    int b = bits.length * 8;
    for (Table t : latin1) {
      b += t == null ? 0 : t.keys.length * 16 + t.flat.length * 4;
    }
    for (Table t : wide) {
      b += t == null ? 0 : t.keys.length * 16 + t.flat.length * 4;
    }
    return b;
  }

  int size() {
    return literals.length;
  }
}
