package org.unmask.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** temporal and temporal_ordered, and the specification's field-name alias example. */
class TemporalCorrelationTest {

  static final String RECON =
      """
      title: Recon
      correlation:
        type: temporal
        rules: [recon_cmd_a, recon_cmd_b, recon_cmd_c]
        group-by: [ComputerName, User]
        timespan: 5m
      """;

  static final String RECON_ORDERED = RECON.replace("type: temporal", "type: temporal_ordered");

  static List<CorrelationMatch> run(String yaml, Object[]... matches) {
    var h = CorrelationHarness.of(yaml);
    for (Object[] m : matches) {
      h.feed(
          (String) m[0],
          ((Number) m[1]).doubleValue(),
          "ComputerName",
          "WS1",
          "User",
          m.length > 2 ? m[2] : "ana");
    }
    return h.out;
  }

  static Object[] m(Object... values) {
    return values;
  }

  @Test
  void temporal_firesWhenAllRulesMatchInAnyOrderWithinTheTimespan() {
    List<CorrelationMatch> out =
        run(
            RECON,
            m("recon_cmd_c", 0),
            m("recon_cmd_a", 60),
            m("recon_cmd_c", 90),
            m("recon_cmd_b", 299));
    assertThat(out)
        .singleElement()
        .satisfies(
            match -> {
              assertThat(match.value()).isEqualTo(3);
              assertThat(match.matches()).isEqualTo(4);
              assertThat(match.groupBy())
                  .containsEntry("ComputerName", "WS1")
                  .containsEntry("User", "ana");
              assertThat(match.ruleId()).isEqualTo("mr_test.yml:1");
            });
  }

  @Test
  void temporal_staysQuietWhenARuleIsMissing_tooSpreadOut_orInAnotherGroup() {
    assertThat(run(RECON, m("recon_cmd_a", 0), m("recon_cmd_b", 1), m("recon_cmd_a", 2))).isEmpty();
    assertThat(run(RECON, m("recon_cmd_a", 0), m("recon_cmd_b", 1), m("recon_cmd_c", 301)))
        .isEmpty();
    assertThat(run(RECON, m("recon_cmd_a", 0), m("recon_cmd_b", 1), m("recon_cmd_c", 2, "bo")))
        .isEmpty();
  }

  @Test
  void temporal_withCondition_countsDistinctRules() {
    String twoOfThree = RECON.replace("timespan: 5m", "timespan: 5m\n  condition: {gte: 2}");
    assertThat(run(twoOfThree, m("recon_cmd_a", 0), m("recon_cmd_a", 1))).isEmpty();
    assertThat(run(twoOfThree, m("recon_cmd_a", 0), m("recon_cmd_c", 1))).hasSize(1);
  }

  @Test
  void temporal_doesNotRefireWhileTheSameSetStaysInTheWindow() {
    assertThat(
            run(
                RECON,
                m("recon_cmd_a", 0),
                m("recon_cmd_b", 1),
                m("recon_cmd_c", 2),
                m("recon_cmd_a", 3),
                m("recon_cmd_b", 4)))
        .hasSize(1);
  }

  @Test
  void temporalOrdered_firesForTheDeclaredOrder() {
    assertThat(run(RECON_ORDERED, m("recon_cmd_a", 0), m("recon_cmd_b", 10), m("recon_cmd_c", 20)))
        .hasSize(1);
    assertThat(
            run(
                RECON_ORDERED,
                m("recon_cmd_c", 0),
                m("recon_cmd_a", 5),
                m("recon_cmd_b", 10),
                m("recon_cmd_c", 20)))
        .as("an early C does not hurt")
        .hasSize(1);
  }

  @Test
  void temporalOrdered_staysQuietForAnotherOrder() {
    assertThat(run(RECON_ORDERED, m("recon_cmd_c", 0), m("recon_cmd_b", 10), m("recon_cmd_a", 20)))
        .isEmpty();
    assertThat(run(RECON_ORDERED, m("recon_cmd_a", 0), m("recon_cmd_c", 10), m("recon_cmd_b", 20)))
        .isEmpty();
    assertThat(run(RECON_ORDERED, m("recon_cmd_a", 0), m("recon_cmd_b", 10), m("recon_cmd_c", 301)))
        .as("C arrives after A left the window")
        .isEmpty();
  }

  @Test
  void temporalOrdered_treatsSimultaneousMatchesAsInOrder_whateverTheArrivalOrder() {
    List<CorrelationMatch> forward =
        run(RECON_ORDERED, m("recon_cmd_a", 5), m("recon_cmd_b", 5), m("recon_cmd_c", 5));
    List<CorrelationMatch> backward =
        run(RECON_ORDERED, m("recon_cmd_c", 5), m("recon_cmd_b", 5), m("recon_cmd_a", 5));
    assertThat(forward).hasSize(1);
    assertThat(backward).hasSize(1);
    assertThat(backward.get(0).windowEnd()).isEqualTo(forward.get(0).windowEnd());
    assertThat(backward.get(0).discriminator()).isEqualTo(forward.get(0).discriminator());
  }

  @Test
  void temporal_simultaneousMatchesGiveTheSameResultInAnyArrivalOrder() {
    assertThat(run(RECON, m("recon_cmd_b", 5), m("recon_cmd_c", 5), m("recon_cmd_a", 5)))
        .singleElement()
        .satisfies(match -> assertThat(match.windowStart()).isEqualTo(match.windowEnd()));
  }

  @Test
  void temporalOrdered_acceptsSlightlyLateMatches_butIgnoresThoseOlderThanTheWindow() {
    // b is read before a, but happened after it: sorted into place.
    assertThat(run(RECON_ORDERED, m("recon_cmd_b", 10), m("recon_cmd_a", 5), m("recon_cmd_c", 20)))
        .hasSize(1);
    assertThat(
            run(
                RECON_ORDERED,
                m("recon_cmd_c", 400),
                m("recon_cmd_a", 0),
                m("recon_cmd_b", 401),
                m("recon_cmd_c", 402)))
        .as("a is older than 5m when read")
        .isEmpty();
  }

  static final String ALIASES =
      """
      title: Internal error then connection back
      id: 7f2a0c5e-0000-4000-8000-000000000001
      correlation:
          type: temporal
          rules:
              - internal_error
              - new_network_connection
          group-by:
              - internal_ip
              - remote_ip
          timespan: 10s
          aliases:
              internal_ip:
                  internal_error: destination.ip
                  new_network_connection: source.ip
              remote_ip:
                  internal_error: source.ip
                  new_network_connection: destination.ip
      """;

  @Test
  void aliases_groupDifferentFieldsOfDifferentRulesTogether() {
    var h = CorrelationHarness.of(ALIASES);
    h.feed("internal_error", 0, "destination.ip", "10.0.0.5", "source.ip", "203.0.113.9");
    List<CorrelationMatch> fired =
        h.feed(
            "new_network_connection", 4, "source.ip", "10.0.0.5", "destination.ip", "203.0.113.9");
    assertThat(fired)
        .singleElement()
        .satisfies(
            match ->
                assertThat(match.groupBy())
                    .containsExactly(
                        java.util.Map.entry("internal_ip", "10.0.0.5"),
                        java.util.Map.entry("remote_ip", "203.0.113.9")));
  }

  @Test
  void aliases_staySilentWhenTheAddressesDoNotLineUp() {
    var h = CorrelationHarness.of(ALIASES);
    h.feed("internal_error", 0, "destination.ip", "10.0.0.5", "source.ip", "203.0.113.9");
    h.feed("new_network_connection", 4, "source.ip", "203.0.113.9", "destination.ip", "10.0.0.5");
    h.feed("new_network_connection", 11, "source.ip", "10.0.0.5", "destination.ip", "203.0.113.9");
    assertThat(h.out).isEmpty();
  }

  @Test
  void aliases_applyWhenTheRuleIsMatchedByIdButAliasedByName() {
    String byId = ALIASES.replace("- internal_error", "- 9a1f0000-0000-4000-8000-000000000002");
    var h = CorrelationHarness.of(byId);
    h.feedRule(
        "9a1f0000-0000-4000-8000-000000000002",
        "internal_error",
        0,
        "destination.ip",
        "10.0.0.5",
        "source.ip",
        "203.0.113.9");
    h.feed("new_network_connection", 4, "source.ip", "10.0.0.5", "destination.ip", "203.0.113.9");
    assertThat(h.out).hasSize(1);
  }
}
