package org.unmask.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpIntelTest {

  private static final IpIntel SHIPPED = IpIntel.shipped();

  @Test
  void googleDns_isUsGoogleHosting() {
    IpProfile p = SHIPPED.lookup("8.8.8.8");
    assertThat(p.countryIso()).isEqualTo("US");
    assertThat(p.asn()).isEqualTo(15169L);
    assertThat(p.asOrganization()).isEqualTo("Google LLC");
    assertThat(p.network()).isEqualTo(NetworkType.HOSTING);
    assertThat(p.hosting()).isTrue();
    assertThat(p.vpn()).isFalse();
    assertThat(p.sharedByDesign()).isFalse();
  }

  @Test
  void starJointVenture_isDprk_withHighConfidence() {
    IpProfile p = SHIPPED.lookup("175.45.176.1");
    assertThat(p.dprk()).isTrue();
    assertThat(p.dprkConfidence()).isEqualTo("high");
    assertThat(p.countryIso()).isEqualTo("KP");
    assertThat(p.asn()).isEqualTo(131279L);
  }

  @Test
  void geofeedKpClaim_isDprk_withLowConfidence() {
    IpProfile p = SHIPPED.lookup("31.6.16.15"); // kp-ip-ranges.csv row 2: a geofeed claim, not an RIR delegation
    assertThat(p.dprk()).isTrue();
    assertThat(p.dprkConfidence()).isEqualTo("low");
  }

  @Test
  void addressOnX4bnetVpnList_isVpn_andSharedByDesign() {
    IpProfile p = SHIPPED.lookup("2.26.157.10"); // vpn/ipv4.txt: 2.26.157.0/24
    assertThat(p.network()).isEqualTo(NetworkType.VPN);
    assertThat(p.vpn()).isTrue();
    assertThat(p.sharedByDesign()).isTrue();
    assertThat(p.dprk()).isFalse();
  }

  @Test
  void appleICloudPrivateRelayEgress_isVpn_andMarkedAsPrivateRelay() {
    IpProfile p = SHIPPED.lookup("104.28.28.65"); // apple.txt and output/vpn: 104.28.28.64/29
    assertThat(p.vpn()).isTrue();
    assertThat(p.privateRelay()).isTrue();
    assertThat(SHIPPED.lookup("2.26.157.10").privateRelay()).as("a commercial VPN").isFalse();
    IpProfile notInX4bnetOutput = SHIPPED.lookup("104.28.28.1"); // apple.txt 104.28.28.0/26 only
    assertThat(notInX4bnetOutput.network()).isEqualTo(NetworkType.VPN);
    assertThat(notInX4bnetOutput.sharedByDesign()).isTrue();
  }

  @Test
  void torExit_isTor_inBothFamilies() {
    assertThat(SHIPPED.lookup("204.8.96.141").network()).isEqualTo(NetworkType.TOR);
    assertThat(SHIPPED.lookup("2620:7:6003::141").tor()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.1.2.3", "172.16.0.9", "192.168.1.20", "100.64.0.1", "127.0.0.1", "169.254.1.1",
      "::1", "fd00::5", "fe80::1"})
  void privateAndCgnatAddresses_arePrivate_withoutCountryOrAs(String ip) {
    IpProfile p = SHIPPED.lookup(ip);
    assertThat(p.network()).isEqualTo(NetworkType.PRIVATE);
    assertThat(p.countryIso()).isNull();
    assertThat(p.asn()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-an-ip", "999.1.1.1", "", "${jndi:ldap://x}", "8.8.8.8; DROP TABLE"})
  void malformedText_isUnknown_neverThrows(String text) {
    assertThat(SHIPPED.lookup(text)).isEqualTo(IpProfile.UNKNOWN);
    assertThat(SHIPPED.lookup((String) null)).isEqualTo(IpProfile.UNKNOWN);
  }

  @Test
  void ipv6_getsCountryAndAs() {
    IpProfile p = SHIPPED.lookup("2001:4860:4860::8888");
    assertThat(p.countryIso()).isEqualTo("US");
    assertThat(p.asn()).isEqualTo(15169L);
    assertThat(p.network()).isEqualTo(NetworkType.HOSTING);
  }

  @Test
  void carriers_areClassifiedFromTheirAs() {
    assertThat(SHIPPED.lookup("14.1.64.1").network()).isEqualTo(NetworkType.SATELLITE); // AS14593 Starlink
    assertThat(SHIPPED.lookup("23.18.0.1").network()).isEqualTo(NetworkType.MOBILE); // AS21928 T-Mobile USA
    assertThat(SHIPPED.lookup("63.40.0.1").network()).isEqualTo(NetworkType.MOBILE); // AS22394 Verizon Wireless
    IpProfile comcast = SHIPPED.lookup("23.24.0.1"); // AS7922 Comcast
    assertThat(comcast.network()).isEqualTo(NetworkType.RESIDENTIAL);
    assertThat(comcast.sharedByDesign()).isFalse();
    assertThat(SHIPPED.lookup("63.40.0.1").sharedByDesign()).isTrue();
  }

  @Test
  void unroutedDocumentationAddress_isUnknownNetwork() {
    assertThat(SHIPPED.lookup("192.0.2.1").network()).isEqualTo(NetworkType.UNKNOWN);
  }

  @Test
  void dataDirectoryFiles_replaceTheShippedOnes(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("vpn"));
    Files.writeString(dir.resolve("vpn/ipv4.txt"), "# my fresher VPN list\n192.0.2.0/24\n");
    Files.writeString(dir.resolve("kp-ip-ranges.csv"),
        "cidr_or_range,ip_version,asn,as_org,confidence,basis,source,source_date\n198.51.100.0/24,4,,,high,test,test,2026-01-01\n");
    Files.writeString(dir.resolve("asn-ipv4.csv"), "198.51.100.0,198.51.100.255,64500,\"Example Mobile, Inc.\"\n");
    Files.writeString(dir.resolve("network-types.txt"), "mobile AS64500 # test carrier\nresidential AS21928\n");
    Files.writeString(dir.resolve("egress-ip-ranges.csv"), "192.0.2.128/25,US,US-CA,Los Angeles,\n");

    IpIntel intel = IpIntel.load(dir);

    assertThat(intel.lookup("192.0.2.7").network()).isEqualTo(NetworkType.VPN);
    assertThat(intel.lookup("192.0.2.200").privateRelay()).as("Apple's egress CSV read as is").isTrue();
    assertThat(intel.lookup("104.28.28.1").privateRelay()).as("shipped relay list replaced").isFalse();
    assertThat(intel.lookup("2.26.157.10").vpn()).as("shipped VPN list replaced").isFalse();
    IpProfile p = intel.lookup("198.51.100.9");
    assertThat(p.dprk()).isTrue();
    assertThat(p.asn()).isEqualTo(64500L);
    assertThat(p.asOrganization()).isEqualTo("Example Mobile, Inc.");
    assertThat(p.network()).isEqualTo(NetworkType.MOBILE);
    assertThat(intel.lookup("175.45.176.1").dprk()).as("shipped DPRK list replaced").isFalse();
    assertThat(intel.lookup("8.8.8.8").countryIso()).as("country still shipped").isEqualTo("US");
    assertThat(intel.sources()).anyMatch(s -> s.contains("kp-ip-ranges.csv"));
  }

  @Test
  void userNetworkRules_winOverShippedOnes(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("network-types.txt"), "fixed_wireless AS21928  # we know our T-Mobile users are home internet\n");
    assertThat(IpIntel.load(dir).lookup("23.18.0.1").network()).isEqualTo(NetworkType.FIXED_WIRELESS);
  }

  @Test
  void badUserNetworkRules_areAllReportedWithTheirLines(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("network-types.txt"), "mobil AS1\nmobile ASx\nhosting\n");
    assertThatThrownBy(() -> IpIntel.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("network-types.txt:1: unknown type 'mobil'")
        .hasMessageContaining("network-types.txt:2:")
        .hasMessageContaining("network-types.txt:3:");
  }

  @Test
  void missingDataDirectory_isReportedWithWhatToDo() {
    assertThatThrownBy(() -> IpIntel.load(Path.of("/no/such/unmask-data")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such data directory: /no/such/unmask-data")
        .hasMessageContaining("docs/enrichment.md");
  }

  @Test
  void dataDirectory_prefersTheOptionOverTheSystemProperty() {
    String old = System.getProperty(IpIntel.DATA_DIR_PROPERTY);
    try {
      System.setProperty(IpIntel.DATA_DIR_PROPERTY, "/from/property");
      assertThat(IpIntel.dataDirectory("/from/option")).contains(Path.of("/from/option"));
      assertThat(IpIntel.dataDirectory(null)).contains(Path.of("/from/property"));
    } finally {
      if (old == null) {
        System.clearProperty(IpIntel.DATA_DIR_PROPERTY);
      } else {
        System.setProperty(IpIntel.DATA_DIR_PROPERTY, old);
      }
    }
  }
}
