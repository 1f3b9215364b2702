package org.unmask.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;
import org.unmask.reference.WatchlistEntry;
import org.unmask.reference.WatchlistEntry.Type;

class IpEnricherTest {

  private static final IpIntel INTEL = IpIntel.shipped();
  private static final List<WatchlistEntry> WATCHLIST = List.of(
      new WatchlistEntry(Type.CIDR, "198.51.100.0/24", "allow:office-egress", "it"),
      new WatchlistEntry(Type.IP, "203.0.113.9", "allow:company-vpn", "it"),
      new WatchlistEntry(Type.CIDR, "203.0.113.0/24", "laptop farm seen in case 17", "ir"),
      new WatchlistEntry(Type.IP, "155.94.199.59", "astrill exit (LevelBlue)", "threat-intel"),
      new WatchlistEntry(Type.CIDR, "2001:db8:bad::/48", "bad v6 block", "ir"),
      new WatchlistEntry(Type.CIDR, "not-a-block/99", "typo", "ir"),
      new WatchlistEntry(Type.DOMAIN, "anydesk.com", "rmm", "ir"));

  private static Event event(Map<String, Object> fields) {
    return new Event(Instant.parse("2026-05-04T14:01:26Z"), "idp.signin", new HashMap<>(fields),
        new SourceRef(Path.of("events/idp.jsonl").toString(), 1));
  }

  @Test
  void enrich_addsIntelligenceUnderEachAddressFieldsPrefix() {
    IpEnricher enricher = new IpEnricher(INTEL, WATCHLIST);
    Event e = enricher.enrich(event(Map.of("source.ip", "8.8.8.8", "host.public_ip", "175.45.176.1",
        "destination.ip", "192.168.1.20", "client.ip", "2.26.157.10")));

    assertThat(e.get("source.geo.country_iso_code")).isEqualTo("US");
    assertThat(e.get("source.as.number")).isEqualTo(15169L);
    assertThat(e.get("source.as.organization.name")).isEqualTo("Google LLC");
    assertThat(e.get("source.unmask.network")).isEqualTo("hosting");
    assertThat(e.get("source.unmask.hosting")).isEqualTo(true);
    assertThat(e.get("source.unmask.vpn")).isEqualTo(false);
    assertThat(e.get("source.unmask.tor")).isEqualTo(false);
    assertThat(e.get("source.unmask.private_relay")).isEqualTo(false);
    assertThat(e.get("source.unmask.dprk")).isEqualTo(false);
    assertThat(e.get("source.unmask.shared_by_design")).isEqualTo(false);
    assertThat(e.get("source.unmask.allow")).isEqualTo(false);
    assertThat(e.get("source.unmask.watchlist")).isEqualTo(List.of());
    assertThat(e.fields()).doesNotContainKeys("source.unmask.allow_label", "source.unmask.dprk_confidence",
        "source.geo.city_name");

    assertThat(e.get("host.public.unmask.dprk")).isEqualTo(true);
    assertThat(e.get("host.public.unmask.dprk_confidence")).isEqualTo("high");
    assertThat(e.get("host.public.geo.country_iso_code")).isEqualTo("KP");

    assertThat(e.get("destination.unmask.network")).isEqualTo("private");
    assertThat(e.get("client.unmask.network")).isEqualTo("vpn");
    assertThat(e.get("client.unmask.shared_by_design")).isEqualTo(true);
    assertThat(e.get("source.ip")).as("original fields kept").isEqualTo("8.8.8.8");
  }

  @Test
  void enrich_keepsGeoAndAsTheEventAlreadyCarries() {
    IpEnricher enricher = new IpEnricher(INTEL, List.of());
    Event e = enricher.enrich(event(Map.of("source.ip", "8.8.8.8", "source.geo.country_iso_code", "DE",
        "source.as.number", 3320L)));
    assertThat(e.get("source.geo.country_iso_code")).isEqualTo("DE");
    assertThat(e.get("source.as.number")).isEqualTo(3320L);
    assertThat(e.get("source.as.organization.name")).isEqualTo("Google LLC");
    assertThat(e.get("source.unmask.network")).isEqualTo("hosting");
  }

  @Test
  void enrich_marksAllowListedAddresses_withTheirLabel() {
    IpEnricher enricher = new IpEnricher(INTEL, WATCHLIST);
    Event e = enricher.enrich(event(Map.of("source.ip", "198.51.100.77")));
    assertThat(e.get("source.unmask.allow")).isEqualTo(true);
    assertThat(e.get("source.unmask.allow_label")).isEqualTo("allow:office-egress");
    assertThat(e.get("source.unmask.watchlist")).isEqualTo(List.of());
  }

  @Test
  void enrich_listsConcernLabels_evenWhenAnAllowRowAlsoCoversTheAddress() {
    IpEnricher enricher = new IpEnricher(INTEL, WATCHLIST);
    IpFacts vpnExit = enricher.facts("203.0.113.9");
    assertThat(vpnExit.allow()).isTrue();
    assertThat(vpnExit.allowLabel()).isEqualTo("allow:company-vpn");
    assertThat(vpnExit.concerns()).containsExactly("laptop farm seen in case 17");
    assertThat(enricher.facts("155.94.199.59").concerns()).containsExactly("astrill exit (LevelBlue)");
    assertThat(enricher.facts("2001:db8:bad:1::9").concerns()).containsExactly("bad v6 block");
    assertThat(enricher.facts("203.0.114.1").concerns()).isEmpty();
    assertThat(enricher.watchlistProblems()).singleElement().asString()
        .contains("not-a-block/99").contains("typo").contains("ignored");
  }

  @Test
  void enrich_marksMalformedAddressesUnknown_andLeavesOtherEventsAlone() {
    IpEnricher enricher = new IpEnricher(INTEL, WATCHLIST);
    Event e = enricher.enrich(event(Map.of("source.ip", "<script>alert(1)</script>")));
    assertThat(e.get("source.unmask.network")).isEqualTo("unknown");
    assertThat(e.fields()).doesNotContainKeys("source.geo.country_iso_code", "source.as.number");
    Event noAddress = event(Map.of("user.email", "ana.ruiz@example.com"));
    assertThat(enricher.enrich(noAddress)).isSameAs(noAddress);
    Event hostile = event(Map.of("source.ip", "9".repeat(100_000)));
    assertThat(enricher.enrich(hostile).get("source.unmask.network")).isEqualTo("unknown");
  }

  @Test
  void enrich_resolvesEachDistinctAddressOnce() {
    IpEnricher enricher = new IpEnricher(INTEL, WATCHLIST);
    for (int i = 0; i < 50; i++) {
      enricher.enrich(event(Map.of("source.ip", "8.8.8.8", "destination.ip", "8.8.8.8")));
      enricher.enrich(event(Map.of("source.ip", "1.1.1.1")));
    }
    assertThat(enricher.misses()).isEqualTo(2);
  }

  @Test
  void cache_evictsTheLeastRecentlyUsedAddress_whenFull() {
    IpEnricher enricher = new IpEnricher(INTEL, List.of(), 2);
    enricher.facts("8.8.8.8");
    enricher.facts("1.1.1.1");
    enricher.facts("8.8.8.8"); // now most recent
    enricher.facts("9.9.9.9"); // evicts 1.1.1.1
    enricher.facts("8.8.8.8");
    assertThat(enricher.misses()).isEqualTo(3);
    enricher.facts("1.1.1.1");
    assertThat(enricher.misses()).isEqualTo(4);
  }

  @Test
  void enrich_takesTheFirstAddressOfAMultiValuedField() {
    IpEnricher enricher = new IpEnricher(INTEL, List.of());
    Event e = enricher.enrich(event(Map.of("client.ip", List.of("175.45.176.9", "8.8.8.8"))));
    assertThat(e.get("client.unmask.dprk")).isEqualTo(true);
  }

  @Test
  void keysFor_namesThePrefixWithoutTheIpSuffix() {
    assertThat(IpEnricher.keysFor("host.public_ip")).contains("host.public.unmask.network", "host.public.as.number");
    assertThat(IpEnricher.keysFor("source.ip")).contains("source.geo.country_iso_code", "source.unmask.watchlist");
  }
}
