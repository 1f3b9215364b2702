package org.unmask.enrich;

/**
 * Address blocks that never appear on the public internet: RFC 1918, CGNAT (RFC 6598
 * 100.64.0.0/10), loopback, link-local, "this network", and IPv6 loopback, unspecified,
 * unique-local (fc00::/7) and link-local (fe80::/10). A login "from" one of these came through
 * the company's own network or a proxy that hid the real client.
 */
final class SpecialRanges {

  private static final RangeTable PRIVATE;

  static {
    RangeTable.Builder b = new RangeTable.Builder();
    for (String block : new String[] {"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
        "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "::/128", "::1/128", "fc00::/7", "fe80::/10"}) {
      b.add(block, 1);
    }
    PRIVATE = b.build();
  }

  private SpecialRanges() {}

  static boolean isPrivate(IpAddress address) {
    return PRIVATE.contains(address);
  }
}
