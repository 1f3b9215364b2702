package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.detect.sigma.correlation.CorrelationEngine;
import org.unmask.detect.sigma.correlation.CorrelationMatch;
import org.unmask.detect.sigma.correlation.MapStateProvider;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/** A correlation's group-by and fields are Sigma names, read the way its rules' pipeline maps them. */
class CorrelationPipelineTest {

  static final String RULES = """
      title: Failed logon
      id: 0a1b2c3d-0000-4000-8000-000000000001
      name: failed_logon
      logsource: {product: windows, service: security}
      detection:
        selection: {EventID: 4625}
        condition: selection
      ---
      title: Password guessing
      id: 0a1b2c3d-0000-4000-8000-000000000002
      correlation:
        type: event_count
        rules: [failed_logon]
        group-by: [TargetUserName]
        timespan: 10m
        condition: {gte: 3}
      ---
      title: Many users from one workstation
      id: 0a1b2c3d-0000-4000-8000-000000000003
      correlation:
        type: value_count
        rules: [failed_logon]
        group-by: [WorkstationName]
        timespan: 10m
        condition: {field: TargetUserName, gte: 2}
      """;

  private static List<CorrelationMatch> run(String pipeline, List<String> lines) throws IOException {
    SigmaRuleSet rules = SigmaRuleSet.parse(RULES, "r.yml", Pipeline.named(pipeline), SigmaConfig.defaults(), p -> {
      if (p.isError()) {
        throw new AssertionError(p.toString());
      }
    });
    CorrelationEngine engine = rules.correlations(new MapStateProvider(), p -> {
      throw new AssertionError(p.toString());
    });
    List<CorrelationMatch> out = new ArrayList<>();
    long n = 0;
    for (String line : lines) {
      Event e = JsonEvents.toEvent(JsonEvents.parse(line), new SourceRef("e.jsonl", ++n));
      rules.match(e, m -> engine.onMatch(m.rule().id(), m.rule().name(), e, out::add));
    }
    return out;
  }

  @Test
  void groupByAndConditionFields_readThroughTheEvtxAndWinlogbeatPipelines() throws IOException {
    List<String> evtx = new ArrayList<>();
    List<String> winlogbeat = new ArrayList<>();
    String[] users = {"alice", "alice", "alice", "bob"};
    for (int i = 0; i < users.length; i++) {
      String time = "2026-05-04T10:0" + i + ":00Z";
      evtx.add("{\"Event\":{\"System\":{\"EventID\":4625,\"Channel\":\"Security\",\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\""
          + time + "\"}}},\"EventData\":{\"TargetUserName\":\"" + users[i] + "\",\"WorkstationName\":\"WS7\"}}}");
      winlogbeat.add("{\"@timestamp\":\"" + time + "\",\"winlog\":{\"channel\":\"Security\",\"event_id\":4625,"
          + "\"event_data\":{\"TargetUserName\":\"" + users[i] + "\",\"WorkstationName\":\"WS7\"}}}");
    }
    for (List<String> lines : List.of(evtx, winlogbeat)) {
      List<CorrelationMatch> fired = run(lines == evtx ? "evtx" : "winlogbeat", lines);
      assertThat(fired).extracting(CorrelationMatch::title).containsExactlyInAnyOrder("Password guessing", "Many users from one workstation");
      assertThat(fired).filteredOn(m -> m.title().equals("Password guessing")).singleElement()
          .satisfies(m -> assertThat(m.groupBy()).containsEntry("TargetUserName", "alice"));
    }
  }
}
