package org.unmask.detect.sigma.correlation;

import java.time.Duration;

/**
 * Parses a correlation {@code timespan}: a positive whole number and one lower-case unit letter.
 * The specification names s, m, h and d; w, M (30 days) and y (365 days) are accepted too, as
 * pySigma accepts them. Upper-case units other than M are rejected, because {@code 1H} versus
 * {@code 1M} is exactly the confusion the specification's lower-case rule prevents.
 */
final class Timespan {

  /** Longer windows than this cannot be held in memory per group; a year is plenty. */
  private static final Duration MAX = Duration.ofDays(366);

  private Timespan() {}

  /** The duration, or null when the text is not a valid timespan. */
  static Duration parse(String text) {
    if (text == null || text.length() < 2 || text.length() > 10) {
      return null;
    }
    char unit = text.charAt(text.length() - 1);
    String digits = text.substring(0, text.length() - 1);
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return null;
      }
    }
    long amount = Long.parseLong(digits); // at most 9 digits: cannot overflow
    if (amount <= 0) {
      return null;
    }
    Duration duration =
        switch (unit) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          case 'd' -> Duration.ofDays(amount);
          case 'w' -> Duration.ofDays(7 * amount);
          case 'M' -> Duration.ofDays(30 * amount);
          case 'y' -> Duration.ofDays(365 * amount);
          default -> null;
        };
    return duration == null || duration.compareTo(MAX) > 0 ? null : duration;
  }
}
