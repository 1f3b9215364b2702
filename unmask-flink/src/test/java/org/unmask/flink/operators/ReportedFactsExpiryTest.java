package org.unmask.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.unmask.detect.sigma.SigmaEventRules;
import org.unmask.flink.JobSettings;
import org.unmask.flink.wire.Fact;
import org.unmask.flink.wire.ReferenceFile;
import org.unmask.flink.wire.Routed;
import org.unmask.flink.wire.Wire;

/**
 * The judges' "already reported today" facts live in keyed state with a time-to-live, so a job
 * that runs for months does not keep every fact of every entity it ever judged.
 */
class ReportedFactsExpiryTest {

  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  private static List<Long> firedLines(KeyedBroadcastOperatorTestHarness<String, Routed, ReferenceFile, Fact> h) {
    return h.extractOutputValues().stream().filter(f -> f.kind == Fact.FINDING)
        .map(f -> Wire.finding(f.body).evidence().get(0).line()).toList();
  }

  @Test
  void aReportedFact_expiresAfterTheDaysTheEngineKeeps_andTheRuleMayReportAgain() throws Exception {
    JobSettings settings = JobSettings.defaults(Path.of("../examples/demo"));
    try (KeyedBroadcastOperatorTestHarness<String, Routed, ReferenceFile, Fact> h =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new Judge(settings), r -> r.key, Types.STRING,
            LiveReference.FILES)) {
      h.processBroadcastWatermark(Long.MAX_VALUE);
      RuleUpdateTest.send(h, "rules/custom/exfil.yml", RuleUpdateTest.RULE);

      h.processElement(new StreamRecord<>(RuleUpdateTest.process(T, 1)));
      h.processElement(new StreamRecord<>(RuleUpdateTest.process(T.plusSeconds(60), 2)));
      h.processWatermark(T.plusSeconds(300).toEpochMilli());
      assertThat(firedLines(h)).as("once that day").containsExactly(1L);

      h.setStateTtlProcessingTime(Duration.ofDays(SigmaEventRules.REPORTED_DAYS_KEPT).plusHours(1).toMillis());
      h.processElement(new StreamRecord<>(RuleUpdateTest.process(T.plusSeconds(600), 3)));
      h.processWatermark(T.plusSeconds(900).toEpochMilli());
      assertThat(firedLines(h)).as("the fact expired: reported again").containsExactly(1L, 3L);
    }
  }
}
