package org.unmask.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.unmask.event.SourceRef;

/**
 * The specification's complete example (failed logins followed by a successful login): an
 * event_count chained into a temporal_ordered, with the base rules in the same file.
 */
class ChainingCorrelationTest {

  static final String FAILED_ID = "53ba33fd-3a50-4468-a5ef-c583635cfa92";
  static final String SUCCESS_ID = "4d0a2c83-c62c-4ed4-b475-c7e23a9269b8";

  CorrelationHarness harness() throws IOException {
    return CorrelationHarness.of(TestRules.bruteForceExample());
  }

  static void failures(CorrelationHarness h, String user, int count, double start, double step) {
    for (int i = 0; i < count; i++) {
      h.feedRule(FAILED_ID, "failed_login", start + i * step, "User", user, "EventID", 4625L);
    }
  }

  @Test
  void bruteForce_firesWhenTenFailuresAreFollowedBySuccess() throws IOException {
    var h = harness();
    failures(h, "alice", 10, 0, 10);
    assertThat(h.out).as("the inner event_count is not reported: generate is false").isEmpty();
    h.feedRule(SUCCESS_ID, "successful_login", 120, "User", "alice", "EventID", 4624L);

    assertThat(h.out)
        .singleElement()
        .satisfies(
            match -> {
              assertThat(match.ruleId()).isEqualTo("b180ead8-d58f-40b2-ae54-c8940995b9b6");
              assertThat(match.level().label()).isEqualTo("high");
              assertThat(match.groupBy()).containsExactly(java.util.Map.entry("User", "alice"));
              assertThat(match.windowStart()).isEqualTo(CorrelationHarness.at(90));
              assertThat(match.windowEnd()).isEqualTo(CorrelationHarness.at(120));
              assertThat(match.evidence())
                  .extracting(SourceRef::line)
                  .as("the ten failures through the inner match, then the success")
                  .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
            });
  }

  @Test
  void bruteForce_staysQuietForNineFailures_successFirst_otherUser_orSlowFailures()
      throws IOException {
    var nine = harness();
    failures(nine, "alice", 9, 0, 10);
    nine.feedRule(SUCCESS_ID, "successful_login", 120, "User", "alice");
    assertThat(nine.out).isEmpty();

    var successFirst = harness();
    successFirst.feedRule(SUCCESS_ID, "successful_login", 0, "User", "alice");
    failures(successFirst, "alice", 10, 1, 10);
    assertThat(successFirst.out).isEmpty();

    var otherUser = harness();
    failures(otherUser, "alice", 10, 0, 10);
    otherUser.feedRule(SUCCESS_ID, "successful_login", 120, "User", "bob");
    assertThat(otherUser.out).isEmpty();

    var slow = harness();
    failures(slow, "alice", 10, 0, 70); // 10 failures over 10.5 minutes
    slow.feedRule(SUCCESS_ID, "successful_login", 700, "User", "alice");
    assertThat(slow.out).isEmpty();

    var late = harness();
    failures(late, "alice", 10, 0, 10);
    late.feedRule(SUCCESS_ID, "successful_login", 90 + 601, "User", "alice");
    assertThat(late.out).as("success more than 10m after the inner match").isEmpty();
  }

  @Test
  void generate_defaultsToFalse_soReferencedRulesAreNotReportedOnTheirOwn() throws IOException {
    var h = harness();
    assertThat(h.engine.reportsBaseRule(FAILED_ID, "failed_login")).isFalse();
    assertThat(h.engine.reportsBaseRule(null, "successful_login")).isFalse();
    assertThat(h.engine.reportsBaseRule(SUCCESS_ID, null))
        .as("referenced by name, matched by id")
        .isFalse();
    assertThat(h.engine.reportsBaseRule("some-other-rule", null)).isTrue();
  }

  @Test
  void generate_true_reportsTheReferencedRulesAndInnerCorrelations() throws IOException {
    String yaml =
        TestRules.bruteForceExample()
            .replace("level: high", "level: high\ngenerate: true")
            .replace("        gte: 10", "        gte: 10\n    generate: true");
    var h = CorrelationHarness.of(yaml);
    assertThat(h.engine.reportsBaseRule(FAILED_ID, "failed_login")).isTrue();
    assertThat(h.engine.reportsBaseRule(SUCCESS_ID, "successful_login")).isTrue();

    failures(h, "alice", 10, 0, 10);
    assertThat(h.out)
        .singleElement()
        .satisfies(m -> assertThat(m.ruleId()).isEqualTo("a8418a5a-5fc4-46b5-b23b-6c73beb19d41"));
    h.feedRule(SUCCESS_ID, "successful_login", 120, "User", "alice");
    assertThat(h.out)
        .extracting(CorrelationMatch::ruleId)
        .containsExactly(
            "a8418a5a-5fc4-46b5-b23b-6c73beb19d41", "b180ead8-d58f-40b2-ae54-c8940995b9b6");
  }

  @Test
  void chaining_outerRuleCanGroupByTheInnerAlias() {
    String yaml =
        """
        title: outer
        id: 00000000-0000-4000-8000-00000000000a
        correlation:
          type: event_count
          rules: [inner]
          group-by: [ip]
          timespan: 1h
          condition: {gte: 2}
        ---
        title: inner
        name: inner
        correlation:
          type: temporal
          rules: [conn_out, conn_in]
          group-by: [ip]
          timespan: 1m
          aliases:
            ip: {conn_out: destination.ip, conn_in: source.ip}
        """;
    var h = CorrelationHarness.of(yaml);
    h.feed("conn_out", 0, "destination.ip", "198.51.100.7");
    h.feed("conn_in", 1, "source.ip", "198.51.100.7");
    h.feed("conn_out", 600, "destination.ip", "198.51.100.7");
    h.feed("conn_in", 601, "source.ip", "198.51.100.7");
    assertThat(h.out)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.ruleId()).isEqualTo("00000000-0000-4000-8000-00000000000a");
              assertThat(m.groupBy()).containsEntry("ip", "198.51.100.7");
              assertThat(m.evidence()).hasSize(4);
            });
  }
}
