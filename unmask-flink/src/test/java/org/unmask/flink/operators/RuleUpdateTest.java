package org.unmask.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
 * Detection content updates reach a running job: a Sigma rule sent on {@code P.reference} under
 * {@code rules/} (with the manifest naming it) is compiled by the engine's loader and fires on the
 * next events; a rule file that does not load is refused and the rules in use stay.
 */
class RuleUpdateTest {

  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  private static final String KEY = "s|device:h-1";
  /** A custom rule over a fictional tool, which no shipped rule knows. */
  static final String RULE = """
      title: Fictional exfiltration tool
      id: 6f1c2a8e-7d3b-4c1e-9f00-2b8e5d7c1a01
      status: experimental
      logsource:
        category: process_creation
      detection:
        selection:
          process.name: exfil-o-matic.exe
        condition: selection
      level: high
      tags:
        - attack.exfiltration
        - attack.t1048
      """;

  /** An exfil-o-matic.exe start on host h-1, as Ingest routes it to the rules. */
  static Routed process(Instant at, long line) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("@timestamp", at.toString());
    fields.put("event.dataset", "endpoint.process");
    fields.put("host.id", "h-1");
    fields.put("process.name", "exfil-o-matic.exe");
    return new Routed(KEY, at.toEpochMilli(),
        Wire.event(new Event(at, "endpoint.process", fields, new SourceRef("events/process.jsonl", line))));
  }

  private static List<String> firedRules(KeyedBroadcastOperatorTestHarness<String, Routed, ReferenceFile, Fact> h) {
    return h.extractOutputValues().stream().filter(f -> f.kind == Fact.FINDING)
        .map(f -> Wire.finding(f.body).ruleId()).toList();
  }

  /** A rule file on the reference stream, with the manifest naming it. */
  static void send(KeyedBroadcastOperatorTestHarness<String, Routed, ReferenceFile, Fact> h, String path,
      String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    h.processBroadcastElement(new ReferenceFile(path, bytes), 0);
    h.processBroadcastElement(new ReferenceFile(LiveReference.MANIFEST,
        (LiveReference.sha256(bytes) + "  " + path + "\n").getBytes(StandardCharsets.UTF_8)), 0);
  }

  @Test
  void aRuleSentOnTheReferenceStream_firesOnLaterEvents_andABrokenOneIsRefused() throws Exception {
    JobSettings settings = JobSettings.defaults(Path.of("../examples/demo"));
    try (KeyedBroadcastOperatorTestHarness<String, Routed, ReferenceFile, Fact> h =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new Judge(settings), r -> r.key, Types.STRING,
            LiveReference.FILES)) {
      h.processBroadcastWatermark(Long.MAX_VALUE);
      h.processElement(new StreamRecord<>(process(T, 1)));
      h.processWatermark(T.plusSeconds(120).toEpochMilli());
      assertThat(firedRules(h)).as("no rule knows the tool yet").isEmpty();

      send(h, "rules/custom/exfil-o-matic.yml", RULE);
      h.processElement(new StreamRecord<>(process(T.plusSeconds(600), 2)));
      h.processWatermark(T.plusSeconds(900).toEpochMilli());
      assertThat(firedRules(h)).containsExactly("6f1c2a8e-7d3b-4c1e-9f00-2b8e5d7c1a01");

      send(h, "rules/custom/broken.yml", "title: broken\ndetection:\n  condition: selection and nope\n");
      h.processElement(new StreamRecord<>(process(T.plusSeconds(86_400), 3))); // a new day: reportable again
      h.processWatermark(T.plusSeconds(86_400 + 300).toEpochMilli());
      assertThat(firedRules(h)).as("the rules in use stay when a new set does not load")
          .containsExactly("6f1c2a8e-7d3b-4c1e-9f00-2b8e5d7c1a01", "6f1c2a8e-7d3b-4c1e-9f00-2b8e5d7c1a01");
    }
  }

  @Test
  void rulePathsAreAcceptedOnlyUnderRulesAsYaml() {
    assertThat(LiveReference.acceptable("rules/custom/a.yml")).isTrue();
    assertThat(LiveReference.acceptable("rules/a.yaml")).isTrue();
    assertThat(LiveReference.acceptable("rules/Windows/A.YML")).as("any case, as the scan loads them").isTrue();
    assertThat(LiveReference.acceptable("rules/../people.csv")).isFalse();
    assertThat(LiveReference.acceptable("rules/a.sh")).isFalse();
    assertThat(LiveReference.acceptable("/etc/rules/a.yml")).isFalse();
  }
}
