package org.unmask.detect.sigma.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/**
 * Test support: compiles correlation YAML and feeds it base matches, collecting what it reports.
 * Times are seconds after a fixed origin; each match gets the next line of {@code events.jsonl}.
 */
final class CorrelationHarness {

  static final Instant T0 = Instant.parse("2026-05-04T14:00:00Z");

  final CorrelationEngine engine;
  final MapStateProvider state = new MapStateProvider();
  final List<CorrelationMatch> out = new ArrayList<>();
  private long line;

  private CorrelationHarness(
      List<CorrelationRule> rules, List<RuleRef> known, CorrelationEngine.Limits limits) {
    this.engine = CorrelationEngine.compile(rules, known, state, limits);
  }

  /** Compiles every correlation in the YAML; detection documents in it become the known rules. */
  static CorrelationHarness of(String yaml) {
    return of(yaml, CorrelationEngine.Limits.DEFAULT);
  }

  static CorrelationHarness of(String yaml, CorrelationEngine.Limits limits) {
    List<RuleRef> known = YamlDocs.baseRules(yaml);
    return new CorrelationHarness(
        YamlDocs.correlations(yaml, "mr_test.yml"), known.isEmpty() ? null : known, limits);
  }

  /** Feeds a match of the rule with this name (no id) at {@code seconds}; returns what fired. */
  List<CorrelationMatch> feed(String ruleName, double seconds, Object... fields) {
    return feedRule(null, ruleName, seconds, fields);
  }

  List<CorrelationMatch> feedRule(
      String ruleId, String ruleName, double seconds, Object... fields) {
    int before = out.size();
    engine.onMatch(ruleId, ruleName, event(seconds, fields), out::add);
    return List.copyOf(out.subList(before, out.size()));
  }

  Event event(double seconds, Object... fields) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      map.put((String) fields[i], fields[i + 1]);
    }
    Instant at = T0.plusMillis(Math.round(seconds * 1000));
    return new Event(at, "test", map, new SourceRef("events.jsonl", ++line));
  }

  static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }
}
