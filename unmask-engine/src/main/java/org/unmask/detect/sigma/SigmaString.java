package org.unmask.detect.sigma;

import java.util.Locale;

/**
 * A Sigma value string with its wildcards decoded. Wildcards are stored as two private-use
 * characters so that a value stays a plain {@link String}: {@link #STAR} for {@code *} and
 * {@link #ONE} for {@code ?}. Everything else is literal text.
 */
final class SigmaString {

  static final char STAR = '\uE000';
  static final char ONE = '\uE001';

  private SigmaString() {}

  /**
   * Decodes a rule value: {@code *} and {@code ?} are wildcards, {@code \*}, {@code \?} and
   * {@code \\} are the plain characters, and any other backslash is itself.
   */
  static String parse(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        char next = raw.charAt(i + 1);
        if (next == '*' || next == '?' || next == '\\') {
          out.append(next);
          i++;
          continue;
        }
        out.append(c);
      } else if (c == '*') {
        out.append(STAR);
      } else if (c == '?') {
        out.append(ONE);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Literal text only, no wildcard: escapes nothing, for values that come from configuration. */
  static boolean hasWildcard(String s) {
    return s.indexOf(STAR) >= 0 || s.indexOf(ONE) >= 0;
  }

  /**
   * Text as every case-insensitive test compares it, rule and event alike: lower-cased, then each
   * character folded onto its case partners where lower-casing leaves them apart (Unicode's simple
   * case folding): ς and σ (lower-casing writes Σ as ς at the end of a word, so "ΑΣ" did not
   * contain "Σ"), the long s ſ and s (so "ſekurlſa::" cannot slip past a test for "sekurlsa::";
   * RE2's {@code (?i)} folds them too), the micro sign µ and μ, the dotted İ and the dotless ı
   * and i (homoglyphs of "mimikatz"). Wildcards are private-use characters, which have no case.
   * ASCII text comes back as {@link String#toLowerCase} gives it.
   */
  static String lower(String s) {
    // Latin-1, nearly every value, in one pass: returned as it is when it has no capital (which
    // String.toLowerCase would scan for too); of Latin-1 only the micro sign folds apart from its
    // lower case, and other characters take the folding below
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c > 0xFF || c == MICRO) {
        return unicodeLower(s);
      }
      if (latin1Lower(c) != c) {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    byte[] out = new byte[n];
    for (int k = 0; k < i; k++) {
      out[k] = (byte) s.charAt(k);
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c > 0xFF || c == MICRO) {
        return unicodeLower(s);
      }
      out[i] = (byte) latin1Lower(c);
    }
    return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static final char MICRO = '\u00B5';

  /** A Latin-1 character lower-cased, as String.toLowerCase does (Latin-1 capitals stay in Latin-1). */
  private static char latin1Lower(char c) {
    return c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : (char) Character.toLowerCase(c);
  }

  private static String unicodeLower(String s) {
    if (s.indexOf('\u0130') >= 0) {
      // İ lower-cases to i and a combining dot above, which "MİMİKATZ" would then hide behind;
      // as a letter of its own it is an i, as Character.toLowerCase has it
      s = s.replace('\u0130', 'i');
    }
    String lower = s.toLowerCase(Locale.ROOT);
    for (char c : FOLDED_APART) {
      if (lower.indexOf(c) >= 0) {
        return foldFrom(lower);
      }
    }
    return lower;
  }

  /**
   * The characters that lower-casing leaves as they are but case folding does not (the 23 of
   * Unicode for which {@code toLowerCase(c) == c} and {@code toLowerCase(toUpperCase(c)) != c}, all
   * in the BMP: ς, ſ, µ, ı, Greek symbol forms, Cyrillic and Latin historic letters; a test
   * enumerates every code point). Whatever else String.toLowerCase writes is already folded.
   */
  private static final char[] FOLDED_APART = {'\u00B5', '\u0131', '\u017F', '\u0345', '\u03C2', '\u03D0', '\u03D1', '\u03D5',
      '\u03D6', '\u03F0', '\u03F1', '\u03F5', '\u1C80', '\u1C81', '\u1C82', '\u1C83', '\u1C84', '\u1C85', '\u1C86', '\u1C87',
      '\u1C88', '\u1E9B', '\u1FBE'};

  static char[] foldedApart() {
    return FOLDED_APART.clone();
  }

  private static String foldFrom(String lower) {
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      out.appendCodePoint(cp < 0x80 ? cp : Character.toLowerCase(Character.toUpperCase(cp)));
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  static String contains(String s) {
    return startsWithStar(s) ? (endsWithStar(s) ? s : s + STAR) : STAR + (endsWithStar(s) ? s : s + STAR);
  }

  static String startswith(String s) {
    return endsWithStar(s) ? s : s + STAR;
  }

  static String endswith(String s) {
    return startsWithStar(s) ? s : STAR + s;
  }

  private static boolean startsWithStar(String s) {
    return !s.isEmpty() && s.charAt(0) == STAR;
  }

  private static boolean endsWithStar(String s) {
    return !s.isEmpty() && s.charAt(s.length() - 1) == STAR;
  }

  /** The rule's notation again, for messages. */
  static String display(String s) {
    return s.replace("*", "\\*").replace("?", "\\?").replace(STAR, '*').replace(ONE, '?');
  }

  /**
   * The longest run of literal text, the substring every matching value must contain; the
   * prefilter indexes it. Empty when the value is all wildcards.
   */
  static String longestLiteral(String s) {
    int best = 0;
    int bestStart = 0;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == STAR || s.charAt(i) == ONE) {
        if (i - start > best) {
          best = i - start;
          bestStart = start;
        }
        start = i + 1;
      }
    }
    return s.substring(bestStart, bestStart + best);
  }
}
