package org.unmask.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.flink.JobSettings;
import org.unmask.flink.wire.Fact;
import org.unmask.flink.wire.Publication;
import org.unmask.flink.wire.Wire;

/**
 * The Flink job reports risk at the end of the data as the fleet's clocks put it, like the scan:
 * a laptop whose clock is set years ahead does not age every finding of every person.
 */
class ConcludeClockTest {

  static final Instant T = Instant.parse("2026-03-10T12:00:00Z");

  private static StreamRecord<Fact> clock(String subject, Instant at) {
    return new StreamRecord<>(new Fact(Fact.CLOCK, at.toEpochMilli(), subject.getBytes(StandardCharsets.UTF_8)), at.toEpochMilli());
  }

  private static String riskOfP00001(boolean clockAhead) throws Exception {
    JobSettings settings = JobSettings.defaults(Path.of("../examples/demo")).withPublishEvery(Duration.ofHours(1));
    Finding kvm = new Finding("f-1", "unmask.test.kvm", "KVM", Severity.HIGH, List.of("T1219"), T,
        EntityRef.person("P00001"), 60, List.of(new SourceRef("events/x.jsonl", 1)), "a KVM on P00001's laptop");
    try (KeyedBroadcastOperatorTestHarness<Byte, Fact, org.unmask.flink.wire.ReferenceFile, Publication> h =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new Conclude(settings), f -> (byte) 0,
            Types.BYTE, LiveReference.FILES)) {
      h.processBroadcastWatermark(Long.MAX_VALUE);
      h.processElement(new StreamRecord<>(new Fact(Fact.FINDING, T.toEpochMilli(), Wire.finding(kvm)), T.toEpochMilli()));
      for (int i = 1; i <= 6; i++) {
        h.processElement(clock("s|person:P0000" + i, T.plusSeconds(60)));
      }
      if (clockAhead) {
        h.processElement(clock("s|person:P00007", Instant.parse("2031-01-01T00:00:00Z")));
      }
      h.processWatermark(Long.MAX_VALUE);
      return h.extractOutputValues().stream()
          .filter(p -> p.topic.equals("persons") && p.value != null && p.value.contains("\"person_id\":\"P00001\""))
          .reduce((a, b) -> b).map(p -> p.value.replaceAll(".*\"risk_score\":([0-9.]+).*", "$1")).orElseThrow();
    }
  }

  @Test
  void aSubjectWhoseClockRunsYearsAhead_doesNotAgeEveryonesFindings() throws Exception {
    String agreed = riskOfP00001(false);
    assertThat(Double.parseDouble(agreed)).isGreaterThan(10);
    assertThat(riskOfP00001(true)).isEqualTo(agreed);
  }
}
