package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value compiled for matching: exact, prefix, suffix and substring tests use the
 * JDK's string search; anything else is split at {@code *} into segments found left to right,
 * which is linear in the value for a fixed pattern (no backtracking: leftmost placement of each
 * segment is always safe for {@code *}-only separators).
 */
final class Glob implements ValueMatcher {

  enum Kind { EXACT, PREFIX, SUFFIX, CONTAINS, ANYTHING, PATTERN }

  final Kind kind;
  /** For the simple kinds: the literal, lower-cased unless {@link #cased}. */
  final String literal;
  final boolean cased;
  private final String[] segments;
  private final boolean anchoredStart;
  private final boolean anchoredEnd;

  private Glob(Kind kind, String literal, boolean cased, String[] segments, boolean anchoredStart, boolean anchoredEnd) {
    this.kind = kind;
    this.literal = literal;
    this.cased = cased;
    this.segments = segments;
    this.anchoredStart = anchoredStart;
    this.anchoredEnd = anchoredEnd;
  }

  /** Compiles a decoded {@link SigmaString}. */
  static Glob of(String pattern, boolean cased) {
    String p = cased ? pattern : SigmaString.lower(pattern);
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= p.length(); i++) {
      if (i == p.length() || p.charAt(i) == SigmaString.STAR) {
        parts.add(p.substring(start, i));
        start = i + 1;
      }
    }
    boolean anchoredStart = !parts.get(0).isEmpty();
    boolean anchoredEnd = !parts.get(parts.size() - 1).isEmpty();
    List<String> segments = parts.stream().filter(s -> !s.isEmpty()).toList();
    boolean hasOne = p.indexOf(SigmaString.ONE) >= 0;
    if (segments.isEmpty()) {
      return parts.size() == 1
          ? new Glob(Kind.EXACT, "", cased, new String[0], true, true)
          : new Glob(Kind.ANYTHING, "", cased, new String[0], false, false);
    }
    if (segments.size() == 1 && !hasOne) {
      String s = segments.get(0);
      Kind kind = anchoredStart && anchoredEnd ? Kind.EXACT
          : anchoredStart ? Kind.PREFIX : anchoredEnd ? Kind.SUFFIX : Kind.CONTAINS;
      return new Glob(kind, s, cased, new String[] {s}, anchoredStart, anchoredEnd);
    }
    return new Glob(Kind.PATTERN, SigmaString.longestLiteral(p), cased, segments.toArray(String[]::new), anchoredStart, anchoredEnd);
  }

  @Override
  public boolean test(String original, String lower, EventView view) {
    String s = cased ? original : lower;
    switch (kind) {
      case EXACT:
        return s.equals(literal);
      case PREFIX:
        return s.startsWith(literal);
      case SUFFIX:
        return s.endsWith(literal);
      case CONTAINS:
        return s.contains(literal);
      case ANYTHING:
        return true;
      default:
        return matchesPattern(s);
    }
  }

  private boolean matchesPattern(String s) {
    int pos = 0;
    int limit = s.length();
    int first = 0;
    int last = segments.length;
    if (anchoredStart) {
      String seg = segments[0];
      if (seg.length() > limit || !regionMatches(s, 0, seg)) {
        return false;
      }
      pos = seg.length();
      first = 1;
    }
    if (anchoredEnd && last > first) {
      String seg = segments[last - 1];
      int at = limit - seg.length();
      if (at < pos || !regionMatches(s, at, seg)) {
        return false;
      }
      limit = at;
      last--;
    } else if (anchoredEnd && pos != limit) {
      return false; // a single anchored segment on both ends must be the whole value
    }
    for (int i = first; i < last; i++) {
      int at = find(s, segments[i], pos, limit);
      if (at < 0) {
        return false;
      }
      pos = at + segments[i].length();
    }
    return true;
  }

  private static boolean regionMatches(String s, int at, String seg) {
    for (int i = 0; i < seg.length(); i++) {
      char c = seg.charAt(i);
      if (c != SigmaString.ONE && c != s.charAt(at + i)) {
        return false;
      }
    }
    return true;
  }

  private static int find(String s, String seg, int from, int limit) {
    if (seg.indexOf(SigmaString.ONE) < 0) {
      int at = s.indexOf(seg, from);
      return at >= 0 && at + seg.length() <= limit ? at : -1;
    }
    for (int at = from; at + seg.length() <= limit; at++) {
      if (regionMatches(s, at, seg)) {
        return at;
      }
    }
    return -1;
  }

  @Override
  public int cost() {
    return kind == Kind.PATTERN ? 4 : 1;
  }

  @Override
  public String toString() {
    return kind + ":" + SigmaString.display(literal);
  }
}
