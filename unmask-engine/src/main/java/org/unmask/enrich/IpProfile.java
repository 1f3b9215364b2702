package org.unmask.enrich;

/**
 * What the reference data says about one IP address. Every field except {@code network} may be
 * null/false; a malformed address yields {@link #UNKNOWN}.
 *
 * @param address the address in canonical form, or null when the text was not an address
 * @param countryIso ISO 3166-1 alpha-2 country of the address
 * @param cityName city, only with a city-level database in the data directory
 * @param regionIso first-level subdivision code (e.g. {@code CA}), city-level databases only
 * @param latitude approximate latitude, city-level databases only
 * @param longitude approximate longitude, city-level databases only
 * @param asn the autonomous system routing the address
 * @param asOrganization the AS's organisation name
 * @param network the kind of network (see {@link NetworkType})
 * @param vpn on a commercial VPN provider's list
 * @param hosting on the datacenter/hosting list or a hosting ASN (VPN exits usually are too)
 * @param tor a Tor exit relay
 * @param privateRelay an Apple iCloud Private Relay egress address: ordinary Safari users, so a
 *     weaker signal than a commercial VPN ({@code vpn} is true for these too)
 * @param dprk inside North Korean address space
 * @param dprkConfidence {@code high} (the RIR delegation 175.45.176.0/22) or {@code low}
 *     (geofeed/WHOIS claims: score, never block); null when not DPRK
 */
public record IpProfile(
    String address,
    String countryIso,
    String cityName,
    String regionIso,
    Double latitude,
    Double longitude,
    Long asn,
    String asOrganization,
    NetworkType network,
    boolean vpn,
    boolean hosting,
    boolean tor,
    boolean privateRelay,
    boolean dprk,
    String dprkConfidence) {

  /** The profile of text that is not an IP address. */
  public static final IpProfile UNKNOWN =
      new IpProfile(null, null, null, null, null, null, null, null, NetworkType.UNKNOWN, false, false, false,
          false, false, null);

  /** True when many unrelated people share such an address (mobile CGNAT, satellite, VPN, Tor). */
  public boolean sharedByDesign() {
    return network.sharedByDesign() || vpn || tor;
  }
}
