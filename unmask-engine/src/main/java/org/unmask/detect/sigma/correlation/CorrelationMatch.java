package org.unmask.detect.sigma.correlation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;

/**
 * A correlation rule fired for one group.
 *
 * @param rule the correlation rule
 * @param groupBy the group's values by group-by name (alias names where aliases are used), in
 *     group-by order
 * @param windowStart the time of the earliest match still in the window when it fired
 * @param windowEnd the time of the match that made it fire
 * @param matches how many matches were in the window
 * @param value the aggregate the condition was tested on: the count, distinct count, number of
 *     rules, sum, average or percentage
 * @param evidence where the matches in the window were read, earliest first, at most the engine's
 *     evidence limit (20 by default); for chained correlations, the inner evidence
 * @param trigger the event of the match that made it fire
 */
public record CorrelationMatch(
    CorrelationRule rule,
    Map<String, String> groupBy,
    Instant windowStart,
    Instant windowEnd,
    int matches,
    double value,
    List<SourceRef> evidence,
    Event trigger) {

  public CorrelationMatch {
    requireNonNull(rule, "rule");
    groupBy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groupBy));
    requireNonNull(windowStart, "windowStart");
    requireNonNull(windowEnd, "windowEnd");
    evidence = List.copyOf(evidence);
    requireNonNull(trigger, "trigger");
  }

  /** The correlation's identity (its id, else its name): the finding's {@code rule_id}. */
  public String ruleId() {
    return rule.key();
  }

  public String title() {
    return rule.title();
  }

  public Severity level() {
    return rule.level();
  }

  /** ATT&CK technique ids from the rule's tags. */
  public List<String> attack() {
    return rule.attack();
  }

  /**
   * A discriminator for {@code Finding.idOf}: the group, the firing time and the triggering line.
   * The engine fires at most once per group per match, so this is unique, and it is the same on
   * every re-run.
   */
  public String discriminator() {
    return GroupKey.of(List.copyOf(groupBy.values()))
        + "@"
        + windowEnd.toEpochMilli()
        + "@"
        + trigger.source();
  }

  /** One readable sentence, e.g. for a finding summary. */
  public String summary() {
    String group = groupBy.isEmpty() ? "all events" : groupBy.toString();
    String what =
        switch (rule.type()) {
          case EVENT_COUNT -> matches + " matches";
          case VALUE_COUNT ->
              CorrelationCondition.render(value)
                  + " distinct "
                  + String.join("+", rule.condition().fields());
          case TEMPORAL, TEMPORAL_ORDERED ->
              CorrelationCondition.render(value)
                  + " of "
                  + rule.rules().size()
                  + " rules"
                  + (rule.type() == CorrelationType.TEMPORAL_ORDERED ? " in order" : "");
          case VALUE_SUM ->
              "sum of "
                  + rule.condition().fields().get(0)
                  + " = "
                  + CorrelationCondition.render(value);
          case VALUE_AVG ->
              "average "
                  + rule.condition().fields().get(0)
                  + " = "
                  + CorrelationCondition.render(value);
          case VALUE_PERCENTILE ->
              rule.condition().fields().get(0)
                  + " at percentile "
                  + CorrelationCondition.render(value);
        };
    return rule.title()
        + ": "
        + what
        + " within "
        + rule.timespan()
        + " for "
        + group
        + " (condition "
        + rule.condition()
        + ")";
  }
}
