package org.unmask.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SigmaHQ corpus (shared data, commit 8eaafff1) has no v2 correlation documents, but 55 rules
 * with Sigma v1 aggregations ({@code | count(x) by y > n}, {@code | near}) that the rule loader
 * turns into correlation documents. Each must become a valid correlation here, in the shape the
 * loader writes (no group-by when there is no "by", no condition for near).
 */
class SigmaCorpusCorrelationTest {

  static final Path SIGMA =
      Path.of(System.getProperty("unmask.shared", "../../shared"), "data/sigma");
  static final Pattern AGGREGATE =
      Pattern.compile(
          "(count|sum|avg)\\s*\\(\\s*([\\w.\\-]*)\\s*\\)\\s*(?:by\\s+([\\w.\\-]+)\\s*)?(<=|>=|==|=|<|>)\\s*(\\d+)",
          Pattern.CASE_INSENSITIVE);

  @Test
  void everyCorrelationDocumentAndV1AggregationInTheCorpus_parsesAndCompiles() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SIGMA)) {
      files =
          walk.filter(p -> p.toString().endsWith(".yml"))
              .filter(p -> !p.toString().contains("regression_data"))
              .sorted()
              .toList();
    }
    List<CorrelationRule> rules = new ArrayList<>();
    int aggregations = 0;
    for (Path file : files) {
      String text = Files.readString(file);
      if (!text.contains("correlation:") && !text.matches("(?s).*condition:[^\\n]*\\|.*")) {
        continue;
      }
      for (YamlDocs.Doc doc : YamlDocs.load(text)) {
        if (CorrelationRule.isCorrelation(doc.map())) {
          rules.add(CorrelationRule.parse(doc.map(), file.toString(), doc.line()));
        } else if (doc.map().get("detection") instanceof Map<?, ?> detection
            && detection.get("condition") instanceof String condition
            && condition.contains("|")) {
          Map<String, Object> converted =
              v1Correlation(doc.map(), condition, detection.get("timeframe"));
          rules.add(CorrelationRule.parse(converted, file.toString(), doc.line()));
          aggregations++;
        }
      }
    }
    assertThat(aggregations).isEqualTo(55);
    var engine = CorrelationEngine.compile(rules, null, new MapStateProvider());
    assertThat(engine.rules()).hasSize(55);
    assertThat(engine.rules())
        .extracting(CorrelationRule::type)
        .contains(
            CorrelationType.EVENT_COUNT,
            CorrelationType.VALUE_COUNT,
            CorrelationType.VALUE_SUM,
            CorrelationType.TEMPORAL);
  }

  private static Map<String, Object> v1Correlation(
      Map<String, Object> rule, String condition, Object timeframe) {
    String id = String.valueOf(rule.get("id"));
    String aggregation =
        condition.substring(condition.indexOf('|') + 1).replaceAll("#.*", "").trim();
    Map<String, Object> correlation = new LinkedHashMap<>();
    Matcher m = AGGREGATE.matcher(aggregation);
    if (m.matches()) {
      String function = m.group(1).toLowerCase();
      String field = m.group(2);
      correlation.put(
          "type",
          switch (function) {
            case "count" -> field.isEmpty() ? "event_count" : "value_count";
            case "sum" -> "value_sum";
            default -> "value_avg";
          });
      correlation.put("rules", List.of(id));
      if (m.group(3) != null) {
        correlation.put("group-by", List.of(m.group(3)));
      }
      Map<String, Object> bound = new LinkedHashMap<>();
      bound.put(
          switch (m.group(4)) {
            case ">" -> "gt";
            case ">=" -> "gte";
            case "<" -> "lt";
            case "<=" -> "lte";
            default -> "eq";
          },
          Long.parseLong(m.group(5)));
      if (!field.isEmpty()) {
        bound.put("field", field);
      }
      correlation.put("condition", bound);
    } else {
      assertThat(aggregation).startsWithIgnoringCase("near");
      List<String> refs = new ArrayList<>(List.of(id));
      for (String part : aggregation.substring(4).trim().split("(?i)\\s+and\\s+")) {
        if (!part.trim().toLowerCase().startsWith("not ")) {
          refs.add(id + "-near-" + part.trim());
        }
      }
      correlation.put("type", "temporal");
      correlation.put("rules", refs);
    }
    correlation.put("timespan", timeframe == null ? "1h" : String.valueOf(timeframe));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("title", rule.get("title") + " (v1 aggregation)");
    doc.put("correlation", correlation);
    return doc;
  }
}
