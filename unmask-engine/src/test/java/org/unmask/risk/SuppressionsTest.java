package org.unmask.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.event.Severity;

class SuppressionsTest {

  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  static Finding finding(String person, String rule, String summary) {
    EntityRef who = EntityRef.person(person);
    return new Finding(Finding.idOf(rule, who, summary), rule, rule, Severity.HIGH, List.of(), NOW, who, 10, List.of(), summary);
  }

  @Test
  void personRule_suppressesOnlyThatPersonsRule() {
    Suppressions s = Suppressions.activeAt(
        List.of(Suppression.personRule("s1", "P1", "rmm", NOW.plusSeconds(60), "case-P1")), NOW);

    assertThat(s.suppresses(finding("P1", "rmm", "x"))).isTrue();
    assertThat(s.suppresses(finding("P1", "travel", "x"))).isFalse();
    assertThat(s.suppresses(finding("P2", "rmm", "x"))).isFalse();
  }

  @Test
  void expiredSuppressions_doNothing() {
    Suppression s = Suppression.personRule("s1", "P1", "rmm", NOW, "case-P1");
    assertThat(Suppressions.activeAt(List.of(s), NOW).suppresses(finding("P1", "rmm", "x"))).isFalse();
    assertThat(Suppressions.activeAt(List.of(s), NOW.minusMillis(1)).suppresses(finding("P1", "rmm", "x"))).isTrue();
  }

  @Test
  void network_suppressesFindingsNamingAnAddressInside_v4AndV6() {
    Suppressions s = Suppressions.activeAt(List.of(
        Suppression.network("n1", "203.0.113.0/24", NOW.plusSeconds(60), null),
        Suppression.network("n2", "2001:db8::/32", NOW.plusSeconds(60), null)), NOW);

    assertThat(s.suppresses(finding("P1", "geo", "sign-in from 203.0.113.77 (NL)"))).isTrue();
    assertThat(s.suppresses(finding("P1", "geo", "sign-in from 203.0.114.1"))).isFalse();
    assertThat(s.suppresses(finding("P1", "geo", "sign-in from 2001:db8:1::5"))).isTrue();
    assertThat(s.suppresses(finding("P1", "geo", "no address at all"))).isFalse();
    assertThat(s.allowedNetworks()).containsExactly("203.0.113.0/24", "2001:db8::/32");
  }

  @Test
  void apply_keepsOrder_andDropsOnlyCovered() {
    Suppressions s = Suppressions.activeAt(
        List.of(Suppression.personRule("s1", "P1", "rmm", NOW.plusSeconds(60), null)), NOW);
    List<Finding> in = List.of(finding("P2", "a", "1"), finding("P1", "rmm", "2"), finding("P3", "b", "3"));
    assertThat(s.apply(in)).extracting(Finding::summary).containsExactly("1", "3");
    assertThat(Suppressions.none().apply(in)).isSameAs(in);
  }

  @Test
  void badNetworksAndIncompleteScopes_areRefused_withoutDnsLookups() {
    assertThatThrownBy(() -> Suppression.network("n", "evil.example.com/24", NOW, null)).hasMessageContaining("not a network");
    assertThatThrownBy(() -> Suppression.network("n", "10.0.0.0/33", NOW, null)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> Suppression.network("n", "300.1.1.1/8", NOW, null)).hasMessageContaining("not a network");
    assertThatThrownBy(() -> new Suppression("s", Suppression.Scope.PERSON_RULE, "P1", null, null, NOW, null))
        .hasMessageContaining("person and a rule");
    assertThatThrownBy(() -> Suppression.personRule("s", " ", "rule", NOW, null)).hasMessageContaining("person and a rule");
  }

  @Test
  void aNetworkWiderThanOnePlace_isRefused() {
    // 0.0.0.0/0 would silence every finding that names an address, North Korean sign-ins included
    for (String wide : List.of("0.0.0.0/0", "10.0.0.0/8", "100.64.0.0/10", "::/0", "2000::/3", "2001:db8::/31")) {
      assertThatThrownBy(() -> Suppression.network("n", wide, NOW, null)).as(wide).hasMessageContaining("is wider than");
    }
    for (String place : List.of("172.16.0.0/16", "203.0.113.7", "2001:db8::/32", "2001:db8:1::/48")) {
      assertThat(Suppression.network("n", place, NOW, null).cidr()).isEqualTo(place);
    }
  }
}
