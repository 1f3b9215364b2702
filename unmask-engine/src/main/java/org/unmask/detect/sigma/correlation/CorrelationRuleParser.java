package org.unmask.detect.sigma.correlation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.unmask.detect.EditDistance;
import org.unmask.event.Severity;

/**
 * Checks one correlation document against the specification and the JSON schema, collecting every
 * problem before giving up, so a rule author sees all mistakes at once.
 */
final class CorrelationRuleParser {

  private static final Set<String> CORRELATION_KEYS =
      Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate");
  private static final Set<String> CONDITION_KEYS =
      Set.of("gt", "gte", "lt", "lte", "eq", "neq", "field");
  private static final Set<String> LEVELS =
      Set.of("informational", "low", "medium", "high", "critical");
  private static final String SEE = " (see docs/rules-correlations.md)";

  private final String file;
  private final int line;
  private final List<CorrelationProblem> problems = new ArrayList<>();

  private final ToIntFunction<String> lineOf;

  /**
   * @param lineOf the line of a key path such as {@code correlation/timespan}, or of the document
   *     when the path is unknown; null puts every problem on the document's line
   */
  CorrelationRuleParser(String file, int line, ToIntFunction<String> lineOf) {
    this.file = file == null ? "<unnamed>" : file;
    this.line = line;
    this.lineOf = lineOf;
  }

  CorrelationRule parse(Map<String, Object> document) {
    if (document == null) {
      throw fail("empty document; a correlation rule needs title and correlation");
    }
    String title = text(document, "title", true);
    if (title != null && title.length() > 256) {
      problem("title", "title is " + title.length() + " characters; the limit is 256");
    }
    String id = text(document, "id", false);
    String name = text(document, "name", false);
    Severity level = level(document.get("level"));
    List<String> tags = strings(document.get("tags"), "tags", false);
    boolean generate = false;

    Object body = document.get("correlation");
    if (!(body instanceof Map<?, ?> correlation)) {
      problem(
          "correlation",
          "correlation must be a mapping with type, rules, group-by, timespan and condition");
      throw new CorrelationRuleException(problems);
    }
    for (Object key : correlation.keySet()) {
      if (!CORRELATION_KEYS.contains(String.valueOf(key))) {
        problem(
            "correlation/" + key,
            unknownKey("correlation." + key, String.valueOf(key), CORRELATION_KEYS));
      }
    }
    CorrelationType type = type(correlation.get("type"));
    List<String> rules = references(correlation.get("rules"));
    List<String> groupBy = groupBy(correlation.get("group-by"));
    Duration timespan = timespan(correlation.get("timespan"));
    Map<String, Map<String, String>> aliases = aliases(correlation.get("aliases"));
    Object generateValue = correlation.get("generate");
    String generatePath = "correlation/generate";
    if (generateValue == null) {
      generatePath = "generate";
      generateValue = document.get("generate"); // the specification lists it beside level
    }
    if (generateValue instanceof Boolean b) {
      generate = b;
    } else if (generateValue != null) {
      problem(generatePath, "generate must be true or false, not '" + generateValue + "'");
    }
    CorrelationCondition condition = condition(type, correlation.get("condition"), rules.size());
    if (type != null && type.isTemporal() && rules.size() == 1) {
      problem(
          "correlation/rules",
          type.label() + " relates several rules but lists only one; use event_count for one");
    }
    for (String alias : aliases.keySet()) {
      if (!groupBy.contains(alias) && !(condition != null && condition.fields().contains(alias))) {
        problem(
            "correlation/aliases/" + alias, "alias '" + alias + "' is not used in group-by" + SEE);
      }
    }
    if (!problems.isEmpty()) {
      throw new CorrelationRuleException(problems);
    }
    return new CorrelationRule(
        id, name, title, type, rules, groupBy, timespan, condition, aliases, generate, level, tags,
        file, line);
  }

  private CorrelationType type(Object value) {
    if (value == null) {
      problem("correlation", "correlation.type is missing; use one of " + typeLabels());
      return null;
    }
    CorrelationType type = CorrelationType.byLabel(String.valueOf(value));
    if (type == null) {
      String hint = suggest(String.valueOf(value).toLowerCase(Locale.ROOT), typeLabels());
      problem(
          "correlation/type",
          "unknown correlation type '" + value + "'" + hint + "; use one of " + typeLabels());
    }
    return type;
  }

  private List<String> references(Object value) {
    if (value == null) {
      problem(
          "correlation",
          "correlation.rules is missing; list the names or ids of the rules to correlate");
      return List.of();
    }
    List<String> refs = strings(value, "correlation.rules", true);
    if (refs.isEmpty()) {
      problem(
          "correlation/rules",
          "correlation.rules is empty; list the names or ids of the rules to correlate");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String ref : refs) {
      if (ref.length() < 2) {
        problem(
            "correlation/rules",
            "correlation.rules entry '" + ref + "' is too short to be a rule name or id");
      }
      if (!seen.add(ref)) {
        problem("correlation/rules", "correlation.rules lists '" + ref + "' twice");
      }
    }
    return refs;
  }

  private List<String> groupBy(Object value) {
    if (value == null) {
      // The schema requires group-by, but the specification's prose calls it optional and Sigma v1
      // aggregations without "by" convert to correlations without it: all matches form one group.
      return List.of();
    }
    List<String> fields = strings(value, "correlation.group-by", true);
    if (new LinkedHashSet<>(fields).size() != fields.size()) {
      problem("correlation/group-by", "correlation.group-by lists a field twice");
    }
    return fields;
  }

  private Duration timespan(Object value) {
    if (value == null) {
      problem(
          "correlation",
          "correlation.timespan is missing; write a number and a unit such as 10m, 1h or 7d");
      return null;
    }
    Duration parsed = Timespan.parse(String.valueOf(value));
    if (parsed == null) {
      problem(
          "correlation/timespan",
          "timespan '"
              + value
              + "' is not a positive number followed by one lower-case unit "
              + "(s, m, h, d, w, M, y), at most 366 days, e.g. 90m");
    }
    return parsed;
  }

  private Map<String, Map<String, String>> aliases(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      problem(
          "correlation/aliases",
          "correlation.aliases must map an alias name to {rule name: field}");
      return Map.of();
    }
    Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String alias = String.valueOf(entry.getKey());
      if (!(entry.getValue() instanceof Map<?, ?> perRule) || perRule.isEmpty()) {
        problem(
            "correlation/aliases/" + alias,
            "alias '" + alias + "' must map each rule name to the field it reads");
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (Map.Entry<?, ?> rule : perRule.entrySet()) {
        if (!(rule.getValue() instanceof String field) || field.isBlank()) {
          problem(
              "correlation/aliases/" + alias + "/" + rule.getKey(),
              "alias '" + alias + "' for rule '" + rule.getKey() + "' must name a field");
          continue;
        }
        fields.put(String.valueOf(rule.getKey()), field);
      }
      aliases.put(alias, Map.copyOf(fields));
    }
    return aliases;
  }

  private CorrelationCondition condition(CorrelationType type, Object value, int ruleCount) {
    if (value == null) {
      if (type != null && type.isTemporal()) {
        return CorrelationCondition.allOf(ruleCount);
      }
      if (type != null) {
        problem("correlation", type.label() + " needs a condition such as {gte: 10}" + SEE);
      }
      return null;
    }
    if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
      problem(
          "correlation/condition",
          "condition must be a mapping such as {gte: 10}; got '" + value + "'");
      return null;
    }
    List<CorrelationCondition.Bound> bounds = new ArrayList<>();
    List<String> fields = List.of();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      if (!CONDITION_KEYS.contains(key)) {
        problem(
            "correlation/condition/" + key, unknownKey("condition." + key, key, CONDITION_KEYS));
        continue;
      }
      if (key.equals("field")) {
        fields = strings(entry.getValue(), "condition.field", true);
        continue;
      }
      Double threshold = number(entry.getValue());
      if (threshold == null) {
        problem(
            "correlation/condition/" + key,
            "condition." + key + " must be a number, not '" + entry.getValue() + "'");
        continue;
      }
      bounds.add(
          new CorrelationCondition.Bound(CorrelationCondition.Operator.byLabel(key), threshold));
    }
    if (bounds.isEmpty()) {
      problem(
          "correlation/condition",
          "condition has no comparison; add one of gt, gte, lt, lte, eq, neq");
    }
    if (type != null) {
      checkFields(type, fields);
      checkThresholds(type, bounds);
    }
    if (bounds.isEmpty()) {
      return null;
    }
    CorrelationCondition condition = new CorrelationCondition(bounds, fields);
    if (type != null && type.isTemporal() && condition.requiredCount() > ruleCount) {
      problem(
          "correlation/condition",
          "condition " + condition + " counts matched rules, but only " + ruleCount
              + " are listed; it can never be met");
    }
    return condition;
  }

  private void checkFields(CorrelationType type, List<String> fields) {
    if (type.needsField() && fields.isEmpty()) {
      problem(
          "correlation/condition",
          type.label() + " needs condition.field: the field whose values it aggregates");
    }
    if (!type.needsField() && !fields.isEmpty()) {
      problem(
          "correlation/condition/field",
          type.label() + " does not use condition.field; remove it or use value_count");
    }
    if (fields.size() > 1 && type != CorrelationType.VALUE_COUNT) {
      problem(
          "correlation/condition/field",
          type.label() + " aggregates one field; only value_count accepts a list");
    }
  }

  private void checkThresholds(CorrelationType type, List<CorrelationCondition.Bound> bounds) {
    for (CorrelationCondition.Bound bound : bounds) {
      double t = bound.threshold();
      if (type == CorrelationType.VALUE_PERCENTILE && (t < 0 || t > 100)) {
        problem(
            "correlation/condition/" + bound.operator().label(),
            "value_percentile compares a percentage; " + bound + " is outside 0..100");
      }
      boolean counts =
          type == CorrelationType.EVENT_COUNT
              || type == CorrelationType.VALUE_COUNT
              || type.isTemporal();
      if (counts && t != Math.rint(t)) {
        problem(
            "correlation/condition/" + bound.operator().label(),
            type.label() + " compares a count; " + bound + " must be a whole number");
      }
    }
  }

  private Severity level(Object value) {
    if (value == null) {
      return Severity.MEDIUM;
    }
    String text = String.valueOf(value);
    if (!LEVELS.contains(text)) {
      problem("level", "level '" + text + "' is not one of " + LEVELS.stream().sorted().toList());
    }
    return Severity.parse(text);
  }

  private String text(Map<String, Object> document, String key, boolean required) {
    Object value = document.get(key);
    if (value == null) {
      if (required) {
        problem(key, key + " is missing");
      }
      return null;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      problem(key, key + " must be text");
      return null;
    }
    String text = String.valueOf(value).trim();
    if (text.isEmpty()) {
      problem(key, key + " is empty");
      return null;
    }
    return text;
  }

  private List<String> strings(Object value, String what, boolean allowScalar) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object item : list) {
        if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
          problem(what.replace('.', '/'), what + " entries must be text; found '" + item + "'");
        } else {
          out.add(String.valueOf(item));
        }
      }
      return out;
    }
    if (value instanceof Map<?, ?>) {
      problem(what.replace('.', '/'), what + " must be a list");
      return List.of();
    }
    return List.of(String.valueOf(value)); // a lone string is read as a one-item list
  }

  private static Double number(Object value) {
    if (value instanceof Number n && !(value instanceof Float f && f.isNaN())) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    return null;
  }

  private static List<String> typeLabels() {
    List<String> labels = new ArrayList<>();
    for (CorrelationType type : CorrelationType.values()) {
      labels.add(type.label());
    }
    return labels;
  }

  private static String unknownKey(String path, String key, Set<String> known) {
    return "unknown key '" + path + "'" + suggest(key, known.stream().sorted().toList());
  }

  /** "; did you mean 'x'?" for the closest known word within a small edit distance, or "". */
  static String suggest(String word, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String normal = word.toLowerCase(Locale.ROOT).replace('_', '-');
    for (String candidate : known) {
      int d = EditDistance.between(normal, candidate.replace('_', '-'));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && EditDistance.isClose(bestDistance, word.length())
        ? "; did you mean '" + best + "'?"
        : "";
  }

  private void problem(String path, String message) {
    int at = lineOf == null ? line : lineOf.applyAsInt(path);
    problems.add(new CorrelationProblem(file, at > 0 ? at : line, message));
  }

  private CorrelationRuleException fail(String message) {
    problem("", message);
    return new CorrelationRuleException(problems);
  }
}
