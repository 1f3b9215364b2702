package org.unmask.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.Address;
import org.unmask.reference.Device;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.DetectorHarness;
import org.unmask.testing.Events;
import org.unmask.testing.People;

class DeviceCountryTest {

  private final ReferenceData ref = People.of(
      List.of(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago")),
      List.of(new Device("d1", "LT-d1", "SNd1", "p1", "Latitude 7440",
          new Address("1 Oak St", "Dallas", "TX", "75001", "US"), Instant.parse("2026-01-02T00:00:00Z"))));

  /** One inventory snapshot a day from {@code firstDay}, egress in {@code country} over {@code network}. */
  private static List<Event> days(int firstDay, int count, String country, String network) {
    List<Event> out = new ArrayList<>();
    for (int d = firstDay; d < firstDay + count; d++) {
      Instant t = Instant.parse("2026-05-04T15:00:00Z").plus(d, ChronoUnit.DAYS);
      out.add(Events.at(t.toString(), "endpoint.inventory", "host.id", "d1", "host.public_ip", "203.0.113.9",
          "host.public.geo.country_iso_code", country, "host.public.unmask.network", network));
    }
    return out;
  }

  @Test
  void laptopLivingAbroadOnHomeBroadband_fires_once_namingTheCountry() {
    List<Event> events = new ArrayList<>(days(0, 3, "US", "residential"));
    events.addAll(days(3, 20, "VN", "residential"));
    List<Finding> findings = DetectorHarness.of(new DeviceCountry(), ref).feed(events).findings();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unmask.device.away_from_shipping");
      assertThat(f.summary()).contains("shipped to US").contains("VN (7 days)");
    });
  }

  @Test
  void twoWeekHoliday_amongMonthsAtHome_staysQuiet() {
    List<Event> events = new ArrayList<>(days(0, 40, "US", "residential"));
    events.addAll(days(40, 14, "MX", "mobile"));
    events.addAll(days(54, 20, "US", "residential"));
    assertThat(DetectorHarness.of(new DeviceCountry(), ref).feed(events).findings()).isEmpty();
  }

  @Test
  void vpnAndSatelliteExits_sayNothingAboutWhereTheLaptopIs() {
    List<Event> events = new ArrayList<>(days(0, 20, "NL", "vpn"));
    events.addAll(days(20, 20, "DE", "satellite"));
    events.addAll(days(40, 20, "SG", "hosting"));
    assertThat(DetectorHarness.of(new DeviceCountry(), ref).feed(events).findings()).isEmpty();
  }

  @Test
  void aLaptopWithoutAShippingCountry_fallsBackToTheOwnersClaimedHome() {
    ReferenceData noShipping = People.of(
        List.of(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago")),
        List.of(People.laptop("d1", "p1", "2026-01-02T00:00:00Z")));
    List<Finding> findings = DetectorHarness.of(new DeviceCountry(), noShipping)
        .feed(days(0, 10, "PH", "residential")).findings();
    assertThat(findings).extracting(Finding::ruleId).containsExactly("unmask.device.away_from_shipping");
  }
}
