package org.unmask.detect.sigma;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/** Builds one-rule sets and events for the Sigma tests. */
final class SigmaTesting {

  private SigmaTesting() {}

  static final String HEADER = "title: t\nid: 7f7b3c8e-2b1c-4c1e-9a51-0c6f0f7d8e11\nlogsource:\n  product: test\nlevel: low\ndetection:\n";

  /** A rule from its detection section (indented by four spaces under 'detection:'). */
  static SigmaRuleSet rule(String detection) {
    return rule(detection, SigmaConfig.defaults());
  }

  static SigmaRuleSet rule(String detection, SigmaConfig config) {
    List<LoadProblem> errors = new ArrayList<>();
    SigmaRuleSet set = SigmaRuleSet.parse(HEADER + detection, "test.yml", Pipeline.named("none"), config,
        p -> { if (p.isError()) errors.add(p); });
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(errors.toString());
    }
    return set;
  }

  static List<LoadProblem> problems(String yaml) {
    List<LoadProblem> problems = new ArrayList<>();
    SigmaRuleSet.parse(yaml, "rules/x.yml", Pipeline.named("none"), SigmaConfig.defaults(), problems::add);
    return problems;
  }

  static Event event(Object... keyValues) {
    Map<String, Object> fields = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], keyValues[i + 1]);
    }
    return event(fields);
  }

  /** An event with these fields, as given: their order, and null values (present, null) kept. */
  static Event event(Map<String, Object> fields) {
    return new Event(Instant.EPOCH, "test", fields, new SourceRef("test.jsonl", 1));
  }

  static boolean fires(SigmaRuleSet rules, Event event) {
    return !rules.matches(event).isEmpty();
  }
}
