package org.unmask.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;
import org.unmask.flink.JobSettings;
import org.unmask.flink.wire.Fact;
import org.unmask.flink.wire.ReferenceFile;
import org.unmask.flink.wire.Routed;
import org.unmask.flink.wire.Wire;

/**
 * Event time in the judge, driven by hand: an event waits for the watermark to pass its minute, one within the
 * allowed lateness is judged at once, and one beyond it goes to the late output, never silently
 * away.
 */
class JudgeLatenessTest {

  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  private static final String KEY = "s|person:p-1";

  private static Routed routed(Instant at, long line) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("@timestamp", at.toString());
    fields.put("event.dataset", "endpoint.process");
    fields.put("host.id", "h-1");
    fields.put("process.name", "notepad.exe");
    return new Routed(KEY, at.toEpochMilli(),
        Wire.event(new Event(at, "endpoint.process", fields, new SourceRef("events/late.jsonl", line))));
  }

  private static List<Long> clocks(KeyedBroadcastOperatorTestHarness<String, Routed, ReferenceFile, Fact> h) {
    return h.extractOutputValues().stream().filter(f -> f.kind == Fact.CLOCK).map(f -> f.timestamp).toList();
  }

  @Test
  void eventsWaitForTheWatermark_lateOnesAreJudgedOrRouted() throws Exception {
    JobSettings settings = JobSettings.defaults(Path.of("../examples/demo"));
    try (KeyedBroadcastOperatorTestHarness<String, Routed, ReferenceFile, Fact> h =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new Judge(settings), r -> r.key, Types.STRING,
            LiveReference.FILES)) {
      h.processBroadcastWatermark(Long.MAX_VALUE); // reference updates never hold event time back
      h.processWatermark(T.toEpochMilli());

      h.processElement(new StreamRecord<>(routed(T.plusSeconds(1800), 1)));
      assertThat(clocks(h)).as("an event ahead of the watermark waits").isEmpty();

      h.processElement(new StreamRecord<>(routed(T.minusSeconds(1800), 2)));
      assertThat(clocks(h)).as("30 minutes late, within the hour allowed: judged at once")
          .containsExactly(T.minusSeconds(1800).toEpochMilli());

      h.processElement(new StreamRecord<>(routed(T.minusSeconds(7200), 3)));
      assertThat(h.getSideOutput(Judge.LATE)).singleElement().satisfies(r -> {
        assertThat(r.getValue().key).isEqualTo("events/late.jsonl:3");
        assertThat(r.getValue().value).contains("\"reason\":\"later than the allowed lateness; not judged\"");
      });
      assertThat(clocks(h)).hasSize(1);

      h.processWatermark(T.plusSeconds(1800).toEpochMilli());
      assertThat(clocks(h)).as("its minute is still open").hasSize(1);
      h.processWatermark(T.plusSeconds(1860).toEpochMilli());
      assertThat(clocks(h)).as("the waiting event is judged when the watermark passes its minute")
          .containsExactly(T.minusSeconds(1800).toEpochMilli(), T.plusSeconds(1800).toEpochMilli());
    }
  }
}
