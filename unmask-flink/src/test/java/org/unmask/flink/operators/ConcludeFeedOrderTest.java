package org.unmask.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;
import org.unmask.flink.JobSettings;
import org.unmask.flink.SigninRules;
import org.unmask.flink.wire.Fact;
import org.unmask.flink.wire.Publication;
import org.unmask.flink.wire.ReferenceFile;
import org.unmask.flink.wire.Wire;

/**
 * Conclude correlates the matches the judges feed it in event-time order, whichever judge subtask
 * sends its minute first: it waits until every judge has sent that minute, which is when the
 * watermark passes the end of the minute (a judge sends a minute's feeds at its timer for it).
 */
class ConcludeFeedOrderTest {

  @TempDir Path dir;

  static final String CORR = """
      title: Two sign-ins from one address
      id: 9a1c2a8e-7d3b-4c1e-9f00-2b8e5d7c1a04
      correlation:
        type: event_count
        rules:
          - successful_signin
        group-by:
          - source.ip
        timespan: 1h
        condition:
          gte: 2
      level: medium
      """;

  static Event signin(Instant at, String host, long line) {
    Map<String, Object> f = new HashMap<>();
    f.put("@timestamp", at.toString());
    f.put("event.dataset", "idp.signin");
    f.put("event.outcome", "success");
    f.put("source.ip", "203.0.113.7");
    f.put("host.id", host);
    return new Event(at, "idp.signin", f, new SourceRef("events/signin.jsonl", line));
  }

  /** A feed as a judge sends it: from its timer at the end of the event's minute. */
  static StreamRecord<Fact> feed(Event e) {
    return new StreamRecord<>(new Fact(Fact.FEED, e.timestamp().toEpochMilli(),
        Wire.fed("8a1c2a8e-7d3b-4c1e-9f00-2b8e5d7c1a03", "successful_signin", e)), Judge.bucketOf(e.timestamp().toEpochMilli()));
  }

  List<String> run(boolean interleaved) throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules" + interleaved));
    Files.writeString(rules.resolve("base.yml"), SigninRules.SUCCESSFUL_SIGNIN);
    Files.writeString(rules.resolve("corr.yml"), CORR);
    JobSettings settings = JobSettings.defaults(Path.of("../examples/demo"))
        .withRules(List.of(rules.toString()), true).withPublishEvery(Duration.ofHours(1));
    Instant hour = Instant.parse("2026-03-02T11:00:00Z");
    Event early = signin(hour.plusSeconds(10), "h-b", 1); // judged by subtask B
    Event later = signin(hour.plusSeconds(25), "h-a", 2); // judged by subtask A
    try (KeyedBroadcastOperatorTestHarness<Byte, Fact, ReferenceFile, Publication> h =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new Conclude(settings), f -> (byte) 0,
            Types.BYTE, LiveReference.FILES)) {
      h.processBroadcastWatermark(Long.MAX_VALUE);
      h.processWatermark(hour.minusSeconds(60).toEpochMilli());
      // any fact of the previous hour (here a judge's clock) holds the 11:00 publication timer
      h.processElement(new StreamRecord<>(new Fact(Fact.CLOCK, hour.minusSeconds(10).toEpochMilli(), new byte[0])));
      if (interleaved) {
        // A's watermark passed 11:00:59.999: A emitted its 11:00 minute. B's is at 11:00:30,
        // its 11:00 minute is still pending. Conclude sees min(A, B) = 11:00:30.
        h.processElement(feed(later));
        h.processWatermark(hour.plusSeconds(30).toEpochMilli());
        h.processElement(feed(early)); // B closes its minute later
      } else {
        h.processElement(feed(early));
        h.processElement(feed(later));
      }
      h.processWatermark(Long.MAX_VALUE);
      return h.extractOutputValues().stream()
          .filter(p -> p.topic.equals("findings") && p.value != null && p.value.contains("9a1c2a8e"))
          .map(p -> p.value).distinct().toList();
    }
  }

  @Test
  void sameFeeds_sameFindings_whateverTheSubtaskInterleaving() throws Exception {
    List<String> inOrder = run(false);
    assertThat(inOrder).as("the correlation fires on the later sign-in").singleElement()
        .satisfies(f -> assertThat(f).contains("\"id\":\"h-a\"").contains("11:00:25Z"));
    assertThat(run(true)).isEqualTo(inOrder);
  }
}
