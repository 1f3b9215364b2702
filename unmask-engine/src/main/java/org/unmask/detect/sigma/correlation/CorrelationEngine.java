package org.unmask.detect.sigma.correlation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.unmask.event.Event;

/**
 * Runs Sigma correlation rules over base-rule matches that arrive in event-time order.
 *
 * <p>Each referenced rule (by {@code id} or {@code name}) feeds the correlations that list it. A
 * correlation that fires is fed, like a base match, to the correlations that reference it
 * (chaining), depth first, before the next input is handled. Only matches that are meant to be
 * reported reach the caller: a correlation referenced by another correlation whose {@code generate}
 * is false is internal, exactly as its base rules are (see {@link #reportsBaseRule}).
 *
 * <p>The engine holds no mutable fields: every window lives in the {@link StateProvider}, so the
 * same instance serves the local scan and a Flink operator. The windowing and firing rules are
 * described on {@code Correlator} and in docs/rules-correlations.md.
 */
public final class CorrelationEngine {

  /**
   * Bounds on the state of one group.
   *
   * @param maxMatchesPerGroup matches kept per group window; the oldest are dropped beyond this,
   *     and rules whose condition needs more are rejected at compile time
   * @param maxEvidence source lines reported per correlation match
   * @param percentileSamples how many of the most recent numeric values value_percentile ranks
   *     against (text values are ranked against the whole window)
   */
  public record Limits(int maxMatchesPerGroup, int maxEvidence, int percentileSamples) {
    public static final Limits DEFAULT = new Limits(10_000, 20, 1_000);

    public Limits {
      if (maxMatchesPerGroup < 1 || maxEvidence < 1 || percentileSamples < 1) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }
  }

  private record Subscriber(Correlator correlator, int ruleIndex) {}

  private final List<Correlator> correlators;
  private final Map<String, List<Subscriber>> subscribers;
  private final Map<String, Boolean> generatedByRef;
  private final StateProvider state;

  private CorrelationEngine(
      List<Correlator> correlators,
      Map<String, List<Subscriber>> subscribers,
      Map<String, Boolean> generatedByRef,
      StateProvider state) {
    this.correlators = correlators;
    this.subscribers = subscribers;
    this.generatedByRef = generatedByRef;
    this.state = state;
  }

  /** {@link #compile(List, Collection, StateProvider, Limits)} with the default limits. */
  public static CorrelationEngine compile(
      List<CorrelationRule> rules, Collection<RuleRef> knownRules, StateProvider state) {
    return compile(rules, knownRules, state, Limits.DEFAULT);
  }

  /**
   * Checks the rules as a set and builds the engine.
   *
   * @param rules the correlation rules, in load order (which is also the order they are fed)
   * @param knownRules the loaded detection rules, to check that references resolve; null skips that
   *     check (references to unknown rules then simply never match)
   * @param state where group windows live
   * @param limits state bounds
   * @throws CorrelationRuleException listing duplicate ids or names, unknown references, aliases
   *     for rules the correlation does not reference, reference cycles and unreachable conditions
   */
  public static CorrelationEngine compile(
      List<CorrelationRule> rules,
      Collection<RuleRef> knownRules,
      StateProvider state,
      Limits limits) {
    return compile(rules, knownRules, state, limits, List::of);
  }

  /**
   * As {@link #compile(List, Collection, StateProvider, Limits)}, reading {@code group-by} and
   * {@code condition.field} through {@code eventKeys}: a Sigma field name to the event keys that
   * hold it, as the detection rules' pipeline maps it (the name itself is tried last).
   */
  public static CorrelationEngine compile(
      List<CorrelationRule> rules,
      Collection<RuleRef> knownRules,
      StateProvider state,
      Limits limits,
      java.util.function.Function<String, List<String>> eventKeys) {
    requireNonNull(state, "state");
    requireNonNull(limits, "limits");
    new CorrelationSetCheck(rules, knownRules, limits).check();

    List<Correlator> correlators = new ArrayList<>();
    Map<String, List<Subscriber>> subscribers = new HashMap<>();
    Map<String, Boolean> generated = new HashMap<>();
    for (CorrelationRule rule : rules) {
      Correlator correlator = new Correlator(rule, limits, eventKeys);
      correlators.add(correlator);
      for (int i = 0; i < rule.rules().size(); i++) {
        String ref = rule.rules().get(i);
        subscribers.computeIfAbsent(ref, r -> new ArrayList<>()).add(new Subscriber(correlator, i));
        generated.merge(ref, rule.generate(), Boolean::logicalOr);
      }
    }
    // A rule referenced by name is the same rule when matched by id: carry the flag across.
    if (knownRules != null) {
      for (RuleRef known : knownRules) {
        Boolean byId = known.id() == null ? null : generated.get(known.id());
        Boolean byName = known.name() == null ? null : generated.get(known.name());
        if (byId != null || byName != null) {
          boolean any = Boolean.TRUE.equals(byId) || Boolean.TRUE.equals(byName);
          if (known.id() != null) {
            generated.put(known.id(), any);
          }
          if (known.name() != null) {
            generated.put(known.name(), any);
          }
        }
      }
    }
    return new CorrelationEngine(List.copyOf(correlators), subscribers, generated, state);
  }

  /**
   * Base-rule matches ignored because they arrived later than a whole window (or older than all a
   * full window keeps): the input was not in time order, and a pattern they belong to may have
   * been missed. Counted so a caller can say so; {@code unmask match} does.
   */
  public long tooLate() {
    long n = 0;
    for (Correlator c : correlators) {
      n += c.tooLate();
    }
    return n;
  }

  /** The correlation rules, in load order. */
  public List<CorrelationRule> rules() {
    return correlators.stream().map(Correlator::rule).toList();
  }

  /** True when some correlation consumes matches of this rule; others need not be fed. */
  public boolean references(String ruleId, String ruleName) {
    return (ruleId != null && subscribers.containsKey(ruleId))
        || (ruleName != null && subscribers.containsKey(ruleName));
  }

  /**
   * Whether a base rule's own matches should be reported as findings. Per the specification's
   * {@code generate} (default false), a rule referenced by correlations is reported only if at
   * least one of them sets {@code generate: true}; a rule no correlation references is reported.
   */
  public boolean reportsBaseRule(String ruleId, String ruleName) {
    Boolean byId = ruleId == null ? null : generatedByRef.get(ruleId);
    Boolean byName = ruleName == null ? null : generatedByRef.get(ruleName);
    if (byId == null && byName == null) {
      return true;
    }
    return Boolean.TRUE.equals(byId) || Boolean.TRUE.equals(byName);
  }

  /** Feeds one base-rule match. */
  public void onMatch(BaseMatch match, Consumer<CorrelationMatch> out) {
    onMatch(match.ruleId(), match.ruleName(), match.event(), out);
  }

  /**
   * Feeds one base-rule match; {@code out} receives the correlation matches it completes that are
   * to be reported, inner (chained) ones before the outer ones they complete.
   *
   * @param ruleId the matched rule's id, or null
   * @param ruleName the matched rule's name, or null
   * @param event the matched event; matches must arrive in event-time order
   */
  public void onMatch(String ruleId, String ruleName, Event event, Consumer<CorrelationMatch> out) {
    requireNonNull(event, "event");
    requireNonNull(out, "out");
    var evidence = List.of(new WindowState.Evidence(event.source().file(), event.source().line()));
    feed(ruleId, ruleName, event, evidence, out);
  }

  /**
   * Drops group windows that can no longer contribute: every group whose newest match is more than
   * its correlation's timespan before {@code watermark}. Call it now and then with the event time
   * reached (the local scan and the Flink job's Conclude do so every hour of event time, the scan
   * also at the end). Only state providers that list their groups are swept.
   */
  public void expire(Instant watermark) {
    long millis = watermark.toEpochMilli();
    for (Correlator correlator : correlators) {
      correlator.expire(millis, state);
    }
  }

  private void feed(
      String ruleId,
      String ruleName,
      Event event,
      List<WindowState.Evidence> evidence,
      Consumer<CorrelationMatch> out) {
    Map<Correlator, Integer> targets = new LinkedHashMap<>();
    addTargets(ruleId, targets);
    addTargets(ruleName, targets);
    for (Map.Entry<Correlator, Integer> target : targets.entrySet()) {
      CorrelationMatch match =
          target.getKey().offer(target.getValue(), ruleId, ruleName, event, evidence, state);
      if (match == null) {
        continue;
      }
      CorrelationRule fired = match.rule();
      if (reportsBaseRule(fired.id(), fired.name())) {
        out.accept(match);
      }
      if (references(fired.id(), fired.name())) {
        feed(fired.id(), fired.name(), chained(match), evidenceOf(match), out);
      }
    }
  }

  private void addTargets(String ref, Map<Correlator, Integer> targets) {
    if (ref == null) {
      return;
    }
    for (Subscriber subscriber : subscribers.getOrDefault(ref, List.of())) {
      targets.putIfAbsent(subscriber.correlator(), subscriber.ruleIndex());
    }
  }

  /**
   * The event a correlation match presents to the correlations that reference it: the trigger's
   * fields with the group-by values on top (so an outer rule can group by an inner alias), at the
   * firing time.
   */
  private static Event chained(CorrelationMatch match) {
    Event trigger = match.trigger();
    Map<String, Object> extra = new HashMap<>(match.groupBy());
    Event moved = trigger.with(extra);
    return new Event(match.windowEnd(), moved.dataset(), moved.fields(), moved.source());
  }

  private static List<WindowState.Evidence> evidenceOf(CorrelationMatch match) {
    List<WindowState.Evidence> evidence = new ArrayList<>(match.evidence().size());
    Set<String> seen = new HashSet<>();
    for (var ref : match.evidence()) {
      if (seen.add(ref.toString())) {
        evidence.add(new WindowState.Evidence(ref.file(), ref.line()));
      }
    }
    return List.copyOf(evidence);
  }
}
