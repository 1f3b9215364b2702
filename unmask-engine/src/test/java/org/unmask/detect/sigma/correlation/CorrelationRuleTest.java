package org.unmask.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unmask.event.Severity;

class CorrelationRuleTest {

  static final Path SPEC =
      Path.of(System.getProperty("unmask.shared", "../../shared"), "data/sigma-specification");

  static CorrelationRule parse(String yaml) {
    YamlDocs.Doc doc = YamlDocs.load(yaml).get(0);
    return CorrelationRule.parse(doc.map(), "rules/mr_test.yml", doc.line());
  }

  static List<String> problems(String yaml) {
    CorrelationRuleException e =
        catchThrowableOfType(CorrelationRuleException.class, () -> parse(yaml));
    assertThat(e).as("expected the rule to be rejected").isNotNull();
    return e.problems().stream().map(CorrelationProblem::toString).toList();
  }

  @Test
  void parse_readsEverySpecificationTestCorrelation() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SPEC.resolve("tests"))) {
      files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    }
    int correlations = 0;
    for (Path file : files) {
      correlations += YamlDocs.correlations(Files.readString(file), file.toString()).size();
    }
    assertThat(correlations).isEqualTo(8);
  }

  @Test
  void parse_readsTheSpecificationTestsWithTheirMeaning() throws IOException {
    Path dir = SPEC.resolve("tests/schema/correlation");
    CorrelationRule count = one(dir.resolve("event_count.yml"));
    assertThat(count.type()).isEqualTo(CorrelationType.EVENT_COUNT);
    assertThat(count.id()).isEqualTo("0e95725d-7320-415d-80f7-004da920fc11");
    assertThat(count.rules()).containsExactly("5638f7c0-ac70-491d-8465-2a65075e0d86");
    assertThat(count.groupBy()).containsExactly("ComputerName");
    assertThat(count.timespan()).isEqualTo(Duration.ofHours(1));
    assertThat(count.condition().toString()).isEqualTo("gte 100");
    assertThat(count.generate()).isFalse();

    CorrelationRule values = one(dir.resolve("value_count.yml"));
    assertThat(values.condition().fields()).containsExactly("User");
    assertThat(values.timespan()).isEqualTo(Duration.ofDays(1));

    CorrelationRule ordered = one(dir.resolve("temporal_ordered.yml"));
    assertThat(ordered.condition().toString()).as("default: every rule").isEqualTo("gte 3");
    assertThat(ordered.key()).as("no id or name").endsWith("temporal_ordered.yml:1");

    assertThat(one(dir.resolve("value_sum.yml")).condition().toString()).isEqualTo("gt 1000000");
    assertThat(one(dir.resolve("value_avg.yml")).condition().fields()).containsExactly("BytesOut");
    assertThat(one(dir.resolve("value_percentile.yml")).condition().toString()).isEqualTo("lte 1");
  }

  @Test
  void parse_readsEveryCorrelationExampleInTheSpecificationText() throws IOException {
    String md =
        Files.readString(SPEC.resolve("specification/sigma-correlation-rules-specification.md"));
    Matcher block = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL).matcher(md);
    List<CorrelationRule> parsed = new ArrayList<>();
    while (block.find()) {
      String yaml = block.group(1);
      if (!yaml.contains("correlation:") || !yaml.contains("type:")) {
        continue; // fragments that only illustrate one key
      }
      // Some examples omit the title (or write a dash) to stay short; the rule is otherwise whole.
      for (YamlDocs.Doc doc : YamlDocs.load(yaml)) {
        if (CorrelationRule.isCorrelation(doc.map())) {
          var map = new java.util.LinkedHashMap<>(doc.map());
          map.putIfAbsent("title", "example");
          parsed.add(CorrelationRule.parse(map, "spec.md", doc.line()));
        }
      }
    }
    assertThat(parsed)
        .extracting(CorrelationRule::type)
        .containsExactly(
            CorrelationType.EVENT_COUNT,
            CorrelationType.VALUE_COUNT,
            CorrelationType.TEMPORAL,
            CorrelationType.TEMPORAL_ORDERED,
            CorrelationType.VALUE_SUM,
            CorrelationType.VALUE_AVG,
            CorrelationType.VALUE_PERCENTILE,
            CorrelationType.TEMPORAL,
            CorrelationType.TEMPORAL_ORDERED,
            CorrelationType.EVENT_COUNT);
    CorrelationRule aliased = parsed.get(7);
    assertThat(aliased.aliases().get("internal_ip"))
        .containsEntry("internal_error", "destination.ip")
        .containsEntry("new_network_connection", "source.ip");
  }

  @Test
  void parse_readsTheFullBruteForceExample_withLevelAndName() throws IOException {
    List<CorrelationRule> rules = YamlDocs.correlations(TestRules.bruteForceExample(), "mr.yml");
    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).level()).isEqualTo(Severity.HIGH);
    assertThat(rules.get(0).line()).isEqualTo(1);
    assertThat(rules.get(1).name()).isEqualTo("multiple_failed_login");
    assertThat(rules.get(1).line()).as("second document starts after ---").isGreaterThan(10);
  }

  @ParameterizedTest
  @CsvSource({
    "30s,PT30S",
    "90m,PT1H30M",
    "1h,PT1H",
    "7d,PT168H",
    "2w,PT336H",
    "1M,PT720H",
    "1y,PT8760H"
  })
  void timespan_acceptsSpecificationAndPySigmaUnits(String text, String expected) {
    assertThat(Timespan.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"1H", "10", "m", "0m", "-5m", "1.5h", "1 h", "5x", "99999999d", "2y"})
  void timespan_rejectsMalformedOrUnboundedValues(String text) {
    assertThat(Timespan.parse(text)).isNull();
  }

  @Test
  void parse_reportsEveryProblemTogether_withFileAndLine() {
    List<String> problems =
        problems(
            """
            # leading comment
            id: 1
            correlation:
              type: event_cont
              rules: [a]
              group_by: [User]
              timespan: 1H
              condition:
                gte: many
            level: severe
            """);
    assertThat(problems).allMatch(p -> p.startsWith("rules/mr_test.yml:2: "));
    assertThat(String.join("\n", problems))
        .contains("title is missing")
        .contains("unknown correlation type 'event_cont'; did you mean 'event_count'?")
        .contains("unknown key 'correlation.group_by'; did you mean 'group-by'?")
        .contains("timespan '1H'")
        .contains("condition.gte must be a number, not 'many'")
        .contains("level 'severe'")
        .contains("correlation.rules entry 'a' is too short");
  }

  @Test
  void parse_readsAMissingGroupByAsOneGroup_asSigmaV1AggregationsConvert() {
    CorrelationRule rule =
        parse(
            """
            title: t (v1 aggregation)
            correlation: {type: event_count, rules: [rule_a], timespan: 1h, condition: {gt: 10}}
            """);
    assertThat(rule.groupBy()).isEmpty();
  }

  @Test
  void parse_placesEachProblemOnItsKeysLine_whenTheLoaderKnowsTheLines() {
    YamlDocs.Doc doc =
        YamlDocs.load(rule("value_percentile", "{field: x, gt: 101}").replace("10m", "10 minutes"))
            .get(0);
    java.util.Map<String, Integer> lines =
        java.util.Map.of("correlation/timespan", 6, "correlation/condition/gt", 7);
    CorrelationRuleException e =
        catchThrowableOfType(
            CorrelationRuleException.class,
            () ->
                CorrelationRule.parse(doc.map(), "r.yml", 1, path -> lines.getOrDefault(path, 1)));
    assertThat(e.problems()).extracting(CorrelationProblem::line).containsExactly(6, 7);
    assertThat(e.problems().get(0).toString()).startsWith("r.yml:6: timespan '10 minutes'");
  }

  @Test
  void parse_requiresFieldForValueTypes_andRejectsItElsewhere() {
    assertThat(problems(rule("value_count", "gte: 3")))
        .anyMatch(p -> p.contains("needs condition.field"));
    assertThat(problems(rule("value_sum", "gt: 3")))
        .anyMatch(p -> p.contains("needs condition.field"));
    assertThat(problems(rule("event_count", "{gte: 3, field: User}")))
        .anyMatch(p -> p.contains("does not use condition.field"));
    assertThat(problems(rule("value_avg", "{gt: 3, field: [a, b]}")))
        .anyMatch(p -> p.contains("only value_count accepts a list"));
    assertThat(parse(rule("value_count", "{gte: 3, field: [User, Host]}")).condition().fields())
        .containsExactly("User", "Host");
  }

  @Test
  void parse_requiresConditionExceptForTemporalTypes() {
    assertThat(problems(rule("event_count", null))).anyMatch(p -> p.contains("needs a condition"));
    assertThat(parse(rule("temporal", null)).condition().toString()).isEqualTo("gte 2");
    assertThat(parse(rule("temporal", "gte: 1")).condition().toString()).isEqualTo("gte 1");
  }

  @Test
  void parse_rejectsPercentileOutside0To100_andFractionalCounts() {
    assertThat(problems(rule("value_percentile", "{gt: 101, field: x}")))
        .anyMatch(p -> p.contains("outside 0..100"));
    assertThat(problems(rule("value_percentile", "{lt: -1, field: x}")))
        .anyMatch(p -> p.contains("outside 0..100"));
    assertThat(problems(rule("event_count", "gte: 2.5")))
        .anyMatch(p -> p.contains("must be a whole number"));
    assertThat(parse(rule("value_avg", "{gt: 2.5, field: x}")).condition().test(2.6)).isTrue();
  }

  @Test
  void parse_acceptsRanges_andEveryOperator() {
    CorrelationCondition range = parse(rule("event_count", "{gt: 100, lte: 200}")).condition();
    assertThat(range.test(100)).isFalse();
    assertThat(range.test(101)).isTrue();
    assertThat(range.test(200)).isTrue();
    assertThat(range.test(201)).isFalse();
    assertThat(parse(rule("event_count", "eq: 3")).condition().test(3)).isTrue();
    assertThat(parse(rule("event_count", "neq: 3")).condition().test(3)).isFalse();
    assertThat(parse(rule("event_count", "lt: 3")).condition().test(2)).isTrue();
    assertThat(problems(rule("event_count", "{}"))).anyMatch(p -> p.contains("condition must be"));
    assertThat(problems(rule("event_count", "{field: x}")))
        .anyMatch(p -> p.contains("condition has no comparison"));
    assertThat(problems(rule("event_count", "{gtee: 3}")))
        .anyMatch(p -> p.contains("did you mean 'gte'?"));
  }

  @Test
  void parse_rejectsDuplicateReferences_andTemporalOverOneRule() {
    assertThat(
            problems(
                """
                title: t
                correlation: {type: temporal, rules: [rule_a, rule_a], group-by: [x], timespan: 1m}
                """))
        .anyMatch(p -> p.contains("lists 'rule_a' twice"));
    assertThat(
            problems(
                """
                title: t
                correlation: {type: temporal, rules: [rule_a], group-by: [x], timespan: 1m}
                """))
        .anyMatch(p -> p.contains("lists only one"));
  }

  @Test
  void parse_rejectsAliasesNotUsedInGroupBy_andMalformedAliases() {
    assertThat(
            problems(
                """
                title: t
                correlation:
                  type: temporal
                  rules: [rule_a, rule_b]
                  group-by: [ip]
                  timespan: 1m
                  aliases:
                    other: {rule_a: source.ip}
                    ip: [source.ip]
                """))
        .anyMatch(p -> p.contains("alias 'other' is not used in group-by"))
        .anyMatch(p -> p.contains("alias 'ip' must map each rule name"));
  }

  @Test
  void parse_readsGenerate_andRejectsNonBoolean() {
    assertThat(
            parse(
                    """
                    title: t
                    correlation: {type: event_count, rules: [rule_a], group-by: [], timespan: 1m,
                                  condition: {gte: 2}, generate: true}
                    """)
                .generate())
        .isTrue();
    assertThat(
            parse(
                    """
                    title: t
                    generate: true
                    correlation: {type: event_count, rules: [rule_a], group-by: [], timespan: 1m,
                                  condition: {gte: 2}}
                    """)
                .generate())
        .as("written beside level, as the specification lists it")
        .isTrue();
    assertThat(
            problems(
                """
                title: t
                correlation: {type: event_count, rules: [rule_a], group-by: [], timespan: 1m,
                              condition: {gte: 2}, generate: sometimes}
                """))
        .anyMatch(p -> p.contains("generate must be true or false"));
  }

  @Test
  void parse_rejectsNonMappingCorrelation() {
    assertThat(problems("title: t\ncorrelation: event_count\n"))
        .anyMatch(p -> p.contains("correlation must be a mapping"));
    assertThatThrownBy(() -> CorrelationRule.parse(null, "f.yml", 3))
        .isInstanceOf(CorrelationRuleException.class)
        .hasMessageStartingWith("f.yml:3: empty document");
  }

  @Test
  void attack_extractsTechniqueIdsFromTags() {
    CorrelationRule rule =
        parse(
            """
title: t
tags: [attack.credential-access, attack.t1110.001, attack.T1078, car.2013-04-002, attack.t1110.001]
correlation: {type: event_count, rules: [rule_a], group-by: [], timespan: 1m, condition: {gte: 2}}
""");
    assertThat(rule.attack()).containsExactly("T1110.001", "T1078");
  }

  static String rule(String type, String condition) {
    return "title: t\ncorrelation:\n  type: "
        + type
        + "\n  rules: [rule_a, rule_b]\n"
        + "  group-by: [User]\n  timespan: 10m\n"
        + (condition == null ? "" : "  condition: " + braced(condition) + "\n");
  }

  private static String braced(String condition) {
    return condition.startsWith("{") ? condition : "{" + condition + "}";
  }

  private static CorrelationRule one(Path file) throws IOException {
    List<CorrelationRule> rules = YamlDocs.correlations(Files.readString(file), file.toString());
    assertThat(rules).hasSize(1);
    return rules.get(0);
  }
}
