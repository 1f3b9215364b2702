package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sigma v1 aggregation written after {@code |} in a condition ({@code selection | count(User) by
 * IpAddress > 10}, {@code selection | near other}). Sigma v2 replaced these with correlation rules;
 * the loader turns each into a correlation document, so old rules keep working through the
 * correlation engine: count/sum/avg become {@code event_count}/{@code value_count}/
 * {@code value_sum}/{@code value_avg}, {@code near} becomes {@code temporal} over generated
 * rules, one per identifier.
 */
record LegacyAggregation(String correlationType, String field, List<String> groupBy, String operator, long value,
    String timespan, Map<String, Node> near) {

  private static final Pattern AGGREGATE = Pattern.compile(
      "(count|sum|avg)\\s*\\(\\s*([\\w.\\-]*)\\s*\\)\\s*(?:by\\s+([\\w.\\-]+)\\s*)?(<=|>=|==|=|<|>)\\s*(\\d+)",
      Pattern.CASE_INSENSITIVE);

  static LegacyAggregation parse(String text, Map<String, Node> identifiers, Set<String> used, Object timeframe)
      throws ConditionParser.ConditionException {
    String timespan = timeframe == null ? "1h" : String.valueOf(timeframe);
    Matcher m = AGGREGATE.matcher(text.trim());
    if (m.matches()) {
      String function = m.group(1).toLowerCase(Locale.ROOT);
      String field = m.group(2);
      String type = switch (function) {
        case "count" -> field.isEmpty() ? "event_count" : "value_count";
        case "sum" -> "value_sum";
        default -> "value_avg";
      };
      if (!function.equals("count") && field.isEmpty()) {
        throw new ConditionParser.ConditionException("'" + function + "()' needs a field", "write e.g. " + function + "(bytes)");
      }
      String operator = switch (m.group(4)) {
        case ">" -> "gt";
        case ">=" -> "gte";
        case "<" -> "lt";
        case "<=" -> "lte";
        default -> "eq";
      };
      List<String> groupBy = m.group(3) == null ? List.of() : List.of(m.group(3));
      return new LegacyAggregation(type, field, groupBy, operator, Long.parseLong(m.group(5)), timespan, Map.of());
    }
    String t = text.trim();
    if (t.toLowerCase(Locale.ROOT).startsWith("near")) {
      Map<String, Node> near = new LinkedHashMap<>();
      for (String part : t.substring(4).trim().split("(?i)\\s+and\\s+")) {
        String name = part.trim();
        if (name.toLowerCase(Locale.ROOT).startsWith("not ")) {
          continue; // a temporal correlation cannot say "and not"; the negated part is dropped
        }
        Node node = identifiers.get(name);
        if (node == null) {
          throw new ConditionParser.ConditionException("unknown search identifier '" + name + "' after 'near'", "define it under 'detection:'");
        }
        used.add(name);
        near.put(name, node);
      }
      for (String part : t.substring(4).trim().split("(?i)\\s+and\\s+")) {
        String p = part.trim();
        if (p.toLowerCase(Locale.ROOT).startsWith("not ")) {
          used.add(p.substring(4).trim());
        }
      }
      if (near.isEmpty()) {
        throw new ConditionParser.ConditionException("'near' names no search identifier", "write e.g. 'selection | near other'");
      }
      return new LegacyAggregation("temporal", "", List.of(), "gte", 1, timespan, near);
    }
    throw new ConditionParser.ConditionException("aggregation '" + t + "' is not one Sigma v1 had (count, sum, avg, near)",
        "write a correlation rule over this rule");
  }

  /** The correlation document that replaces the aggregation, over the given rules. */
  Map<String, Object> correlationDocument(String title, List<String> ruleRefs) {
    Map<String, Object> correlation = new LinkedHashMap<>();
    correlation.put("type", correlationType);
    correlation.put("rules", new ArrayList<>(ruleRefs));
    if (!groupBy.isEmpty()) {
      correlation.put("group-by", new ArrayList<>(groupBy));
    }
    correlation.put("timespan", timespan);
    if (!correlationType.equals("temporal")) {
      Map<String, Object> condition = new LinkedHashMap<>();
      condition.put(operator, value);
      if (!field.isEmpty()) {
        condition.put("field", field);
      }
      correlation.put("condition", condition);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("title", title + " (v1 aggregation)");
    doc.put("correlation", correlation);
    return doc;
  }
}
