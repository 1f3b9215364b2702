package org.unmask.ingest.windows;

import java.util.Locale;

/**
 * A USB device id found in a Windows device instance path such as
 * {@code USB\VID_0781&PID_5581\4C530001230410117484}: vendor and product as four lower-case hex
 * digits, and the serial (the last path segment) when it looks like one.
 */
record UsbId(String vendor, String product, String serial) {

  static UsbId parse(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    int v = upper.indexOf("VID_");
    if (v < 0) {
      return null;
    }
    int p = upper.indexOf("PID_", v + 8);
    if (p < 0 || p > v + 12) {
      return null;
    }
    String vendor = hex4(upper, v + 4);
    String product = hex4(upper, p + 4);
    if (vendor == null || product == null) {
      return null;
    }
    String serial = null;
    int sep = p + 8; // "USB\VID_0781&PID_5581\<serial>" or, in interface paths, "#<serial>#{guid}"
    if (sep < text.length() && (text.charAt(sep) == '\\' || text.charAt(sep) == '#')) {
      int end = sep + 1;
      while (end < text.length() && text.charAt(end) != '\\' && text.charAt(end) != '#' && text.charAt(end) != '}') {
        end++;
      }
      String s = text.substring(sep + 1, end);
      // a serial has no '&' (Windows synthesises "6&2f4f..&0&1" ids for serial-less devices)
      if (!s.isEmpty() && s.indexOf('&') < 0 && s.length() <= 64) {
        serial = s;
      }
    }
    return new UsbId(vendor.toLowerCase(Locale.ROOT), product.toLowerCase(Locale.ROOT), serial);
  }

  private static String hex4(String s, int from) {
    if (from + 4 > s.length()) {
      return null;
    }
    for (int i = from; i < from + 4; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return null;
      }
    }
    return s.substring(from, from + 4);
  }
}
