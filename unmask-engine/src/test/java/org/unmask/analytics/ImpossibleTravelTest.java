package org.unmask.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.DetectorHarness;
import org.unmask.testing.Events;
import org.unmask.testing.People;

class ImpossibleTravelTest {

  private final ReferenceData ref = People.of(
      List.of(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago")), List.of());

  @Test
  void usThenChinaWithinAnHour_fires() {
    assertThat(DetectorHarness.of(new ImpossibleTravel(), ref).feed(List.of(
        Events.at("2026-05-04T14:00:00Z", "idp.signin", "user.email", "p1@example.com", "source.ip", "73.1.1.1",
            "source.geo.country_iso_code", "US"),
        Events.at("2026-05-04T14:40:00Z", "idp.signin", "user.email", "p1@example.com", "source.ip", "1.80.1.1",
            "source.geo.country_iso_code", "CN"))).findings())
        .singleElement().satisfies(f -> assertThat(f.summary()).contains("CN").contains("US"));
  }

  @Test
  void flightToSeoul_overFifteenHours_staysQuiet() {
    assertThat(DetectorHarness.of(new ImpossibleTravel(), ref).feed(List.of(
        Events.at("2026-05-04T14:00:00Z", "idp.signin", "user.email", "p1@example.com", "source.geo.country_iso_code", "US"),
        Events.at("2026-05-05T08:00:00Z", "idp.signin", "user.email", "p1@example.com", "source.geo.country_iso_code", "KR")))
        .findings()).isEmpty();
  }

  @Test
  void vpnAndMobileCarrierAddresses_areNotPositions() {
    assertThat(DetectorHarness.of(new ImpossibleTravel(), ref).feed(List.of(
        Events.at("2026-05-04T14:00:00Z", "idp.signin", "user.email", "p1@example.com", "source.geo.country_iso_code", "US"),
        Events.at("2026-05-04T14:10:00Z", "idp.signin", "user.email", "p1@example.com", "source.geo.country_iso_code", "NL",
            "source.unmask.vpn", true),
        Events.at("2026-05-04T14:20:00Z", "idp.signin", "user.email", "p1@example.com", "source.geo.country_iso_code", "DE",
            "source.unmask.shared_by_design", true))).findings()).isEmpty();
  }
}
