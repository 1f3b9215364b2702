package org.unmask.detect.sigma.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
 * over that trailing window each time a match arrives, so windows are not tied to clock
 * boundaries.
 *
 * <p>Firing is edge-triggered: a group fires when its condition becomes true, stays silent while
 * it stays true, and fires again either after it has been false or, if it holds continuously, once
 * a full timespan after the previous firing. A burst therefore gives one match, a campaign that
 * lasts days gives one match per timespan, and the result depends only on the input order.
 */
final class Correlator {

  private final CorrelationRule rule;
  private final long spanMillis;
  private final CorrelationEngine.Limits limits;

  Correlator(CorrelationRule rule, CorrelationEngine.Limits limits) {
    this.rule = rule;
    this.spanMillis = rule.timespan().toMillis();
    this.limits = limits;
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
      String value = GroupKey.render(event.get(field(name, ref, ruleName, ruleId)));
      if (value == null) {
        return null; // cannot tell which group it belongs to; lumping all such matches would mislead
      }
      group.put(name, value);
    }
    String value = null;
    double number = Double.NaN;
    if (rule.type().needsField()) {
      List<String> values = new ArrayList<>();
      for (String name : rule.condition().fields()) {
        Object raw = event.get(field(name, ref, ruleName, ruleId));
        String text = GroupKey.render(raw);
        if (text == null) {
          return null;
        }
        values.add(text);
        number = GroupKey.number(raw);
      }
      value = values.size() == 1 ? values.get(0) : GroupKey.of(values);
      boolean numeric = rule.type() == CorrelationType.VALUE_SUM
          || rule.type() == CorrelationType.VALUE_AVG;
      if (numeric && Double.isNaN(number)) {
        return null; // a sum or average over text would be meaningless
      }
    }

    State<WindowState> state = provider.state(rule.key(), GroupKey.of(List.copyOf(group.values())));
    WindowState window = state.value();
    if (window == null) {
      window = WindowState.empty();
    }
    ArrayList<WindowState.Hit> hits = window.hits();
    long at = event.timestamp().toEpochMilli();
    long latest = hits.isEmpty() ? at : Math.max(at, hits.get(hits.size() - 1).at());
    long horizon = latest - spanMillis;
    if (at < horizon) {
      return null; // later than a whole window: the pattern it could complete has already passed
    }
    int expired = 0;
    while (expired < hits.size() && hits.get(expired).at() < horizon) {
      expired++;
    }
    hits.subList(0, expired).clear();
    WindowState.Hit hit = new WindowState.Hit(at, ruleIndex, value, number, evidence);
    int position = hits.size();
    while (position > 0 && hits.get(position - 1).at() > at) {
      position--;
    }
    hits.add(position, hit);
    if (hits.size() > limits.maxMatchesPerGroup()) {
      hits.subList(0, hits.size() - limits.maxMatchesPerGroup()).clear();
    }

    double aggregate = aggregate(hits, hit);
    boolean holds = rule.condition().test(aggregate);
    boolean fire = holds && (!window.active() || latest - window.lastFiredAt() >= spanMillis);
    state.update(new WindowState(hits, holds, fire ? latest : window.lastFiredAt()));
    if (!fire) {
      return null;
    }
    return new CorrelationMatch(
        rule,
        group,
        Instant.ofEpochMilli(hits.get(0).at()),
        Instant.ofEpochMilli(latest),
        hits.size(),
        aggregate,
        evidenceOf(hits),
        event);
  }

  /** Drops the group windows whose newest match is older than one timespan before the watermark. */
  void expire(long watermark, StateProvider provider) {
    for (String key : provider.groupKeys(rule.key())) {
      State<WindowState> state = provider.state(rule.key(), key);
      WindowState window = state.value();
      if (window == null || window.hits().isEmpty()
          || window.hits().get(window.hits().size() - 1).at() < watermark - spanMillis) {
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

  private double aggregate(List<WindowState.Hit> hits, WindowState.Hit current) {
    switch (rule.type()) {
      case EVENT_COUNT:
        return hits.size();
      case VALUE_COUNT: {
        Set<String> distinct = new HashSet<>();
        for (WindowState.Hit h : hits) {
          distinct.add(h.value());
        }
        return distinct.size();
      }
      case TEMPORAL: {
        Set<Integer> rules = new HashSet<>();
        for (WindowState.Hit h : hits) {
          rules.add(h.rule());
        }
        return rules.size();
      }
      case TEMPORAL_ORDERED:
        return orderedPrefix(hits);
      case VALUE_SUM:
      case VALUE_AVG: {
        double sum = 0;
        for (WindowState.Hit h : hits) {
          sum += h.number();
        }
        return rule.type() == CorrelationType.VALUE_SUM ? sum : sum / hits.size();
      }
      case VALUE_PERCENTILE:
        return percentile(hits, current);
      default:
        throw new IllegalStateException("unhandled type " + rule.type());
    }
  }

  /**
   * How many of the referenced rules matched in their declared order: the longest prefix r0, r1,
   * ... with non-decreasing match times. Matches with equal times may satisfy the order either way
   * round, so simultaneous events do not depend on the order they happened to be read in. Greedy
   * earliest choice is optimal for a prefix chain.
   */
  private int orderedPrefix(List<WindowState.Hit> hits) {
    int next = 0;
    int i = 0;
    int ruleCount = rule.rules().size();
    while (i < hits.size() && next < ruleCount) {
      int j = i;
      Set<Integer> sameTime = new HashSet<>();
      while (j < hits.size() && hits.get(j).at() == hits.get(i).at()) {
        sameTime.add(hits.get(j).rule());
        j++;
      }
      while (next < ruleCount && sameTime.contains(next)) {
        next++;
      }
      i = j;
    }
    return next;
  }

  /**
   * The triggering value's percentile rank in the window, 0..100. For numbers: the share of
   * window values less than or equal to it (its rank; a median value scores about 50). For text
   * (the specification's example ranks process names): the share of window values equal to it, so
   * {@code lte: 1} means "this value makes up at most 1% of what the group did".
   */
  private static double percentile(List<WindowState.Hit> hits, WindowState.Hit current) {
    boolean numeric = !Double.isNaN(current.number());
    for (WindowState.Hit h : hits) {
      numeric &= !Double.isNaN(h.number());
    }
    int hitsAtOrBelow = 0;
    for (WindowState.Hit h : hits) {
      if (numeric ? h.number() <= current.number() : h.value().equals(current.value())) {
        hitsAtOrBelow++;
      }
    }
    return 100.0 * hitsAtOrBelow / hits.size();
  }

  private List<SourceRef> evidenceOf(List<WindowState.Hit> hits) {
    Set<SourceRef> refs = new LinkedHashSet<>();
    for (WindowState.Hit h : hits) {
      for (WindowState.Evidence e : h.evidence()) {
        if (refs.size() >= limits.maxEvidence()) {
          return List.copyOf(refs);
        }
        refs.add(new SourceRef(e.file(), e.line()));
      }
    }
    return List.copyOf(refs);
  }
}
