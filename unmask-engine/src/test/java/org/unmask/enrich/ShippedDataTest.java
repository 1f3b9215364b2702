package org.unmask.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact files in the jar answer as the upstream files they were generated from: catches a
 * generator bug or a stale regeneration. Reads the shared reference data (skipped without it).
 */
class ShippedDataTest {

  private static Path data;
  private static final IpIntel SHIPPED = IpIntel.shipped();

  @BeforeAll
  static void locateSharedData() {
    String shared = System.getProperty("unmask.shared");
    data = shared == null ? null : Path.of(shared, "data");
  }

  private static Path upstream(String relative) {
    assumeTrue(data != null && Files.isRegularFile(data.resolve(relative)), "shared data not available: " + relative);
    return data.resolve(relative);
  }

  @Test
  void asnTable_agreesWithTheUpstreamCsv_onEverySampledRow() throws IOException {
    for (String file : List.of("geoip/asn/asn-ipv4.csv", "geoip/asn/asn-ipv6.csv")) {
      int row = 0;
      int checked = 0;
      try (BufferedReader r = Files.newBufferedReader(upstream(file), StandardCharsets.UTF_8)) {
        for (CSVRecord rec : CSVFormat.RFC4180.builder().get().parse(r)) {
          if (row++ % 997 != 0) {
            continue;
          }
          for (String address : List.of(rec.get(0), rec.get(1))) {
            IpProfile p = SHIPPED.lookup(address);
            if (p.network() == NetworkType.PRIVATE) {
              continue; // e.g. routed CGNAT announcements: private wins by design
            }
            assertThat(p.asn()).as("%s row %d: %s", file, row, address).isEqualTo(Long.parseLong(rec.get(2)));
            assertThat(p.asOrganization()).as("%s row %d", file, row).isEqualTo(rec.get(3).strip());
          }
          checked++;
        }
      }
      assertThat(checked).isGreaterThan(100);
    }
  }

  @Test
  void everyDprkRow_isDprk_withItsConfidence() throws IOException {
    try (BufferedReader r = Files.newBufferedReader(upstream("dprk/kp-ip-ranges.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        IpAddress[] range = IpAddress.parseBlock(rec.get("cidr_or_range"));
        for (IpAddress a : range) {
          IpProfile p = SHIPPED.lookup(a.toString());
          assertThat(p.dprk()).as(rec.get("cidr_or_range")).isTrue();
          assertThat(p.dprkConfidence()).as(rec.get("cidr_or_range")).isEqualTo(rec.get("confidence"));
        }
      }
    }
  }

  @Test
  void sampledVpnAndDatacenterCidrs_areFlagged() throws IOException {
    for (String list : List.of("vpn", "datacenter")) {
      for (String family : List.of("ipv4.txt", "ipv6.txt")) {
        List<String> lines = Files.readAllLines(upstream("ip-ranges/x4bnet-lists_vpn/output/" + list + "/" + family));
        for (int i = 0; i < lines.size(); i += 97) {
          IpAddress[] range = IpAddress.parseBlock(lines.get(i));
          IpProfile first = SHIPPED.lookup(range[0].toString());
          IpProfile last = SHIPPED.lookup(range[1].toString());
          if (list.equals("vpn")) {
            assertThat(first.vpn() && last.vpn()).as(lines.get(i)).isTrue();
          } else {
            assertThat(first.hosting() && last.hosting()).as(lines.get(i)).isTrue();
          }
        }
      }
    }
  }

  @Test
  void aMaxMindFormatCountryFileInTheDataDirectory_isUsedInsteadOfTheShippedOne(@TempDir Path dir) throws IOException {
    Files.copy(upstream("geoip/country/geo-whois-asn-country.mmdb"), dir.resolve("GeoLite2-Country.mmdb"));
    IpIntel intel = IpIntel.load(dir);
    assertThat(intel.sources()).anyMatch(s -> s.startsWith("country: ") && s.endsWith("GeoLite2-Country.mmdb"));
    assertThat(intel.lookup("175.45.176.1").countryIso()).isEqualTo("KP");
  }

  @Test
  void anAsnMmdbInTheDataDirectory_replacesTheShippedAsnTable(@TempDir Path dir) throws IOException {
    // a country database has no autonomous_system_* fields: every address loses its AS, proving the swap
    Files.copy(upstream("geoip/country/geo-whois-asn-country.mmdb"), dir.resolve("GeoLite2-ASN.mmdb"));
    IpProfile p = IpIntel.load(dir).lookup("8.8.8.8");
    assertThat(p.asn()).isNull();
    assertThat(p.network()).as("still hosting from the datacenter list").isEqualTo(NetworkType.HOSTING);
  }

  @Test
  void theTorProjectsBulkExitList_isAcceptedAsAnOverride(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("torbulkexitlist"), "192.0.2.66\n2001:db8::66\n");
    IpIntel intel = IpIntel.load(dir);
    assertThat(intel.lookup("192.0.2.66").network()).isEqualTo(NetworkType.TOR);
    assertThat(intel.lookup("2001:db8::66").tor()).isTrue();
    assertThat(intel.lookup("204.8.96.141").tor()).as("shipped snapshot replaced").isFalse();
  }
}
