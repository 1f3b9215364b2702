package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;

/**
 * Splitting a partition by the event id its rules require, exact literals for short whole values
 * and clauses distributed over {@code or} never change what matches.
 */
class PartitionTest {

  private static final String[] REQUIREMENTS = {
    "EventID: 1", "EventID: 3", "EventID:\n            - 4\n            - 16", "EventID: 'Abc'", "EventID: 8192",
    "EventID: 70000", "EventID: -1",
    "EventID|contains: '1'", "EventID|neq: 3", "Other: 'x'", "", "Port: 88", "Port:\n            - 25\n            - 'x'",
    "Flag|cased: 'Ab'", "Flag: 'AB'"};
  private static final String[] TESTS = {
    "CommandLine|contains: 'powershell'", "CommandLine|endswith: '.exe'", "CommandLine|contains: 'mimikatz'",
    "CommandLine|re: 'p.w'", "- CommandLine|contains: 'powershell'\n          Image|endswith: '\\cmd.exe'\n        - CommandLine|contains: 'mimikatz'",
    "- Port: 88\n          Image|endswith: 'a.exe'\n        - Flag: 'ab'\n          CommandLine|contains: 'nothing'"};
  // numbers are found by number below 8,192 and by text above or below zero: both ways must agree
  private static final Object[] EVENT_IDS = {1L, 3L, 4L, 16L, "1", "abc", "ABC", 7L, List.of(1L, 3L), List.of("x"), null,
      "16", 16.0, -1L, 8192L, 70_000L};
  private static final Object[] PORTS = {88L, "88", 25L, "x", "X", 880L, List.of(25L, 88L), null};
  private static final String[] FLAGS = {"Ab", "ab", "AB", "abc"};
  private static final String[] IMAGES = {"C:\\Windows\\cmd.exe", "C:\\a.exe", "c:\\CMD.EXE"};
  private static final String[] COMMAND_LINES = {
    "powershell -enc x", "C:\\a.exe", "mimikatz.exe", "pOw", "nothing", "cmd /c POWERSHELL.EXE"};

  @Test
  void splitMatching_agreesWithEvaluatingEveryRule_onRandomRulesAndEvents() {
    Random random = new Random(42);
    int matched = 0;
    for (int set = 0; set < 60; set++) {
      StringBuilder yaml = new StringBuilder();
      int rules = 4 + random.nextInt(12);
      for (int r = 0; r < rules; r++) {
        String requirement = REQUIREMENTS[random.nextInt(REQUIREMENTS.length)];
        String test = TESTS[random.nextInt(TESTS.length)];
        yaml.append(r == 0 ? "" : "---\n").append("title: rule ").append(r).append("\nid: ")
            .append(String.format("%08d-2222-4333-8444-555555555555", r))
            .append("\nlogsource:\n    product: test\ndetection:\n    s:\n        ").append(test);
        if (!requirement.isEmpty()) {
          yaml.append("\n    g:\n        ").append(requirement).append("\n    condition: s and g\n");
        } else {
          yaml.append("\n    condition: s\n");
        }
      }
      List<LoadProblem> problems = new ArrayList<>();
      SigmaRuleSet ruleSet = SigmaRuleSet.parse(yaml.toString(), "r.yml", Pipeline.named("none"), SigmaConfig.defaults(), problems::add);
      assertThat(problems).as(yaml.toString()).noneMatch(LoadProblem::isError);
      assertThat(ruleSet.rules()).hasSize(rules);
      for (int e = 0; e < 120; e++) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("CommandLine", COMMAND_LINES[random.nextInt(COMMAND_LINES.length)]);
        fields.put("Image", IMAGES[random.nextInt(IMAGES.length)]);
        if (random.nextBoolean()) {
          fields.put("Port", PORTS[random.nextInt(PORTS.length)]);
        }
        if (random.nextBoolean()) {
          fields.put("Flag", FLAGS[random.nextInt(FLAGS.length)]);
        }
        int id = random.nextInt(EVENT_IDS.length + 1);
        if (id < EVENT_IDS.length) {
          fields.put("EventID", EVENT_IDS[id]);
        }
        Event event = SigmaTesting.event(fields.entrySet().stream().flatMap(x -> java.util.stream.Stream.of(x.getKey(), x.getValue())).toArray());
        List<String> split = ruleSet.matches(event).stream().map(m -> m.rule().id() + "/" + m.rule().name()).sorted().toList();
        List<String> every = ruleSet.matchesWithoutIndex(event).stream().sorted().toList();
        assertThat(split).as("rules:%n%s%nevent %s", yaml, fields).isEqualTo(every);
        matched += split.size();
      }
    }
    assertThat(matched).isGreaterThan(500);
  }

  @Test
  void anEventWithSeveralIds_meetsTheRulesOfEach_andOneWithoutIdOnlyTheFreeRules() {
    String yaml = rule(1, "EventID: 1") + "---\n" + rule(2, "EventID: 3") + "---\n" + rule(3, "EventID: 6") + "---\n" + rule(4, "");
    SigmaRuleSet rules = SigmaRuleSet.parse(yaml, "r.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    assertThat(titles(rules, SigmaTesting.event("CommandLine", "evil", "EventID", List.of(1L, 3L)))).containsExactly("rule 1", "rule 2", "rule 4");
    assertThat(titles(rules, SigmaTesting.event("CommandLine", "evil"))).containsExactly("rule 4");
    assertThat(titles(rules, SigmaTesting.event("CommandLine", "evil", "EventID", 9L))).containsExactly("rule 4");
    assertThat(titles(rules, SigmaTesting.event("CommandLine", "evil", "EventID", "6"))).containsExactly("rule 3", "rule 4");
  }

  @Test
  void exactValues_areReadOnlyFromCaseInsensitiveWholeValueTests_onTheAndSpine() {
    String yaml = "title: t\nid: 71111111-2222-4333-8444-555555555555\nlogsource:\n    product: test\ndetection:\n"
        + "    a:\n        EventID:\n            - 1\n            - 'Two'\n    b:\n        Image|endswith: '.exe'\n"
        + "    c:\n        EventID: 1\n        User|contains: 'x'\n    condition: a and (b or c)\n";
    SigmaRuleSet rules = SigmaRuleSet.parse(yaml, "r.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    Map<Integer, java.util.Set<String>> required = new HashMap<>();
    rules.forEachRoot(root -> required.putAll(ExactValues.requiredBySlot(root)));
    assertThat(required.values()).containsExactly(new java.util.LinkedHashSet<>(Arrays.asList("1", "two")));
  }

  private static String rule(int n, String requirement) {
    return "title: rule " + n + "\nid: " + String.format("%08d-2222-4333-8444-555555555555", n)
        + "\nlogsource:\n    product: test\ndetection:\n    s:\n        CommandLine: 'evil'\n"
        + (requirement.isEmpty() ? "    condition: s\n" : "    g:\n        " + requirement + "\n    condition: s and g\n");
  }

  private static List<String> titles(SigmaRuleSet rules, Event event) {
    List<String> out = new ArrayList<>();
    rules.matches(event).forEach(m -> out.add(m.rule().title()));
    return out;
  }
}
