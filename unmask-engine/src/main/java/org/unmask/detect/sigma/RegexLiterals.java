package org.unmask.detect.sigma;

/**
 * Finds a literal that every match of a regular expression must contain, for the prefilter. It
 * reads only the top-level sequence and gives up on anything it does not understand (top-level
 * alternation, an unbalanced group): a missing literal only costs speed, a wrong one would lose
 * matches.
 */
final class RegexLiterals {

  private RegexLiterals() {}

  /**
   * Whether a regular expression folds case anywhere: compiled with the {@code i} modifier, or
   * with an inline {@code (?i)} / {@code (?i:...)} group (read loosely: any flag group naming
   * {@code i} counts, a group that turns it off included, which only costs a weaker literal).
   */
  static boolean foldsCase(com.google.re2j.Pattern pattern, String source) {
    if ((pattern.flags() & com.google.re2j.Pattern.CASE_INSENSITIVE) != 0) {
      return true;
    }
    for (int at = source.indexOf("(?"); at >= 0; at = source.indexOf("(?", at + 2)) {
      for (int k = at + 2; k < source.length(); k++) {
        char c = source.charAt(k);
        if (c == 'i') {
          return true;
        }
        if (!Character.isLetter(c) && c != '-') {
          break;
        }
      }
    }
    return false;
  }

  /**
   * The longest part of a literal that every match of a case-folding expression still holds once
   * folded as the literal index folds ({@link SigmaString#lower}); null when no part is left. RE2
   * folds case by Unicode's orbits; for ASCII the index's folding agrees (checked against every
   * character of the BMP: RE2's {@code (?i)s} matches ſ, which the index folds to s too), and other
   * characters are left out wholesale: a shorter literal only costs speed, a wrong one loses
   * matches.
   */
  static String caseFoldSafe(String literal) {
    String best = "";
    int start = 0;
    for (int i = 0; i <= literal.length(); i++) {
      boolean safe = i < literal.length() && literal.charAt(i) < 0x80;
      if (!safe) {
        if (i - start > best.length()) {
          best = literal.substring(start, i);
        }
        start = i + 1;
      }
    }
    return best.isEmpty() ? null : best;
  }

  /** The longest literal run every match contains, or null. */
  static String required(String regex) {
    String best = "";
    StringBuilder run = new StringBuilder();
    int depth = 0;
    int i = 0;
    int n = regex.length();
    if (regex.startsWith("(?") && regex.indexOf(')') > 0 && regex.indexOf(')') < 8 && regex.charAt(2) != ':'
        && regex.substring(2, regex.indexOf(')')).chars().allMatch(Character::isLetter)) {
      i = regex.indexOf(')') + 1; // leading flags such as (?i)
    }
    while (i < n) {
      char c = regex.charAt(i);
      if (depth > 0) {
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '[') {
          i = skipClass(regex, i);
          continue;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        }
        i++;
        if (depth == 0) {
          i = skipQuantifier(regex, i);
        }
        continue;
      }
      switch (c) {
        case '|':
          return null; // top-level alternation: no single literal is required
        case '(':
          best = longer(best, run);
          run.setLength(0);
          int close = closing(regex, i);
          if (close < 0) {
            return null;
          }
          char after = close + 1 < n ? regex.charAt(close + 1) : 0;
          boolean mandatory = after != '*' && after != '?' && !(after == '{' && close + 2 < n && regex.charAt(close + 2) == '0');
          String inner = regex.substring(i + 1, close);
          if (inner.startsWith("?:")) {
            inner = inner.substring(2);
          } else if (inner.startsWith("?")) {
            mandatory = false; // look-around or inline flags: not a plain group
          }
          if (mandatory) {
            String required = required(inner);
            if (required != null && weight(required) > weight(best)) {
              best = required;
            }
          }
          i = skipQuantifier(regex, close + 1);
          continue;
        case ')':
          return null;
        case '[':
          best = longer(best, run);
          run.setLength(0);
          i = skipQuantifier(regex, skipClass(regex, i));
          continue;
        case '.', '^', '$':
          best = longer(best, run);
          run.setLength(0);
          i = skipQuantifier(regex, i + 1);
          continue;
        case '*', '+', '?', '{':
          return null; // a quantifier in an unexpected place: give up
        default:
          break;
      }
      char literal;
      int next;
      if (c == '\\') {
        if (i + 1 >= n) {
          return null;
        }
        char e = regex.charAt(i + 1);
        int escaped = escapedCharacter(regex, i);
        if (escaped >= 0) {
          // \n, \t, \x41: one plain character ('\n\n\n' in a rule is three line feeds)
          literal = (char) escaped;
          next = i + escapeLength(regex, i);
        } else if (Character.isLetterOrDigit(e)) {
          // \d, \s, \w, \b, \Q ...: not a plain character
          best = longer(best, run);
          run.setLength(0);
          i = skipQuantifier(regex, i + 2);
          continue;
        } else {
          literal = e;
          next = i + 2;
        }
      } else {
        literal = c;
        next = i + 1;
      }
      char q = next < n ? regex.charAt(next) : 0;
      if (q == '*' || q == '?' || (q == '{' && next + 1 < n && regex.charAt(next + 1) == '0')) {
        best = longer(best, run); // the character may be absent
        run.setLength(0);
        i = skipQuantifier(regex, next);
      } else if (q == '+' || q == '{') {
        run.append(literal); // present at least once, but what follows may not be adjacent
        best = longer(best, run);
        run.setLength(0);
        i = skipQuantifier(regex, next);
      } else {
        run.append(literal);
        i = next;
      }
    }
    if (depth != 0) {
      return null;
    }
    best = longer(best, run);
    return best.isEmpty() ? null : best;
  }

  /**
   * The character an escape at {@code i} stands for when it is one plain character (RE2's
   * {@code \t \n \r \f \v \a} and {@code \xHH}), or -1 ({@code \d}, {@code \x{...}} and the others).
   */
  private static int escapedCharacter(String regex, int i) {
    char e = regex.charAt(i + 1);
    switch (e) {
      case 't': return '\t';
      case 'n': return '\n';
      case 'r': return '\r';
      case 'f': return '\f';
      case 'v': return 0x0B;
      case 'a': return 0x07;
      case 'x':
        if (i + 3 < regex.length()) {
          int hi = Character.digit(regex.charAt(i + 2), 16);
          int lo = Character.digit(regex.charAt(i + 3), 16);
          if (hi >= 0 && lo >= 0) {
            return hi << 4 | lo;
          }
        }
        return -1;
      default:
        return -1;
    }
  }

  private static int escapeLength(String regex, int i) {
    return regex.charAt(i + 1) == 'x' ? 4 : 2;
  }

  /** The index of the ')' closing the group opened at {@code open}, or -1. */
  private static int closing(String regex, int open) {
    int depth = 0;
    for (int j = open; j < regex.length(); j++) {
      char c = regex.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '[') {
        j = skipClass(regex, j) - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return j;
      }
    }
    return -1;
  }

  private static String longer(String best, StringBuilder run) {
    return weight(run) > weight(best) ? run.toString() : best;
  }

  /** Length, with the rare punctuation the prefilter accepts alone (backtick, braces) worth more. */
  static int weight(CharSequence s) {
    int w = s.length();
    for (int i = 0; i < s.length(); i++) {
      if ("`{}$^~|<>".indexOf(s.charAt(i)) >= 0) {
        return Math.max(w, 3);
      }
    }
    return w;
  }

  private static int skipClass(String regex, int i) {
    int j = i + 1;
    if (j < regex.length() && regex.charAt(j) == '^') {
      j++;
    }
    if (j < regex.length() && regex.charAt(j) == ']') {
      j++;
    }
    while (j < regex.length() && regex.charAt(j) != ']') {
      j += regex.charAt(j) == '\\' ? 2 : 1;
    }
    return j + 1;
  }

  private static int skipQuantifier(String regex, int i) {
    if (i >= regex.length()) {
      return i;
    }
    char c = regex.charAt(i);
    if (c == '*' || c == '+' || c == '?') {
      i++;
    } else if (c == '{') {
      int close = regex.indexOf('}', i);
      i = close < 0 ? regex.length() : close + 1;
    } else {
      return i;
    }
    if (i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
      i++; // lazy or possessive
    }
    return i;
  }
}
