package org.unmask.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/** Data-directory databases in the record shapes of MaxMind GeoIP2 and ip-location-db. */
class VendorDatabaseTest {

  private static final Map<String, Object> GEOIP2_CITY = Map.of(
      "city", Map.of("names", Map.of("en", "Dallas", "de", "Dallas")),
      "country", Map.of("iso_code", "US", "names", Map.of("en", "United States")),
      "subdivisions", List.of(Map.of("iso_code", "TX")),
      "location", Map.of("latitude", 32.78, "longitude", -96.8, "time_zone", "America/Chicago"));

  @Test
  void aGeoIp2CityDatabase_addsCityRegionAndLocation(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("GeoLite2-City.mmdb"), TinyMmdb.everyIpv4Answers(GEOIP2_CITY, "GeoLite2-City"));
    IpIntel intel = IpIntel.load(dir);

    IpProfile p = intel.lookup("73.162.10.24");
    assertThat(p.countryIso()).isEqualTo("US");
    assertThat(p.cityName()).isEqualTo("Dallas");
    assertThat(p.regionIso()).isEqualTo("TX");
    assertThat(p.latitude()).isEqualTo(32.78);
    assertThat(p.longitude()).isEqualTo(-96.8);
    assertThat(p.asn()).as("ASN still from the shipped table").isEqualTo(7922L);

    Event e = new IpEnricher(intel, List.of()).enrich(new Event(Instant.EPOCH, "idp.signin",
        new HashMap<>(Map.of("source.ip", "73.162.10.24")), new SourceRef("x", 1)));
    assertThat(e.get("source.geo.city_name")).isEqualTo("Dallas");
    assertThat(e.get("source.geo.region_iso_code")).isEqualTo("TX");
    assertThat(e.get("source.geo.location.lat")).isEqualTo(32.78);
    assertThat(e.get("source.geo.location.lon")).isEqualTo(-96.8);
  }

  @Test
  void aCityDatabaseWithoutAnAnswer_fallsBackToTheCountryDatabase(@TempDir Path dir) throws IOException {
    // an IPv4-only city database knows nothing about IPv6 addresses
    Files.write(dir.resolve("city.mmdb"), TinyMmdb.everyIpv4Answers(GEOIP2_CITY, "GeoLite2-City"));
    IpProfile p = IpIntel.load(dir).lookup("2001:4860:4860::8888");
    assertThat(p.countryIso()).isEqualTo("US");
    assertThat(p.cityName()).isNull();
  }

  @Test
  void aCityRecordWithoutCountry_takesTheCountryFromTheCountryDatabase(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("city.mmdb"), TinyMmdb.everyIpv4Answers(
        Map.of("city", Map.of("names", Map.of("en", "Somewhere"))), "GeoLite2-City"));
    IpProfile p = IpIntel.load(dir).lookup("175.45.176.1");
    assertThat(p.cityName()).isEqualTo("Somewhere");
    assertThat(p.countryIso()).isEqualTo("KP");
  }

  @Test
  void anIpLocationDbCityDatabase_isReadFromItsFlatShape(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("dbip-city-lite.mmdb"), TinyMmdb.everyIpv4Answers(Map.of("city", "Shenyang",
        "country_code", "CN", "state1", "Liaoning", "latitude", 41.8, "longitude", 123.4), "dbip-city"));
    IpProfile p = IpIntel.load(dir).lookup("8.8.8.8");
    assertThat(p.countryIso()).isEqualTo("CN");
    assertThat(p.cityName()).isEqualTo("Shenyang");
    assertThat(p.regionIso()).isEqualTo("Liaoning");
    assertThat(p.latitude()).isEqualTo(41.8);
  }

  @Test
  void aGeoLite2AsnDatabase_replacesTheShippedAsnTable(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("GeoLite2-ASN.mmdb"), TinyMmdb.everyIpv4Answers(Map.of(
        "autonomous_system_number", 14593L, "autonomous_system_organization", "SPACEX-STARLINK"), "GeoLite2-ASN"));
    IpProfile p = IpIntel.load(dir).lookup("73.162.10.24");
    assertThat(p.asn()).isEqualTo(14593L);
    assertThat(p.asOrganization()).isEqualTo("SPACEX-STARLINK");
    assertThat(p.network()).isEqualTo(NetworkType.SATELLITE);
    assertThat(p.sharedByDesign()).isTrue();
  }

  @Test
  void aCorruptDatabase_isReportedWithItsName(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("GeoLite2-City.mmdb"), "not a database");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> IpIntel.load(dir))
        .hasMessageContaining("cannot load IP reference data from " + dir);
  }
}
