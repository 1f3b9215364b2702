package org.unmask.vet.profile;

import java.util.Locale;

/**
 * The dated work history of a resume: ranges such as "2016 - 2019", "2019–2022" or "2022 to
 * present". The earliest start year says how much experience the resume claims, whatever its
 * summary says. Ranges under a heading that mentions education are studies and do not count.
 * Hand-written rather than a regular expression so it runs in one pass over hostile text.
 */
final class WorkHistory {

  private static final int EARLIEST = 1950;
  private static final int MAX_YEARS = 45;

  private WorkHistory() {}

  /** Years from the earliest work range's start to {@code appliedYear}, or -1 without a range. */
  static int yearsSince(String text, int appliedYear) {
    if (text == null) {
      return -1;
    }
    int earliest = Integer.MAX_VALUE;
    boolean education = false;
    for (String line : text.split("\n", -1)) {
      String lower = line.toLowerCase(Locale.ROOT).trim();
      if (isHeading(line)) {
        education = lower.contains("educat");
        continue;
      }
      if (education) {
        continue;
      }
      int start = rangeStart(lower, appliedYear);
      if (start >= 0) {
        earliest = Math.min(earliest, start);
      }
    }
    if (earliest == Integer.MAX_VALUE) {
      return -1;
    }
    return Math.min(MAX_YEARS, appliedYear - earliest);
  }

  /** A short line with letters and no lower-case ones ("EXPERIENCE"), or ending with a colon. */
  private static boolean isHeading(String line) {
    String t = line.trim();
    if (t.isEmpty() || t.length() > 40) {
      return false;
    }
    if (t.endsWith(":")) {
      return true;
    }
    boolean letters = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      letters |= Character.isLetter(c);
    }
    return letters;
  }

  /** The start year of the first "YYYY - YYYY" or "YYYY - present" range on the line, or -1. */
  private static int rangeStart(String s, int appliedYear) {
    for (int i = 0; i + 4 <= s.length(); i++) {
      int year = yearAt(s, i);
      if (year < EARLIEST || year > appliedYear) {
        continue;
      }
      int k = skipSpaces(s, i + 4);
      if (k < s.length() && (s.charAt(k) == '-' || s.charAt(k) == '\u2013' || s.charAt(k) == '\u2014')) {
        k++;
      } else if (s.startsWith("to ", k)) {
        k += 2;
      } else {
        continue;
      }
      k = skipSpaces(s, k);
      int end = yearAt(s, k);
      if ((end >= year && end <= appliedYear) || s.startsWith("present", k) || s.startsWith("current", k)
          || s.startsWith("now", k)) {
        return year;
      }
    }
    return -1;
  }

  private static int skipSpaces(String s, int k) {
    while (k < s.length() && s.charAt(k) == ' ') {
      k++;
    }
    return k;
  }

  /** The four-digit number starting at i and not part of a longer one, or -1. */
  private static int yearAt(String s, int i) {
    if (i + 4 > s.length() || (i > 0 && Character.isDigit(s.charAt(i - 1)))) {
      return -1;
    }
    int n = 0;
    for (int k = i; k < i + 4; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    if (i + 4 < s.length() && Character.isDigit(s.charAt(i + 4))) {
      return -1;
    }
    return n;
  }
}
