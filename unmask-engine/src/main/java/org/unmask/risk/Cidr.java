package org.unmask.risk;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}); a bare
 * address is a /32 or /128. Only literals are parsed: a host name is refused rather than looked up,
 * because a lookup would send attacker-chosen names to DNS.
 */
record Cidr(byte[] network, int prefix) {

  private static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}");

  static Cidr parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    byte[] bytes = literal(addr);
    if (bytes == null) {
      throw new IllegalArgumentException("not a network: '" + text + "'; write it as 203.0.113.0/24 or 2001:db8::/32");
    }
    int max = bytes.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a prefix length in '" + text + "'", e);
    }
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("prefix /" + prefix + " out of range 0.." + max + " in '" + text + "'");
    }
    return new Cidr(bytes, prefix);
  }

  boolean contains(String address) {
    byte[] bytes = literal(address);
    if (bytes == null || bytes.length != network.length) {
      return false;
    }
    int bits = network.length * 8;
    BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
        .shiftRight(prefix).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
    return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network).and(mask));
  }

  /** True if some IP literal in the text lies inside this network. */
  boolean containsAnyAddressIn(String text) {
    Matcher m = (network.length == 4 ? IPV4 : IPV6).matcher(text);
    while (m.find()) {
      if (contains(m.group())) {
        return true;
      }
    }
    return false;
  }

  private static byte[] literal(String addr) {
    boolean v4 = addr.matches("(?:\\d{1,3}\\.){3}\\d{1,3}");
    boolean v6 = !v4 && addr.contains(":") && addr.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      return null;
    }
    if (v4) {
      for (String part : addr.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      return InetAddress.getByName(addr).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
