package org.unmask.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

class EventCountCorrelationTest {

  static final String FAILED_LOGINS =
      """
      title: Many failed logins
      id: 0e95725d-7320-415d-80f7-004da920fc11
      level: high
      tags: [attack.t1110]
      correlation:
        type: event_count
        rules: [failed_login]
        group-by: [ComputerName]
        timespan: 1h
        condition: {gte: 5}
      """;

  @Test
  void eventCount_firesWhenTheCountInOneWindowReachesTheCondition() {
    var h = CorrelationHarness.of(FAILED_LOGINS);
    for (int i = 0; i < 4; i++) {
      assertThat(h.feed("failed_login", i * 60, "ComputerName", "WS1")).isEmpty();
    }
    List<CorrelationMatch> fired = h.feed("failed_login", 240, "ComputerName", "WS1");

    assertThat(fired).hasSize(1);
    CorrelationMatch match = fired.get(0);
    assertThat(match.ruleId()).isEqualTo("0e95725d-7320-415d-80f7-004da920fc11");
    assertThat(match.title()).isEqualTo("Many failed logins");
    assertThat(match.level().label()).isEqualTo("high");
    assertThat(match.attack()).containsExactly("T1110");
    assertThat(match.groupBy()).containsExactly(java.util.Map.entry("ComputerName", "WS1"));
    assertThat(match.windowStart()).isEqualTo(CorrelationHarness.at(0));
    assertThat(match.windowEnd()).isEqualTo(CorrelationHarness.at(240));
    assertThat(match.matches()).isEqualTo(5);
    assertThat(match.value()).isEqualTo(5);
    assertThat(match.evidence()).extracting(SourceRef::line).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(match.summary())
        .isEqualTo("Many failed logins: 5 matches within 1h for ComputerName=WS1 (condition gte 5)");
  }

  @Test
  void eventCount_staysQuietBelowTheCondition_andKeepsGroupsApart() {
    var h = CorrelationHarness.of(FAILED_LOGINS);
    for (int i = 0; i < 8; i++) {
      h.feed("failed_login", i, "ComputerName", i % 2 == 0 ? "WS1" : "WS2");
    }
    assertThat(h.out).isEmpty();
  }

  @Test
  void eventCount_evictsMatchesOlderThanTheTimespan() {
    var h = CorrelationHarness.of(FAILED_LOGINS);
    for (int i = 0; i < 10; i++) {
      h.feed("failed_login", i * 901, "ComputerName", "WS1"); // 4 per hour at most
    }
    assertThat(h.out).isEmpty();
  }

  @Test
  void eventCount_windowIncludesAMatchExactlyOneTimespanOld() {
    var h = CorrelationHarness.of(FAILED_LOGINS);
    for (int i = 0; i < 4; i++) {
      h.feed("failed_login", i * 900, "ComputerName", "WS1"); // 0, 15, 30, 45 min
    }
    assertThat(h.feed("failed_login", 3600, "ComputerName", "WS1")).hasSize(1);
  }

  @Test
  void eventCount_firesOncePerBurst_thenOncePerTimespanWhileItLasts() {
    var h = CorrelationHarness.of(FAILED_LOGINS);
    for (int i = 0; i < 30; i++) {
      h.feed("failed_login", i * 10, "ComputerName", "WS1"); // 30 in 5 minutes
    }
    assertThat(h.out).hasSize(1);
    for (int i = 0; i <= 60; i++) {
      h.feed("failed_login", 300 + i * 60, "ComputerName", "WS1"); // one a minute for an hour
    }
    assertThat(h.out).hasSize(2);
    assertThat(h.out.get(1).windowEnd()).isEqualTo(CorrelationHarness.at(3660));
  }

  @Test
  void eventCount_firesAgainAfterTheConditionLapsed() {
    var h = CorrelationHarness.of(FAILED_LOGINS);
    for (int i = 0; i < 5; i++) {
      h.feed("failed_login", i, "ComputerName", "WS1");
    }
    for (int i = 0; i < 5; i++) {
      h.feed("failed_login", 7200 + i, "ComputerName", "WS1");
    }
    assertThat(h.out)
        .extracting(CorrelationMatch::windowEnd)
        .containsExactly(CorrelationHarness.at(4), CorrelationHarness.at(7204));
  }

  @Test
  void eventCount_withUpperBound_firesWhenTheTrailingWindowIsInRange() {
    var h = CorrelationHarness.of(FAILED_LOGINS.replace("{gte: 5}", "{gt: 1, lte: 3}"));
    h.feed("failed_login", 0, "ComputerName", "WS1");
    assertThat(h.feed("failed_login", 1, "ComputerName", "WS1")).hasSize(1);
    h.feed("failed_login", 2, "ComputerName", "WS1");
    h.feed("failed_login", 3, "ComputerName", "WS1"); // 4: out of range, lapses
    assertThat(h.feed("failed_login", 4, "ComputerName", "WS1")).isEmpty();
    assertThat(h.out).hasSize(1);
  }

  @Test
  void eventCount_ignoresMatchesWithoutTheGroupByField() {
    var h = CorrelationHarness.of(FAILED_LOGINS);
    for (int i = 0; i < 10; i++) {
      h.feed("failed_login", i, "OtherField", "x");
      h.feed("failed_login", i, "ComputerName", null);
    }
    assertThat(h.out).isEmpty();
    assertThat(h.state.size()).as("no state for ungroupable matches").isZero();
  }

  @Test
  void eventCount_withEmptyGroupBy_correlatesEverything() {
    var h =
        CorrelationHarness.of(FAILED_LOGINS.replace("group-by: [ComputerName]", "group-by: []"));
    for (int i = 0; i < 5; i++) {
      h.feed("failed_login", i, "ComputerName", "WS" + i);
    }
    assertThat(h.out).hasSize(1);
    assertThat(h.out.get(0).groupBy()).isEmpty();
  }

  @Test
  void eventCount_groupValuesThatLookLikeKeysDoNotCollide() {
    String twoFields =
        FAILED_LOGINS.replace("[ComputerName]", "[a, b]").replace("{gte: 5}", "{gte: 2}");
    var h = CorrelationHarness.of(twoFields);
    h.feed("failed_login", 0, "a", "x;1:y", "b", "z");
    h.feed("failed_login", 1, "a", "x", "b", "y;1:z");
    assertThat(h.out).isEmpty();
  }

  @Test
  void eventCount_numbersAndTheirDecimalFormGroupTogether() {
    var h = CorrelationHarness.of(FAILED_LOGINS.replace("{gte: 5}", "{gte: 2}"));
    h.feed("failed_login", 0, "ComputerName", 7L);
    assertThat(h.feed("failed_login", 1, "ComputerName", 7.0)).hasSize(1);
  }

  @Test
  void eventCount_reportsAtMostTwentyEvidenceLines_earliestFirst() {
    var h = CorrelationHarness.of(FAILED_LOGINS.replace("{gte: 5}", "{gte: 50}"));
    for (int i = 0; i < 50; i++) {
      h.feed("failed_login", i, "ComputerName", "WS1");
    }
    assertThat(h.out).hasSize(1);
    assertThat(h.out.get(0).evidence()).hasSize(20);
    assertThat(h.out.get(0).evidence().get(0).line()).isEqualTo(1);
    assertThat(h.out.get(0).matches()).isEqualTo(50);
  }

  @Test
  void eventCount_keepsTheNewestMatchesWithinTheStateLimit() {
    var h =
        CorrelationHarness.of(
            FAILED_LOGINS.replace("{gte: 5}", "{gte: 3}"),
            new CorrelationEngine.Limits(4, 20, 1000));
    for (int i = 0; i < 100; i++) {
      h.feed("failed_login", i, "ComputerName", "WS1");
    }
    assertThat(h.out).hasSize(1);
    assertThat(h.out.get(0).matches()).isEqualTo(3);
  }

  @Test
  void eventCount_matchesReferencesByIdOrName() {
    var h =
        CorrelationHarness.of(
            FAILED_LOGINS
                .replace("[failed_login]", "[5638f7c0-ac70-491d-8465-2a65075e0d86]")
                .replace("{gte: 5}", "{gte: 2}"));
    h.feedRule("5638f7c0-ac70-491d-8465-2a65075e0d86", "failed_login", 0, "ComputerName", "WS1");
    h.feedRule("5638f7c0-ac70-491d-8465-2a65075e0d86", null, 1, "ComputerName", "WS1");
    h.feed("unrelated", 2, "ComputerName", "WS1");
    assertThat(h.out).hasSize(1);
    assertThat(h.engine.references("5638f7c0-ac70-491d-8465-2a65075e0d86", null)).isTrue();
    assertThat(h.engine.references(null, "unrelated")).isFalse();
  }

  @Test
  void oneEventThatTwoReferencedRulesMatch_countsOnce_andIsSummedOnce() {
    // correlation specification: event_count "counts events", value_sum sums "a number field" of
    // them; an event two of the referred rules match is still one event
    var count = CorrelationHarness.of(
        """
        title: two views of a logon
        correlation: {type: event_count, rules: [remote_logon, admin_logon], group-by: [User], timespan: 1h,
                      condition: {gte: 2}}
        """);
    Event both = count.event(0, "User", "carl");
    count.engine.onMatch(null, "remote_logon", both, count.out::add);
    count.engine.onMatch(null, "admin_logon", both, count.out::add);
    assertThat(count.out).isEmpty();
    assertThat(count.feed("admin_logon", 60, "User", "carl")).hasSize(1); // a second event does count

    var sum = CorrelationHarness.of(
        """
        title: upload volume
        correlation: {type: value_sum, rules: [upload, big_upload], group-by: [User], timespan: 1h,
                      condition: {field: bytes, gt: 100}}
        """);
    Event upload = sum.event(0, "User", "carl", "bytes", 60);
    sum.engine.onMatch(null, "upload", upload, sum.out::add);
    sum.engine.onMatch(null, "big_upload", upload, sum.out::add);
    assertThat(sum.out).as("60 bytes, not 120").isEmpty();
  }

  @Test
  void temporal_stillCountsEachReferencedRuleThatOneEventMatches() {
    var h = CorrelationHarness.of(
        """
        title: both
        correlation: {type: temporal, rules: [remote_logon, admin_logon], group-by: [User], timespan: 1h}
        """);
    Event both = h.event(0, "User", "carl");
    h.engine.onMatch(null, "remote_logon", both, h.out::add);
    h.engine.onMatch(null, "admin_logon", both, h.out::add);
    assertThat(h.out).hasSize(1);
  }
}
