package org.unmask.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Each correlation in the specification's tests/schema/correlation folder, loaded as shipped, on
 * event sequences built around its own thresholds: one just short of firing, one that fires.
 */
class SpecificationExamplesTest {

  static final String FAILED_LOGIN = "5638f7c0-ac70-491d-8465-2a65075e0d86";

  static CorrelationHarness load(String name) throws IOException {
    String yaml =
        Files.readString(
            CorrelationRuleTest.SPEC.resolve("tests/schema/correlation").resolve(name));
    return CorrelationHarness.of(yaml);
  }

  @Test
  void eventCount_hundredFailedLoginsToOneHostInAnHour() throws IOException {
    for (String file : new String[] {"event_count.yml", "event_count_ecs.yml"}) {
      String field = file.contains("ecs") ? "dns.question.name" : "ComputerName";
      var h = load(file);
      for (int i = 0; i < 99; i++) {
        h.feedRule(FAILED_LOGIN, null, i * 36, field, "DC1");
        h.feedRule(FAILED_LOGIN, null, i * 36, field, "DC2");
      }
      assertThat(h.out).as(file + ": 99 per host").isEmpty();
      assertThat(h.feedRule(FAILED_LOGIN, null, 3600, field, "DC1")).as(file).hasSize(1);
      assertThat(h.feedRule(FAILED_LOGIN, null, 3601, field, "DC2"))
          .as(file + ": the first DC2 failure left the hour")
          .isEmpty();
    }
  }

  @Test
  void valueCount_hundredUsersFromOneSourceAndDestinationInADay() throws IOException {
    var h = load("value_count.yml");
    for (int i = 0; i < 99; i++) {
      h.feedRule(
          FAILED_LOGIN,
          null,
          i * 600,
          "ComputerName",
          "DC1",
          "WorkstationName",
          "WS7",
          "User",
          "user" + i);
      h.feedRule(
          FAILED_LOGIN,
          null,
          i * 600,
          "ComputerName",
          "DC1",
          "WorkstationName",
          "WS8",
          "User",
          "other" + i);
    }
    h.feedRule(
        FAILED_LOGIN,
        null,
        86_000,
        "ComputerName",
        "DC1",
        "WorkstationName",
        "WS7",
        "User",
        "user5");
    assertThat(h.out).isEmpty();
    assertThat(
            h.feedRule(
                FAILED_LOGIN,
                null,
                86_400,
                "ComputerName",
                "DC1",
                "WorkstationName",
                "WS7",
                "User",
                "user99"))
        .hasSize(1);
  }

  @Test
  void temporal_threeReconCommandsInFiveMinutes_byOneUserOnOneHost() throws IOException {
    var h = load("temporal.yml");
    h.feed("recon_cmd_b", 0, "ComputerName", "WS1", "User", "ana");
    h.feed("recon_cmd_c", 100, "ComputerName", "WS1", "User", "ana");
    h.feed("recon_cmd_a", 200, "ComputerName", "WS1", "User", "bo");
    assertThat(h.out).isEmpty();
    assertThat(h.feed("recon_cmd_a", 300, "ComputerName", "WS1", "User", "ana")).hasSize(1);
  }

  @Test
  void temporalOrdered_reconCommandsOnlyInTheirOrder() throws IOException {
    var h = load("temporal_ordered.yml");
    h.feed("recon_cmd_b", 0, "ComputerName", "WS1", "User", "ana");
    h.feed("recon_cmd_a", 10, "ComputerName", "WS1", "User", "ana");
    h.feed("recon_cmd_c", 20, "ComputerName", "WS1", "User", "ana");
    assertThat(h.out).isEmpty();
    assertThat(h.feed("recon_cmd_b", 30, "ComputerName", "WS1", "User", "ana")).isEmpty();
    assertThat(h.feed("recon_cmd_c", 40, "ComputerName", "WS1", "User", "ana")).hasSize(1);
  }

  @Test
  void valueSum_moreThanAMegabyteSentInAnHour() throws IOException {
    var h = load("value_sum.yml");
    h.feed("website_access", 0, "SourceIP", "10.1.1.1", "User", "ana", "bytes_sent", 500_000);
    h.feed("website_access", 1800, "SourceIP", "10.1.1.1", "User", "ana", "bytes_sent", 500_000);
    h.feed("website_access", 3601, "SourceIP", "10.1.1.1", "User", "ana", "bytes_sent", 500_000);
    assertThat(h.out).as("exactly 1,000,000 is not more, and the first left the hour").isEmpty();
    assertThat(
            h.feed("website_access", 3602, "SourceIP", "10.1.1.1", "User", "ana", "bytes_sent", 1))
        .hasSize(1);
  }

  @Test
  void valueAvg_averageAbove500BytesInADay() throws IOException {
    var h = load("value_avg.yml");
    h.feed("rule_a_id", 0, "SourceIP", "10.1.1.1", "User", "ana", "BytesOut", 400);
    h.feed("rule_a_id", 10, "SourceIP", "10.1.1.1", "User", "ana", "BytesOut", 600);
    assertThat(h.out).isEmpty();
    assertThat(h.feed("rule_a_id", 20, "SourceIP", "10.1.1.1", "User", "ana", "BytesOut", 502))
        .hasSize(1);
  }

  @Test
  void valuePercentile_aProcessNameRarerThanOnePercentOnAComputer() throws IOException {
    var h = load("value_percentile.yml");
    for (int i = 0; i < 150; i++) {
      h.feed("process_creation", i, "ComputerName", "WS1", "Image", "C:\\Windows\\explorer.exe");
    }
    assertThat(
            h.feed("process_creation", 200, "ComputerName", "WS1", "Image", "C:\\x\\AnyDesk.exe"))
        .hasSize(1);
    assertThat(
            h.feed("process_creation", 201, "ComputerName", "WS2", "Image", "C:\\x\\AnyDesk.exe"))
        .as("alone on WS2 it is 100% of that computer's processes")
        .isEmpty();
  }
}
