package org.unmask.enrich;

/**
 * What the laptops of one home share on the internet. Over IPv4 that is the address: the home's
 * router translates every device behind it to one. Over IPv6 there is no translation: each device
 * picks its own address inside the home network's /64 prefix (and, with privacy extensions, a
 * new one every day), so a laptop farm's machines share the prefix, never an address. A phone on a
 * mobile network gets a /64 of its own, so the prefix still means one subscriber.
 */
public final class HomeNetwork {

  private HomeNetwork() {}

  /**
   * The address in canonical form for IPv4 (an IPv4-mapped IPv6 address folded to it), the /64
   * prefix for IPv6 ({@code 2601:1c0:4e01:9b20::/64}); null when the text is not an address.
   */
  public static String of(String ip) {
    IpAddress a = ip == null ? null : IpAddress.parse(ip.trim());
    if (a == null) {
      return null;
    }
    return a.v4() ? a.toString() : a.mask(64) + "/64";
  }
}
