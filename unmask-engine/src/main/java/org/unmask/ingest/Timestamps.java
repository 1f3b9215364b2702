package org.unmask.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Fast, allocation-light parsing of the time formats datasets use. Every event passes through
 * {@link #rfc3339}, so it is a hand-written scanner rather than {@code DateTimeFormatter} (which is
 * about ten times slower and allocates a parsed-field map per call).
 *
 * <p>All methods return {@code null} for text they do not accept; callers turn that into a
 * rejection with the offending value.
 */
public final class Timestamps {

  private Timestamps() {}

  /**
   * The times an event may carry: from 1980 to the end of 2199. Outside them a clock is wrong or
   * a number is in the wrong unit (seconds or microseconds read as milliseconds), and such a time
   * would reorder, expire or decay everything after it: a laptop whose owner sets its clock to
   * 9999 must not age every other finding by eight thousand years.
   */
  public static final Instant EARLIEST_PLAUSIBLE = Instant.parse("1980-01-01T00:00:00Z");
  public static final Instant LATEST_PLAUSIBLE = Instant.parse("2200-01-01T00:00:00Z");

  /** Whether an event may carry this time (see {@link #EARLIEST_PLAUSIBLE}). */
  public static boolean plausible(Instant t) {
    return !t.isBefore(EARLIEST_PLAUSIBLE) && t.isBefore(LATEST_PLAUSIBLE);
  }

  /** Epoch milliseconds as a time, if {@link #plausible}; else null (never an overflow). */
  public static Instant plausibleMillis(long millis) {
    return millis >= EARLIEST_PLAUSIBLE.toEpochMilli() && millis < LATEST_PLAUSIBLE.toEpochMilli()
        ? Instant.ofEpochMilli(millis) : null;
  }

  /**
   * RFC 3339 {@code date-time}: {@code YYYY-MM-DD[T|t| ]HH:MM:SS[.fraction](Z|z|±HH:MM)}. The
   * offset is required (a time without one is ambiguous). Digits beyond nanoseconds are ignored.
   */
  public static Instant rfc3339(CharSequence s) {
    return parse(s, false);
  }

  /**
   * Like {@link #rfc3339} but a missing offset means UTC. Vendor exports (Okta via a SIEM,
   * osquery's {@code calendarTime}-less rows, Panther's {@code 2022-03-22 14:21:53.225}) drop the
   * zone while meaning UTC; contract events must carry it.
   */
  public static Instant lenient(CharSequence s) {
    return parse(s, true);
  }

  /** A contract date-or-time cell: RFC 3339, or a date alone meaning its start in UTC. */
  public static Instant dateOrTime(CharSequence s) {
    if (s.length() == 10) {
      LocalDate d = date(s);
      return d == null ? null : d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return rfc3339(s);
  }

  /** A contract date {@code YYYY-MM-DD}, or null. */
  public static LocalDate date(CharSequence s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int y = digits(s, 0, 4);
    int m = digits(s, 5, 2);
    int d = digits(s, 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
      return null;
    }
    return LocalDate.of(y, m, d);
  }

  private static Instant parse(CharSequence s, boolean zoneOptional) {
    int n = s.length();
    if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    char sep = s.charAt(10);
    if (sep != 'T' && sep != 't' && sep != ' ') {
      return null;
    }
    int y = digits(s, 0, 4);
    int mo = digits(s, 5, 2);
    int d = digits(s, 8, 2);
    int h = digits(s, 11, 2);
    int mi = digits(s, 14, 2);
    int sec = digits(s, 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23
        || mi < 0 || mi > 59 || sec < 0 || sec > 60) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      int start = i;
      int scale = 100_000_000;
      while (i < n) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        nanos += (c - '0') * scale;
        scale /= 10;
        i++;
      }
      if (i == start) {
        return null;
      }
    }
    int offsetSeconds;
    if (i == n) {
      if (!zoneOptional) {
        return null;
      }
      offsetSeconds = 0;
    } else {
      char z = s.charAt(i);
      if ((z == 'Z' || z == 'z') && i + 1 == n) {
        offsetSeconds = 0;
      } else if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
        int oh = digits(s, i + 1, 2);
        int om = digits(s, i + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59) {
          return null;
        }
        offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
      } else if (zoneOptional && z == ' ' && s.subSequence(i, n).toString().equals(" UTC")) {
        offsetSeconds = 0;
      } else {
        return null;
      }
    }
    long epochSecond = epochDay(y, mo, d) * 86_400L + h * 3600L + mi * 60L + sec - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
  static long epochDay(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static int daysInMonth(int y, int m) {
    return switch (m) {
      case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static int digits(CharSequence s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
