/**
 * Enrichment: what Unmask knows about the things telemetry mentions, independent of any one
 * dataset. {@link org.unmask.enrich.IpIntel} answers country, AS, network type and VPN / hosting /
 * Tor / North Korea membership for an IP address; {@link org.unmask.enrich.IpEnricher} adds those
 * answers (and the dataset's IP watchlists) to events, with a per-scan cache;
 * {@link org.unmask.enrich.RmmCatalog} and {@link org.unmask.enrich.HardwareIds} are the reference
 * catalogues detectors look tools and devices up in. All reference data ships compactly on the
 * classpath (docs/THIRD-PARTY.md); a data directory can replace it (docs/enrichment.md).
 */
package org.unmask.enrich;
