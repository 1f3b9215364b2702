package org.unmask.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.DetectorHarness;
import org.unmask.testing.Events;
import org.unmask.testing.People;

class SuspiciousEgressTest {

  private final ReferenceData ref = People.of(
      List.of(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago")), List.of());

  @Test
  void signInThroughCommercialVpn_fires_oncePerDay() {
    List<Finding> findings = DetectorHarness.of(new SuspiciousEgress(), ref).feed(List.of(
        Events.at("2026-05-04T14:00:00Z", "idp.signin", "user.email", "p1@example.com", "source.ip", "142.214.202.2",
            "source.unmask.vpn", true, "source.as.organization.name", "Astrill"),
        Events.at("2026-05-04T16:00:00Z", "idp.signin", "user.email", "p1@example.com", "source.ip", "142.214.202.2",
            "source.unmask.vpn", true),
        Events.at("2026-05-05T14:00:00Z", "idp.signin", "user.email", "p1@example.com", "source.ip", "142.214.202.2",
            "source.unmask.vpn", true))).findings();
    assertThat(findings).extracting(Finding::ruleId).containsExactly(
        "unmask.egress.anonymizing_network", "unmask.egress.anonymizing_network");
    assertThat(findings.get(0).summary()).contains("commercial VPN").contains("142.214.202.2");
  }

  @Test
  void northKoreanAddress_isCritical() {
    List<Finding> findings = DetectorHarness.of(new SuspiciousEgress(), ref).feed(List.of(
        Events.at("2026-05-04T14:00:00Z", "vpn.session", "user.email", "p1@example.com", "source.ip", "175.45.176.3",
            "source.unmask.dprk", true, "source.geo.country_iso_code", "KP"))).findings();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unmask.egress.north_korea");
      assertThat(f.severity().label()).isEqualTo("critical");
    });
  }

  @Test
  void allowListedOfficeEgress_andResidentialAddress_andFailedSignIn_stayQuiet() {
    List<Finding> findings = DetectorHarness.of(new SuspiciousEgress(), ref).feed(List.of(
        Events.at("2026-05-04T14:00:00Z", "idp.signin", "user.email", "p1@example.com", "source.ip", "203.0.113.5",
            "source.unmask.hosting", true, "source.unmask.allow", true),
        Events.at("2026-05-04T15:00:00Z", "idp.signin", "user.email", "p1@example.com", "source.ip", "73.162.10.24",
            "source.geo.country_iso_code", "US", "source.unmask.network", "residential"),
        Events.at("2026-05-04T16:00:00Z", "idp.signin", "user.email", "p1@example.com", "source.ip", "1.2.3.4",
            "source.geo.country_iso_code", "CN", "event.outcome", "failure"))).findings();
    assertThat(findings).isEmpty();
  }

  @Test
  void unknownUser_isIgnored() {
    assertThat(DetectorHarness.of(new SuspiciousEgress(), ref).feed(List.of(
        Events.at("2026-05-04T14:00:00Z", "idp.signin", "user.email", "stranger@evil.test", "source.ip", "1.2.3.4",
            "source.geo.country_iso_code", "RU"))).findings()).isEmpty();
  }
}
