package org.unmask.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.unmask.flink.JobSettings;
import org.unmask.flink.wire.RawLine;
import org.unmask.flink.wire.ReferenceFile;
import org.unmask.flink.wire.Routed;

/**
 * Reference updates reach a running job: once a new people.csv and the manifest naming it arrive
 * on the broadcast stream, an event about a new hire is judged as being about that person, not an
 * unknown device; a file alone (its set possibly incomplete) is not applied, and a path outside the
 * contract is ignored.
 */
class ReferenceUpdateTest {

  private static final Path DEMO = Path.of("../examples/demo");
  private static final byte[] LINE = ("{\"@timestamp\":\"2026-03-02T10:00:00Z\",\"event.dataset\":\"idp.signin\","
      + "\"user.email\":\"new.hire@acme-corp.com\",\"host.id\":\"h-unknown\",\"source.ip\":\"10.1.2.3\"}")
      .getBytes(StandardCharsets.UTF_8);

  private static List<String> ruleKeys(BroadcastOperatorTestHarness<RawLine, ReferenceFile, Routed> h) {
    return h.extractOutputValues().stream().map(r -> r.key).filter(k -> k.startsWith(Ingest.RULES)).toList();
  }

  @Test
  void aNewRosterApplies_toEventsJudgedAfterIt() throws Exception {
    String people = Files.readString(DEMO.resolve("people.csv"));
    String hired = people + (people.endsWith("\n") ? "" : "\n")
        + "P99999,New Hire,new.hire@acme-corp.com,,,2026-03-01,,Engineer,Engineering,,,,,,US,America/New_York,,\n";
    try (BroadcastOperatorTestHarness<RawLine, ReferenceFile, Routed> h =
        ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new Ingest(JobSettings.defaults(DEMO)), LiveReference.FILES)) {
      h.processElement(new RawLine("events/idp.jsonl", 1, LINE), 0);
      assertThat(ruleKeys(h)).containsExactly("s|device:h-unknown");

      byte[] roster = hired.getBytes(StandardCharsets.UTF_8);
      h.processBroadcastElement(new ReferenceFile("../../people.csv", "x".getBytes(StandardCharsets.UTF_8)), 0);
      h.processBroadcastElement(new ReferenceFile("people.csv", roster), 0);
      h.processElement(new RawLine("events/idp.jsonl", 2, LINE), 0);
      assertThat(ruleKeys(h)).as("a file without its manifest is not applied: the set may be incomplete")
          .containsExactly("s|device:h-unknown", "s|device:h-unknown");

      String manifest = LiveReference.sha256(roster) + "  people.csv\n";
      h.processBroadcastElement(new ReferenceFile(LiveReference.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8)), 0);
      h.processElement(new RawLine("events/idp.jsonl", 3, LINE), 0);

      assertThat(ruleKeys(h)).containsExactly("s|device:h-unknown", "s|device:h-unknown", "s|person:P99999");
      List<String> kept = new java.util.ArrayList<>();
      h.getBroadcastState(LiveReference.FILES).immutableEntries().forEach(e -> kept.add(e.getKey()));
      assertThat(kept).containsExactlyInAnyOrder("people.csv", LiveReference.MANIFEST);
    }
  }

  @Test
  void aThreatIntelligenceFeed_travelsWithTheSet_likeTheCsvWatchlists() throws Exception {
    byte[] people = Files.readAllBytes(DEMO.resolve("people.csv"));
    byte[] feed = ("{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\","
        + "\"name\":\"kvm relay\",\"pattern\":\"[domain-name:value = 'kvm.example']\"}]}").getBytes(StandardCharsets.UTF_8);
    try (BroadcastOperatorTestHarness<RawLine, ReferenceFile, Routed> h =
        ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new Ingest(JobSettings.defaults(DEMO)), LiveReference.FILES)) {
      h.processBroadcastElement(new ReferenceFile("people.csv", people), 0);
      h.processBroadcastElement(new ReferenceFile("watchlists/intel.json", feed), 0);
      String manifest = LiveReference.sha256(people) + "  people.csv\n" + LiveReference.sha256(feed) + "  watchlists/intel.json\n";
      h.processBroadcastElement(new ReferenceFile(LiveReference.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8)), 0);
      List<String> kept = new java.util.ArrayList<>();
      h.getBroadcastState(LiveReference.FILES).immutableEntries().forEach(e -> kept.add(e.getKey()));
      assertThat(kept).containsExactlyInAnyOrder("people.csv", "watchlists/intel.json", LiveReference.MANIFEST);
    }
  }
}
