package org.unmask.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** value_count, value_sum, value_avg and value_percentile. */
class ValueCorrelationTest {

  static String rule(String type, String groupBy, String timespan, String condition) {
    return "title: "
        + type
        + "\nid: 11111111-2222-3333-4444-"
        + type.length()
        + "00000000000\n"
        + "correlation:\n  type: "
        + type
        + "\n  rules: [rule_a]\n  group-by: "
        + groupBy
        + "\n  timespan: "
        + timespan
        + "\n  condition: "
        + condition
        + "\n";
  }

  @Test
  void valueCount_firesOnEnoughDistinctValues() {
    var h =
        CorrelationHarness.of(rule("value_count", "[ComputerName]", "1d", "{field: User, gte: 3}"));
    h.feed("rule_a", 0, "ComputerName", "WS1", "User", "ana");
    h.feed("rule_a", 1, "ComputerName", "WS1", "User", "ana");
    h.feed("rule_a", 2, "ComputerName", "WS1", "User", "bo");
    assertThat(h.out).isEmpty();
    assertThat(h.feed("rule_a", 3, "ComputerName", "WS1", "User", "cy"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.value()).isEqualTo(3);
              assertThat(m.matches()).isEqualTo(4);
              assertThat(m.summary()).contains("3 distinct User");
            });
  }

  @Test
  void valueCount_staysQuietOnOneRepeatedValue_andSkipsMatchesWithoutTheField() {
    var h =
        CorrelationHarness.of(rule("value_count", "[ComputerName]", "1d", "{field: User, gte: 2}"));
    for (int i = 0; i < 20; i++) {
      h.feed("rule_a", i, "ComputerName", "WS1", "User", "ana");
      h.feed("rule_a", i, "ComputerName", "WS1");
    }
    assertThat(h.out).isEmpty();
  }

  @Test
  void valueCount_withSeveralFields_countsDistinctCombinations() {
    var h =
        CorrelationHarness.of(rule("value_count", "[]", "1h", "{field: [User, Domain], gte: 3}"));
    h.feed("rule_a", 0, "User", "ana", "Domain", "a");
    h.feed("rule_a", 1, "User", "ana", "Domain", "b");
    h.feed("rule_a", 2, "User", "ana", "Domain", "a");
    assertThat(h.out).isEmpty();
    assertThat(h.feed("rule_a", 3, "User", "bo", "Domain", "a")).hasSize(1);
  }

  @Test
  void valueCount_forgetsValuesThatLeftTheWindow() {
    var h =
        CorrelationHarness.of(rule("value_count", "[ComputerName]", "1m", "{field: User, gte: 3}"));
    h.feed("rule_a", 0, "ComputerName", "WS1", "User", "ana");
    h.feed("rule_a", 61, "ComputerName", "WS1", "User", "bo");
    h.feed("rule_a", 62, "ComputerName", "WS1", "User", "cy");
    assertThat(h.out).isEmpty();
  }

  @Test
  void valueSum_firesWhenTheSumExceedsTheLimit() {
    var h =
        CorrelationHarness.of(
            rule("value_sum", "[SourceIP, User]", "1h", "{field: bytes_sent, gt: 1000000}"));
    h.feed("rule_a", 0, "SourceIP", "10.0.0.1", "User", "ana", "bytes_sent", 600_000L);
    assertThat(h.out).isEmpty();
    assertThat(h.feed("rule_a", 10, "SourceIP", "10.0.0.1", "User", "ana", "bytes_sent", "400001"))
        .singleElement()
        .satisfies(m -> assertThat(m.value()).isEqualTo(1_000_001));
  }

  @Test
  void valueSum_staysQuietAtTheLimit_andIgnoresValuesThatAreNotFiniteNumbers() {
    var h =
        CorrelationHarness.of(
            rule("value_sum", "[User]", "1h", "{field: bytes_sent, gt: 1000000}"));
    h.feed("rule_a", 0, "User", "ana", "bytes_sent", 1_000_000L);
    for (Object hostile :
        new Object[] {
          "Infinity", "NaN", "1e999", "lots", "", true, null, java.util.List.of(5_000_000)
        }) {
      h.feed("rule_a", 1, "User", "ana", "bytes_sent", hostile);
    }
    h.feed("rule_a", 2, "User", "ana");
    assertThat(h.out).isEmpty();
    assertThat(h.feed("rule_a", 3, "User", "ana", "bytes_sent", 1)).hasSize(1);
  }

  @Test
  void valueSum_handlesNegativeAndHugeValuesWithoutOverflow() {
    var h = CorrelationHarness.of(rule("value_sum", "[User]", "1h", "{field: n, lt: 0}"));
    h.feed("rule_a", 0, "User", "ana", "n", Long.MAX_VALUE);
    h.feed("rule_a", 1, "User", "ana", "n", Long.MAX_VALUE);
    assertThat(h.out).isEmpty();
    assertThat(h.feed("rule_a", 2, "User", "ana", "n", -Double.MAX_VALUE)).hasSize(1);
  }

  @Test
  void valueAvg_firesWhenTheAverageCrossesTheThreshold() {
    var h =
        CorrelationHarness.of(
            rule("value_avg", "[SourceIP, User]", "24h", "{field: BytesOut, gt: 500}"));
    h.feed("rule_a", 0, "SourceIP", "1.2.3.4", "User", "ana", "BytesOut", 100);
    h.feed("rule_a", 1, "SourceIP", "1.2.3.4", "User", "ana", "BytesOut", 900);
    assertThat(h.out).as("average exactly 500").isEmpty();
    assertThat(h.feed("rule_a", 2, "SourceIP", "1.2.3.4", "User", "ana", "BytesOut", 503.5))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.value())
                    .isEqualTo(501.1666, org.assertj.core.data.Offset.offset(0.001)));
  }

  @Test
  void valueAvg_staysQuietForSmallTransfers() {
    var h = CorrelationHarness.of(rule("value_avg", "[User]", "24h", "{field: BytesOut, gt: 500}"));
    for (int i = 0; i < 50; i++) {
      h.feed("rule_a", i, "User", "ana", "BytesOut", i * 10);
    }
    assertThat(h.out).isEmpty();
  }

  @Test
  void valuePercentile_onText_firesForAValueThatIsRareInItsGroup() {
    var h =
        CorrelationHarness.of(
            rule("value_percentile", "[ComputerName]", "24h", "{field: Image, lte: 1}"));
    for (int i = 0; i < 200; i++) {
      h.feed("rule_a", i, "ComputerName", "WS1", "Image", i % 2 == 0 ? "chrome.exe" : "code.exe");
    }
    assertThat(h.out).isEmpty();
    assertThat(h.feed("rule_a", 300, "ComputerName", "WS1", "Image", "AnyDesk.exe"))
        .singleElement()
        .satisfies(m -> assertThat(m.value()).isLessThan(1));
    assertThat(h.feed("rule_a", 301, "ComputerName", "WS1", "Image", "chrome.exe")).isEmpty();
  }

  @Test
  void valuePercentile_onText_staysQuietWhileTheGroupHasFewValues() {
    var h =
        CorrelationHarness.of(
            rule("value_percentile", "[ComputerName]", "24h", "{field: Image, lte: 1}"));
    for (int i = 0; i < 50; i++) {
      h.feed("rule_a", i, "ComputerName", "WS1", "Image", "p" + i + ".exe");
    }
    assertThat(h.out).as("1 in 50 is 2%, not rare enough").isEmpty();
  }

  @Test
  void valuePercentile_onNumbers_ranksTheTriggeringValue() {
    var h =
        CorrelationHarness.of(rule("value_percentile", "[User]", "24h", "{field: bytes, gte: 99}"));
    for (int i = 1; i <= 99; i++) {
      h.feed("rule_a", i, "User", "ana", "bytes", 1000 + (i % 7));
    }
    h.out.clear(); // early values rank high in a small window; judge the full one
    assertThat(h.feed("rule_a", 100, "User", "ana", "bytes", 1003)).isEmpty();
    assertThat(h.feed("rule_a", 101, "User", "ana", "bytes", 90_000_000))
        .singleElement()
        .satisfies(m -> assertThat(m.value()).isEqualTo(100));
  }
}
