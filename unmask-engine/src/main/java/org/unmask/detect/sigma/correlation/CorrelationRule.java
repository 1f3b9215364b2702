package org.unmask.detect.sigma.correlation;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.unmask.event.Severity;

/**
 * One Sigma correlation rule (a YAML document with a top-level {@code correlation:} key).
 *
 * @param id the rule's {@code id}, or null (optional in the specification)
 * @param name the rule's {@code name}, by which other correlations may refer to it, or null
 * @param title the mandatory title
 * @param type the correlation type
 * @param rules the referenced rules, by {@code id} or {@code name}, in declaration order (the order
 *     matters for temporal_ordered)
 * @param groupBy the group-by names; an alias name or an event field name
 * @param timespan the sliding window length
 * @param condition the condition; for temporal types without one, "every referenced rule"
 * @param aliases alias name to (referenced rule name or id to event field name)
 * @param generate whether the referenced rules also report their own matches
 * @param level the severity of a correlation match ({@code medium} when absent)
 * @param tags the tags as written, e.g. {@code attack.t1110.001}
 * @param file where the rule was read
 * @param line the 1-based line where its YAML document starts
 */
public record CorrelationRule(
    String id,
    String name,
    String title,
    CorrelationType type,
    List<String> rules,
    List<String> groupBy,
    Duration timespan,
    CorrelationCondition condition,
    Map<String, Map<String, String>> aliases,
    boolean generate,
    Severity level,
    List<String> tags,
    String file,
    int line) {

  public CorrelationRule {
    requireNonNull(title, "title");
    requireNonNull(type, "type");
    rules = List.copyOf(rules);
    groupBy = List.copyOf(groupBy);
    requireNonNull(timespan, "timespan");
    requireNonNull(condition, "condition");
    aliases = Map.copyOf(aliases);
    requireNonNull(level, "level");
    tags = List.copyOf(tags);
    requireNonNull(file, "file");
  }

  /**
   * Reads one YAML document (already loaded into maps and lists) that has a top-level {@code
   * correlation:} key, and checks it against the specification and its JSON schema.
   *
   * @param document the document as loaded by a YAML parser
   * @param file the file name used in problem messages
   * @param line the line where the document starts
   * @throws CorrelationRuleException listing every problem found in the document
   */
  public static CorrelationRule parse(Map<String, Object> document, String file, int line) {
    return new CorrelationRuleParser(file, line, null).parse(document);
  }

  /**
   * As {@link #parse(Map, String, int)}, with each problem placed on the line of the key it is
   * about. {@code lineOf} maps a slash-separated key path ({@code correlation/timespan}, {@code
   * correlation/condition/gte}, {@code level}) to its line, or to the document's line when it does
   * not know the path, as the Sigma loader's {@code YamlDocument.lineOf} does.
   */
  public static CorrelationRule parse(
      Map<String, Object> document, String file, int line, ToIntFunction<String> lineOf) {
    return new CorrelationRuleParser(file, line, lineOf).parse(document);
  }

  /** True for a YAML document that is a correlation rule rather than a detection rule. */
  public static boolean isCorrelation(Map<String, ?> document) {
    return document != null && document.containsKey("correlation");
  }

  /**
   * The identity used for state, findings and chaining: the {@code id}, else the {@code name}, else
   * {@code file:line} (ids are optional in the specification, but state must be keyed).
   */
  public String key() {
    if (id != null) {
      return id;
    }
    return name != null ? name : file + ":" + line;
  }

  /**
   * The ATT&CK technique ids from the tags, upper case: {@code attack.t1110.001} gives {@code
   * T1110.001}. Tactic tags ({@code attack.credential-access}) and other namespaces are skipped.
   */
  public List<String> attack() {
    List<String> techniques = new ArrayList<>();
    for (String tag : tags) {
      String lower = tag.toLowerCase(Locale.ROOT);
      if (lower.startsWith("attack.t")
          && lower.length() > 9
          && Character.isDigit(lower.charAt(9))) {
        String technique = lower.substring("attack.".length()).toUpperCase(Locale.ROOT);
        if (!techniques.contains(technique)) {
          techniques.add(technique);
        }
      }
    }
    return List.copyOf(techniques);
  }

  /**
   * The event field that holds {@code groupByName} (or a condition field) in matches of the
   * referenced rule {@code ref}: the alias target when an alias maps it, otherwise the name itself.
   */
  String fieldFor(String groupByName, String ref) {
    Map<String, String> byRule = aliases.get(groupByName);
    if (byRule != null) {
      String field = byRule.get(ref);
      if (field != null) {
        return field;
      }
    }
    return groupByName;
  }
}
