package org.unmask.detect.sigma.correlation;

import java.util.List;
import java.util.Map;

/**
 * Turns group-by values into one state key. Each value is length-prefixed, so values that contain
 * the separator (log fields are attacker-controlled) cannot make two groups collide.
 */
final class GroupKey {

  private GroupKey() {}

  static String of(List<String> values) {
    StringBuilder key = new StringBuilder();
    for (String value : values) {
      key.append(value.length()).append(':').append(value).append(';');
    }
    return key.toString();
  }

  /**
   * A field value as group or distinct-count text: strings as they are, numbers and booleans
   * rendered, lists as {@code [a, b]} in their order; null when absent, null or a nested object.
   */
  static String render(Object value) {
    if (value == null || value instanceof Map<?, ?>) {
      return null;
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue()); // 5.0 and 5 are the same group
    }
    return String.valueOf(value);
  }

  /** A field value as a finite number, or NaN when absent or not numeric. */
  static double number(Object value) {
    double d = Double.NaN;
    if (value instanceof Number n) {
      d = n.doubleValue();
    } else if (value instanceof String s && looksDecimal(s.trim())) {
      d = Double.parseDouble(s.trim()); // cannot throw: looksDecimal admits only what it parses
    }
    return Double.isFinite(d) ? d : Double.NaN;
  }

  /**
   * True for {@code [+-]digits[.digits][(e|E)[+-]digits]} with at least one mantissa digit. Checked
   * by hand because most field values are not numbers, and a failed {@code parseDouble} costs an
   * exception per match.
   */
  static boolean looksDecimal(String s) {
    int n = s.length();
    if (n == 0 || n > 64) {
      return false;
    }
    int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
    int digits = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }
}
