package org.unmask.detect.sigma.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;
import org.unmask.state.State;

/**
 * Evaluates one correlation rule: finds a match's group, slides the group's window, recomputes the
 * aggregate and decides whether to fire.
 *
 * <p>Window: a group keeps the matches whose time is within {@code timespan} of its latest match
 * (inclusive: two matches exactly one timespan apart are in one window). The condition is tested
 * over that trailing window each time a match arrives, so windows are not tied to clock boundaries.
 *
 * <p>Firing is edge-triggered: a group fires when its condition becomes true, stays silent while it
 * stays true, and fires again either after it has been false or, if it holds continuously, once a
 * full timespan after the previous firing. A burst therefore gives one match, a campaign that lasts
 * days gives one match per timespan, and the result depends only on the input order.
 */
final class Correlator {

  private final CorrelationRule rule;
  private final long spanMillis;
  private final CorrelationEngine.Limits limits;

  /** Matches that arrived too late to count (see {@link CorrelationEngine#tooLate}); not state: a run's tally. */
  private long tooLate;

  long tooLate() {
    return tooLate;
  }

  /** A Sigma field name to the event keys that hold it, in the order to try them (the rules' pipeline). */
  private final java.util.function.Function<String, List<String>> eventKeys;

  Correlator(CorrelationRule rule, CorrelationEngine.Limits limits) {
    this(rule, limits, List::of);
  }

  Correlator(CorrelationRule rule, CorrelationEngine.Limits limits, java.util.function.Function<String, List<String>> eventKeys) {
    this.rule = rule;
    this.spanMillis = rule.timespan().toMillis();
    this.limits = limits;
    this.eventKeys = eventKeys;
  }

  /**
   * A field of the event by its Sigma name, read as the detection rules read it: through the
   * pipeline ({@code TargetUserName} is {@code Event.EventData.TargetUserName} in evtx_dump JSON,
   * {@code winlog.event_data.TargetUserName} from Winlogbeat), else by the name itself (a chained
   * correlation match carries its group there, and so does an event that uses Sigma's names).
   */
  private Object read(Event event, String sigmaName) {
    for (String key : eventKeys.apply(sigmaName)) {
      Object v = event.get(key);
      if (v != null) {
        return v;
      }
    }
    return event.get(sigmaName);
  }

  CorrelationRule rule() {
    return rule;
  }

  /**
   * Adds one match of the referenced rule at {@code ruleIndex}; returns the correlation match if
   * the rule fires, or null. Matches that lack a group-by or condition field are ignored.
   */
  CorrelationMatch offer(
      int ruleIndex,
      String ruleId,
      String ruleName,
      Event event,
      List<WindowState.Evidence> evidence,
      StateProvider provider) {
    String ref = rule.rules().get(ruleIndex);
    Map<String, String> group = new LinkedHashMap<>();
    for (String name : rule.groupBy()) {
      String value = GroupKey.render(read(event, field(name, ref, ruleName, ruleId)));
      if (value == null) {
        // Which group? Lumping every such match into one "unknown" group would mislead.
        return null;
      }
      group.put(name, value);
    }
    String value = null;
    double number = Double.NaN;
    if (rule.type().needsField()) {
      List<String> values = new ArrayList<>();
      for (String name : rule.condition().fields()) {
        Object raw = read(event, field(name, ref, ruleName, ruleId));
        String text = GroupKey.render(raw);
        if (text == null) {
          return null;
        }
        values.add(text);
        if (rule.type() != CorrelationType.VALUE_COUNT) {
          number = GroupKey.number(raw);
        }
      }
      value = values.size() == 1 ? values.get(0) : GroupKey.of(values);
      boolean numeric =
          rule.type() == CorrelationType.VALUE_SUM || rule.type() == CorrelationType.VALUE_AVG;
      if (numeric && Double.isNaN(number)) {
        return null; // a sum or average over text would be meaningless
      }
    }

    State<WindowState> state = provider.state(rule.key(), GroupKey.of(List.copyOf(group.values())));
    WindowState window = state.value();
    if (window == null) {
      window =
          new WindowState(rule.rules().size(), rule.type() == CorrelationType.TEMPORAL_ORDERED);
    }
    long at = event.timestamp().toEpochMilli();
    long latest = window.size() == 0 ? at : Math.max(at, window.last().at());
    long horizon = latest - spanMillis;
    if (at < horizon) {
      tooLate++;
      return null; // later than a whole window: the pattern it could complete has already passed
    }
    while (window.size() > 0 && window.first().at() < horizon) {
      window.removeFirst();
    }
    if (window.size() >= limits.maxMatchesPerGroup() && at < window.first().at()) {
      tooLate++;
      return null; // late, and older than everything a full window keeps: it would be dropped
    }
    if (!rule.type().isTemporal() && window.holdsEvent(at, evidence)) {
      // the specification counts events (and sums their field): an event that two referenced
      // rules match counts once; temporal types count rules, so there it is a match of each
      return null;
    }
    WindowState.Hit hit = new WindowState.Hit(at, ruleIndex, value, number, evidence);
    window.add(hit);
    while (window.size() > limits.maxMatchesPerGroup()) {
      window.removeFirst();
    }

    double aggregate = aggregate(window, hit);
    boolean holds = rule.condition().test(aggregate);
    boolean fire =
        holds
            && (!window.active
                || window.lastFiredAt == Long.MIN_VALUE
                || latest - window.lastFiredAt >= spanMillis);
    window.active = holds;
    if (fire) {
      window.lastFiredAt = latest;
    }
    state.update(window);
    if (!fire) {
      return null;
    }
    return new CorrelationMatch(
        rule,
        group,
        Instant.ofEpochMilli(window.first().at()),
        Instant.ofEpochMilli(latest),
        window.size(),
        aggregate,
        evidenceOf(window),
        event);
  }

  /** Drops the group windows whose newest match is older than one timespan before the watermark. */
  void expire(long watermark, StateProvider provider) {
    for (String key : provider.groupKeys(rule.key())) {
      State<WindowState> state = provider.state(rule.key(), key);
      WindowState window = state.value();
      if (window == null || window.size() == 0 || window.last().at() < watermark - spanMillis) {
        state.clear();
      }
    }
  }

  private String field(String name, String ref, String ruleName, String ruleId) {
    Map<String, String> byRule = rule.aliases().get(name);
    if (byRule == null) {
      return name;
    }
    for (String candidate : new String[] {ref, ruleName, ruleId}) {
      if (candidate != null && byRule.containsKey(candidate)) {
        return byRule.get(candidate);
      }
    }
    return name;
  }

  private double aggregate(WindowState window, WindowState.Hit current) {
    return switch (rule.type()) {
      case EVENT_COUNT -> window.size();
      case VALUE_COUNT -> window.valueCounts.size();
      case TEMPORAL -> {
        int rules = 0;
        for (int count : window.ruleCounts) {
          rules += count > 0 ? 1 : 0;
        }
        yield rules;
      }
      case TEMPORAL_ORDERED -> orderedPrefix(window);
      case VALUE_SUM -> window.sum();
      case VALUE_AVG -> window.sum() / window.numericCount;
      case VALUE_PERCENTILE -> percentile(window, current);
    };
  }

  /**
   * How many of the referenced rules matched in their declared order: the longest prefix r0, r1,
   * ... with non-decreasing match times, choosing for each rule its earliest match at or after the
   * previous one (greedy earliest is optimal for a prefix chain). Matches with equal times satisfy
   * the order either way round, so simultaneous events do not depend on the order they were read.
   */
  private static int orderedPrefix(WindowState window) {
    long previous = Long.MIN_VALUE;
    int matched = 0;
    for (WindowState.TimeList times : window.ruleTimes) {
      long next = times.firstAtOrAfter(previous);
      if (next == Long.MIN_VALUE) {
        break;
      }
      previous = next;
      matched++;
    }
    return matched;
  }

  /**
   * The triggering value's percentile rank in the window, 0..100. For numbers: the share of the
   * most recent {@code percentileSamples} window values that are less than or equal to it (a median
   * value scores about 50). For text (the specification's example ranks process names): the share
   * of window values equal to it, exactly, so {@code lte: 1} means "this value makes up at most 1%
   * of what the group did".
   */
  private double percentile(WindowState window, WindowState.Hit current) {
    int size = window.size();
    if (!Double.isNaN(current.number()) && window.numericCount == size) {
      int samples = Math.min(size, limits.percentileSamples());
      int atOrBelow = 0;
      for (int i = size - samples; i < size; i++) {
        if (window.get(i).number() <= current.number()) {
          atOrBelow++;
        }
      }
      return 100.0 * atOrBelow / samples;
    }
    return 100.0 * window.valueCounts.getOrDefault(current.value(), 0) / size;
  }

  private List<SourceRef> evidenceOf(WindowState window) {
    Set<SourceRef> refs = new LinkedHashSet<>();
    for (int i = 0; i < window.size(); i++) {
      for (WindowState.Evidence e : window.get(i).evidence()) {
        if (refs.size() >= limits.maxEvidence()) {
          return List.copyOf(refs);
        }
        refs.add(new SourceRef(e.file(), e.line()));
      }
    }
    return List.copyOf(refs);
  }
}
