package org.unmask.detect.sigma;

import com.google.re2j.Pattern;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** The value tests beyond wildcards: regular expressions, numbers, networks, times, field references. */
final class ValueMatchers {

  private ValueMatchers() {}

  /**
   * {@code |re}: RE2/J, linear in the value whatever the pattern; a search, not a full match.
   *
   * @param source the pattern as the rule wrote it (the prefilter reads its literals there);
   *     {@code pattern} is compiled from it with PCRE's end anchors ({@link PcreAnchors})
   */
  record Regex(Pattern pattern, String source) implements ValueMatcher {
    @Override
    public boolean test(String original, String lower, EventView view) {
      return pattern.matcher(original).find();
    }

    @Override
    public int cost() {
      return 8;
    }
  }

  enum Comparison {
    EQ, NEQ, LT, LTE, GT, GTE;

    boolean holds(double field, double value) {
      return switch (this) {
        case EQ -> field == value;
        case NEQ -> field != value;
        case LT -> field < value;
        case LTE -> field <= value;
        case GT -> field > value;
        case GTE -> field >= value;
      };
    }
  }

  /** {@code |lt}, {@code |lte}, {@code |gt}, {@code |gte}: the field read as a number. */
  /**
   * {@code |lt} ... {@code |gte} (and a time part's equality): the field read as a number.
   *
   * @param text the rule's number as written: when the two doubles are equal, the exact values
   *     decide, since above 2^53 distinct integers (a 64-bit id, a byte count) round to one double
   */
  record Numeric(Comparison comparison, double value, String text) implements ValueMatcher {
    @Override
    public boolean test(String original, String lower, EventView view) {
      Double field = number(original);
      if (field == null) {
        return false;
      }
      if (field == value) { // rounding keeps order, so only a tie can hide a difference
        java.math.BigDecimal a = exact(original);
        java.math.BigDecimal b = exact(text);
        if (a != null && b != null) {
          int c = a.compareTo(b);
          return comparison.holds(c, 0);
        }
      }
      return comparison.holds(field, value);
    }
  }

  /** The exact value of a number {@link #number} reads (decimal or 0x hexadecimal), or null. */
  static java.math.BigDecimal exact(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 40) {
      return null;
    }
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) {
        return new java.math.BigDecimal(new java.math.BigInteger(t.substring(2), 16));
      }
      return decimal(t) ? new java.math.BigDecimal(t) : null;
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** {@code |minute} ... {@code |year}: a part of the field read as a date and time, then compared. */
  record TimePart(String unit, Comparison comparison, double value) implements ValueMatcher {
    @Override
    public boolean test(String original, String lower, EventView view) {
      Integer part = timePart(original, unit);
      return part != null && comparison.holds(part, value);
    }
  }

  /** {@code |cidr}: the field parsed as an IPv4 or IPv6 address, inside the network. */
  record Cidr(byte[] network, int prefix) implements ValueMatcher {
    @Override
    public boolean test(String original, String lower, EventView view) {
      byte[] address = view == null ? IpAddresses.parse(original) : view.address(original);
      return address != null && IpAddresses.inNetwork(address, network, prefix);
    }
  }

  /** {@code |fieldref}: compared with another field of the same event. */
  record FieldRef(int slot, Glob.Kind kind, boolean cased) implements ValueMatcher {
    @Override
    public boolean test(String original, String lower, EventView view) {
      EventView.FieldValue other = view.value(slot);
      String s = cased ? original : lower;
      for (int i = 0; i < other.count; i++) {
        String o = cased ? other.original(i) : other.lower(i);
        boolean hit = switch (kind) {
          case PREFIX -> s.startsWith(o);
          case SUFFIX -> s.endsWith(o);
          case CONTAINS -> s.contains(o);
          default -> s.equals(o);
        };
        if (hit) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * {@code |windash} on a value with many dashes: the value and the field are compared with each
   * of - / en-dash em-dash horizontal-bar read as '-', so every dash accepts every spelling.
   */
  record AnyDash(ValueMatcher inner) implements ValueMatcher {
    private static final String OTHER_DASHES = "/\u2013\u2014\u2015";

    @Override
    public boolean test(String original, String lower, EventView view) {
      return inner.test(plain(original), plain(lower), view);
    }

    @Override
    public int cost() {
      return inner.cost() + 2;
    }

    /** The text with every dash spelled '-'; the text itself when it has no other spelling. */
    static String plain(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (OTHER_DASHES.indexOf(s.charAt(i)) >= 0) {
          char[] chars = s.toCharArray();
          for (int k = i; k < chars.length; k++) {
            if (OTHER_DASHES.indexOf(chars[k]) >= 0) {
              chars[k] = '-';
            }
          }
          return new String(chars);
        }
      }
      return s;
    }
  }

  /** A value that matches no event: an {@code |expand} placeholder without configured values. */
  record Nothing(String why) implements ValueMatcher {
    @Override
    public boolean test(String original, String lower, EventView view) {
      return false;
    }
  }

  static Double number(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 40) {
      return null;
    }
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) {
        int start = 2;
        while (start < t.length() - 1 && t.charAt(start) == '0') {
          start++; // leading zeros do not count toward the 64 bits
        }
        String digits = t.substring(start);
        // ASCII hexadecimal digits only (Long.parseLong takes a sign and other scripts' digits
        // too), up to 64 bits: logon ids and flags such as 0xFFFFFFFFFFFFFFFF are unsigned
        if (digits.isEmpty() || digits.length() > 16 || !digits.chars().allMatch(ValueMatchers::isHexDigit)) {
          return null;
        }
        long bits = Long.parseUnsignedLong(digits, 16);
        // above 2^63: halve keeping the lowest bit as a sticky bit, so the double rounds once, right
        return bits >= 0 ? (double) bits : (double) ((bits >>> 1) | (bits & 1)) * 2.0;
      }
      return decimal(t) ? Double.parseDouble(t) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * Digits, sign, point and exponent only: Double.parseDouble also reads "NaN", "Infinity", "10f",
   * "10d" and hex floats, which are not numbers in an event.
   */
  private static boolean decimal(String t) {
    boolean digit = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return false;
      }
    }
    return digit;
  }

  /** A date-time's part from ISO-8601-like text ({@code 2025-10-24T23:41:00Z}, {@code 2025-10-24 23:41:00.589}). */
  static Integer timePart(String s, String unit) {
    if (s.length() < 10 || s.length() > 64) {
      return null;
    }
    try {
      int year = Integer.parseInt(s.substring(0, 4));
      int month = Integer.parseInt(s.substring(5, 7));
      int day = Integer.parseInt(s.substring(8, 10));
      if (s.charAt(4) != '-' || s.charAt(7) != '-') {
        return null;
      }
      switch (unit) {
        case "year":
          return year;
        case "month":
          return month;
        case "day":
          return day;
        case "week":
          return LocalDate.of(year, month, day).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        default:
          break;
      }
      if (s.length() < 16 || (s.charAt(10) != 'T' && s.charAt(10) != ' ' && s.charAt(10) != 't')) {
        return null;
      }
      int hour = Integer.parseInt(s.substring(11, 13));
      int minute = Integer.parseInt(s.substring(14, 16));
      return "hour".equals(unit.toLowerCase(Locale.ROOT)) ? hour : minute;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
