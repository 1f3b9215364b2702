package org.unmask.enrich;

import java.util.List;

/**
 * An address's {@link IpProfile} joined with the scan's watchlists.
 *
 * @param profile what the reference data says about the address
 * @param allow true when an {@code allow:} watchlist row covers it (office egress, company VPN)
 * @param allowLabel that row's label, or null
 * @param concerns labels of the other (concern) watchlist rows covering it, most specific first
 */
public record IpFacts(IpProfile profile, boolean allow, String allowLabel, List<String> concerns) {

  public IpFacts {
    concerns = List.copyOf(concerns);
  }

  /** True when many unrelated people share such an address (mobile CGNAT, satellite, VPN, Tor). */
  public boolean sharedByDesign() {
    return profile.sharedByDesign();
  }
}
