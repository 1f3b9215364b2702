package org.unmask.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.unmask.flink.JobSettings;
import org.unmask.flink.wire.Publication;
import org.unmask.flink.wire.RawLine;
import org.unmask.flink.wire.ReferenceFile;
import org.unmask.flink.wire.Routed;

/**
 * A live event dated days after its producer sent it comes from a clock set ahead: the job rejects
 * it, with its reason, as the server rejects one dated ahead of its own clock; within the bound,
 * with the bound off, and from a record with no time of its own, events are judged as before.
 */
class IngestDaysAheadTest {

  private static final Path DEMO = Path.of("../examples/demo");
  private static final long SENT = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

  private static RawLine signIn(long line, String timestamp) {
    return new RawLine("events/idp.jsonl", line, ("{\"@timestamp\":\"" + timestamp + "\",\"event.dataset\":\"idp.signin\","
        + "\"user.email\":\"someone@acme-corp.com\",\"host.id\":\"h-1\",\"source.ip\":\"10.1.2.3\"}")
        .getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the event went on to the judges (one copy to the rules at least), and what was rejected. */
  private record Outcome(boolean judged, List<String> rejected) {}

  private static Outcome ingest(JobSettings settings, RawLine line, long recordTime) throws Exception {
    try (BroadcastOperatorTestHarness<RawLine, ReferenceFile, Routed> h =
        ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new Ingest(settings), LiveReference.FILES)) {
      h.processElement(line, recordTime);
      var rejected = h.getSideOutput(Ingest.REJECTED);
      List<String> reasons = rejected == null ? List.of()
          : rejected.stream().map(r -> ((Publication) r.getValue()).value).toList();
      return new Outcome(h.extractOutputValues().stream().anyMatch(r -> r.key.startsWith(Ingest.RULES)), reasons);
    }
  }

  @Test
  void anEventDatedThreeDaysAfterItWasSent_isRejectedWithItsReason() throws Exception {
    Outcome o = ingest(JobSettings.defaults(DEMO), signIn(7, "2026-03-05T10:00:01Z"), SENT);
    assertThat(o.judged()).isFalse();
    assertThat(o.rejected()).singleElement().asString()
        .contains("\"line\":7", "more than 2 days after the Kafka record's time", "--max-days-ahead");
  }

  @Test
  void withinTheBound_withTheBoundOff_orFromARecordWithoutTime_theEventIsJudged() throws Exception {
    assertThat(ingest(JobSettings.defaults(DEMO), signIn(1, "2026-03-04T09:00:00Z"), SENT))
        .as("a day and 23 hours ahead").isEqualTo(new Outcome(true, List.of()));
    assertThat(ingest(JobSettings.defaults(DEMO).withMaxDaysAhead(0), signIn(2, "2031-03-05T10:00:00Z"), SENT))
        .as("no bound").isEqualTo(new Outcome(true, List.of()));
    assertThat(ingest(JobSettings.defaults(DEMO), signIn(3, "2031-03-05T10:00:00Z"), 0))
        .as("a record stamped 1970 tells nothing of when it was sent").isEqualTo(new Outcome(true, List.of()));
    assertThat(ingest(JobSettings.defaults(DEMO).withMaxDaysAhead(30), signIn(4, "2026-03-20T10:00:00Z"), SENT))
        .as("a wider bound").isEqualTo(new Outcome(true, List.of()));
  }
}
