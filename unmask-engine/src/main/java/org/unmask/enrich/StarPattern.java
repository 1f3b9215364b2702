package org.unmask.enrich;

/**
 * {@code *}-only wildcard matching for the LOLRMM catalogue's names and domains (Sigma's own
 * wildcards, with {@code ?} and escapes, are {@code detect.sigma.Glob}), case-sensitive (callers
 * lower-case both sides). The greedy two-pointer walk backtracks only to the last star, so it runs
 * in O(text × pattern) at worst with no recursion: safe for attacker-controlled text.
 */
final class StarPattern {

  private StarPattern() {}

  static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
