package org.unmask.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as two 64-bit halves, parsed without ever touching DNS.
 *
 * <p>{@link InetAddress#getByName} would resolve host names, and log fields are attacker-controlled,
 * so this parser accepts only literal addresses and returns null for anything else. IPv4 addresses
 * keep their 32 bits in the low half ({@code hi == 0}); IPv4-mapped IPv6 ({@code ::ffff:1.2.3.4})
 * is folded to IPv4 so both spellings look up the same ranges.
 */
record IpAddress(long hi, long lo, boolean v4) {

  private static final int MAX_TEXT = 64;

  /** The 32 address bits of an IPv4 address as an unsigned value in a long. */
  long v4Bits() {
    return lo & 0xffffffffL;
  }

  /** The address with all but the first {@code prefix} bits cleared. */
  IpAddress mask(int prefix) {
    if (v4) {
      long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
      return new IpAddress(0, lo & mask, true);
    }
    if (prefix <= 64) {
      long mask = prefix == 0 ? 0 : -1L << (64 - prefix);
      return new IpAddress(hi & mask, 0, false);
    }
    long mask = prefix == 128 ? -1L : -1L << (128 - prefix);
    return new IpAddress(hi, lo & mask, false);
  }

  /** The address with all but the first {@code prefix} bits set: the last address of the block. */
  IpAddress last(int prefix) {
    if (v4) {
      long host = prefix == 32 ? 0 : 0xffffffffL >>> prefix;
      return new IpAddress(0, (lo | host) & 0xffffffffL, true);
    }
    if (prefix <= 64) {
      long host = prefix == 64 ? 0 : -1L >>> prefix;
      return new IpAddress(hi | host, -1L, false);
    }
    long host = prefix == 128 ? 0 : -1L >>> (prefix - 64);
    return new IpAddress(hi, lo | host, false);
  }

  InetAddress toInetAddress() {
    byte[] bytes;
    if (v4) {
      bytes = new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
    } else {
      bytes = new byte[16];
      for (int i = 0; i < 8; i++) {
        bytes[i] = (byte) (hi >>> (56 - 8 * i));
        bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
      }
    }
    try {
      return InetAddress.getByAddress(bytes); // a literal byte array: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always a valid address", e);
    }
  }

  @Override
  public String toString() {
    return toInetAddress().getHostAddress();
  }

  /** Parses a literal IPv4/IPv6 address (brackets and a zone suffix allowed); null if malformed. */
  static IpAddress parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    if (s.isEmpty() || s.length() > MAX_TEXT) {
      return null;
    }
    if (s.indexOf(':') < 0) {
      long v4 = parseV4(s, 0, s.length());
      return v4 < 0 ? null : new IpAddress(0, v4, true);
    }
    if (s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
      s = s.substring(1, s.length() - 1);
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    return parseV6(s);
  }

  /** Parses a dotted quad in {@code s[from, to)}; -1 if malformed. */
  static long parseV4(String s, int from, int to) {
    long value = 0;
    int parts = 0;
    int i = from;
    while (i <= to) {
      int start = i;
      int octet = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        octet = octet * 10 + (s.charAt(i) - '0');
        if (octet > 255 || i - start >= 3) {
          return -1;
        }
        i++;
      }
      if (i == start) {
        return -1;
      }
      value = (value << 8) | octet;
      parts++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != '.' || parts == 4) {
        return -1;
      }
      i++;
    }
    return parts == 4 ? value : -1;
  }

  private static IpAddress parseV6(String s) {
    int[] groups = new int[8];
    int count = 0;
    int gap = -1; // index in groups where "::" stands
    int i = 0;
    int n = s.length();
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
    } else if (s.startsWith(":")) {
      return null;
    }
    while (i < n) {
      int start = i;
      int value = 0;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
        value = (value << 4) | Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i < n && s.charAt(i) == '.') { // embedded IPv4 tail
        long v4 = parseV4(s, start, n);
        if (v4 < 0 || count > 6) {
          return null;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xffff);
        i = n;
        break;
      }
      if (i == start || count == 8) {
        return null;
      }
      groups[count++] = value;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = count;
        i++;
      } else if (i == n) {
        return null; // trailing single colon
      }
    }
    if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
      return null;
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      int tail = count - gap;
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    long hi = 0;
    long lo = 0;
    for (int g = 0; g < 4; g++) {
      hi = (hi << 16) | full[g];
      lo = (lo << 16) | full[g + 4];
    }
    if (hi == 0 && (lo >>> 32) == 0xffffL) { // ::ffff:a.b.c.d
      return new IpAddress(0, lo & 0xffffffffL, true);
    }
    return new IpAddress(hi, lo, false);
  }

  /**
   * Parses {@code a.b.c.d/len}, {@code v6/len}, a bare address (a /32 or /128) or a range
   * {@code first-last}; returns {first, last} or null when malformed.
   */
  static IpAddress[] parseBlock(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    int dash = s.indexOf('-');
    if (dash > 0) {
      IpAddress first = parse(s.substring(0, dash));
      IpAddress last = parse(s.substring(dash + 1));
      if (first == null || last == null || first.v4 != last.v4 || compare(first, last) > 0) {
        return null;
      }
      return new IpAddress[] {first, last};
    }
    int slash = s.indexOf('/');
    IpAddress address = parse(slash < 0 ? s : s.substring(0, slash));
    if (address == null) {
      return null;
    }
    int max = address.v4 ? 32 : 128;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1).strip());
      } catch (NumberFormatException e) {
        return null;
      }
      if (prefix < 0 || prefix > max) {
        return null;
      }
    }
    return new IpAddress[] {address.mask(prefix), address.last(prefix)};
  }

  /** Orders addresses of one family as unsigned 128-bit numbers. */
  static int compare(IpAddress a, IpAddress b) {
    int c = Long.compareUnsigned(a.hi, b.hi);
    return c != 0 ? c : Long.compareUnsigned(a.lo, b.lo);
  }
}
