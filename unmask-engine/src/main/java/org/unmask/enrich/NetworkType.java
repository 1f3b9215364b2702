package org.unmask.enrich;

import java.util.Locale;

/**
 * What kind of network an address belongs to, as far as the reference data can tell.
 *
 * <p>The distinction that matters for Unmask is whether many unrelated people share the address by
 * design ({@link #sharedByDesign()}): two employees behind one mobile carrier's NAT or one VPN exit
 * prove nothing, while two "remote" employees behind one residential address are a laptop-farm
 * signal.
 */
public enum NetworkType {
  /** A home broadband ("eyeball") network. */
  RESIDENTIAL,
  /** A mobile carrier; addresses sit behind carrier-grade NAT. */
  MOBILE,
  /** A satellite ISP (Starlink, Viasat, HughesNet); CGNAT as well. */
  SATELLITE,
  /** A fixed-wireless / 5G home ISP, where it can be told apart from the mobile network. */
  FIXED_WIRELESS,
  /** A datacenter, cloud or hosting provider. */
  HOSTING,
  /** A commercial VPN provider's exit. */
  VPN,
  /** A Tor exit relay. */
  TOR,
  /** RFC 1918, CGNAT 100.64/10, loopback, link-local, unique-local: never seen on the internet. */
  PRIVATE,
  /** Not routed in the reference data, or not an address at all. */
  UNKNOWN;

  private final String id = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in events ({@code fixed_wireless}). */
  public String id() {
    return id;
  }

  /** True when strangers share such addresses routinely, so a shared address proves little. */
  public boolean sharedByDesign() {
    return this == MOBILE || this == SATELLITE || this == FIXED_WIRELESS || this == VPN || this == TOR;
  }

  /** Parses the lower-case id; null when unknown. */
  static NetworkType parse(String id) {
    for (NetworkType t : values()) {
      if (t.id.equalsIgnoreCase(id)) {
        return t;
      }
    }
    return null;
  }
}
