package org.unmask.detect.sigma;

/**
 * Sigma's regular expressions are PCRE; Unmask runs them on RE2/J, which is linear in the value
 * whatever the pattern. The two read {@code $} differently: without the multi-line flag, PCRE's
 * {@code $} matches at the end of the value and also before a newline that ends it, RE2's only at
 * the very end. Log values end with a newline often enough (PowerShell script blocks, syslog
 * messages, command lines pasted from a file) for {@code 'Invoke-Mimikatz$'} to miss on RE2. This
 * rewrites each {@code $} that is an anchor into {@code (?:\n?\z)}, which is what PCRE means; a
 * match is only ever tested for existence, so the newline it consumes changes nothing.
 */
final class PcreAnchors {

  private PcreAnchors() {}

  /**
   * The pattern with PCRE's end anchors, for RE2/J. Left as it is under the multi-line flag (there
   * RE2's {@code $} already matches before every newline, as PCRE's does), also when the pattern
   * turns it on itself ({@code (?m)}), wherever it does.
   */
  static String translate(String pattern, boolean multiLine) {
    if (multiLine || pattern.indexOf('$') < 0 || setsMultiLine(pattern)) {
      return pattern;
    }
    StringBuilder out = new StringBuilder(pattern.length() + 16);
    boolean inClass = false;
    int n = pattern.length();
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < n) {
        if (!inClass && pattern.charAt(i + 1) == 'Q') { // \Q...\E quotes everything up to \E
          int end = pattern.indexOf("\\E", i + 2);
          int stop = end < 0 ? n : end + 2;
          out.append(pattern, i, stop);
          i = stop - 1;
          continue;
        }
        out.append(c).append(pattern.charAt(i + 1));
        i++;
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        }
        out.append(c);
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        // a ']' first in the class (after an optional '^') is a plain character, not its end
        if (i + 1 < n && pattern.charAt(i + 1) == '^') {
          out.append('^');
          i++;
        }
        if (i + 1 < n && pattern.charAt(i + 1) == ']') {
          out.append(']');
          i++;
        }
        continue;
      }
      out.append(c == '$' ? "(?:\\n?\\z)" : String.valueOf(c));
    }
    return out.toString();
  }

  /** Whether an inline flag group ({@code (?m)}, {@code (?im:...)}) turns the multi-line flag on. */
  private static boolean setsMultiLine(String pattern) {
    for (int at = pattern.indexOf("(?"); at >= 0; at = pattern.indexOf("(?", at + 2)) {
      for (int i = at + 2; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (c == 'm') {
          return true;
        }
        if (!Character.isLetter(c)) {
          break; // '-' starts the flags turned off; ':' or ')' ends the group's flags
        }
      }
    }
    return false;
  }
}
