package org.unmask.detect;

import java.util.function.Consumer;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.RuleTraits;

/**
 * A set of rules judged event by event (the compiled Sigma rule set and its correlations), as the
 * scan pipeline sees it: events in, findings out, and the traits of each rule for the risk model.
 */
public interface EventRules {

  /** Matches one event; findings go to {@code out}. */
  void match(Event event, ReferenceData reference, Consumer<Finding> out);

  /**
   * The stateless, costly half of {@link #match}: which single-event rules the event satisfies.
   * Thread-safe, so it may run on many threads; the result goes to {@link #match(Event,
   * ReferenceData, Object, Consumer)} on the one ordered thread. Default: nothing done ahead (null).
   */
  default Object prematch(Event event) {
    return null;
  }

  /**
   * The stateful half (correlations, once-a-day dedupe), given what {@link #prematch} found for this
   * very event; {@code match(e, r, prematch(e), out)} is exactly {@code match(e, r, out)}. A null
   * prematch means "do everything here".
   */
  default void match(Event event, ReferenceData reference, Object prematched, Consumer<Finding> out) {
    match(event, reference, out);
  }

  /**
   * Where the rule matches that correlations read go when correlations are judged elsewhere: the
   * Flink job judges rules per entity, in parallel, and correlations in one place, because a
   * correlation's group (a source address, a host) can span the entities.
   */
  interface CorrelationFeed {
    void accept(String ruleId, String ruleName, Event event);
  }

  /**
   * As {@link #match(Event, ReferenceData, Object, Consumer)}, except that the matches any
   * correlation reads go to {@code feed} instead of being correlated here; {@link #correlate}
   * judges them where the feed leads. Default: correlated here (a set without correlations).
   */
  default void match(Event event, ReferenceData reference, Object prematched, Consumer<Finding> out, CorrelationFeed feed) {
    match(event, reference, prematched, out);
  }

  /**
   * Judges one fed match (see {@link CorrelationFeed}) against the correlations: their findings
   * go to {@code out}. Called in event-time order, as {@link #match} is. Default: no correlations.
   */
  default void correlate(String ruleId, String ruleName, Event event, ReferenceData reference, Consumer<Finding> out) {}

  /** Traits of a rule this set owns, or null when the id is not one of its rules. */
  RuleTraits traits(String ruleId);

  /** Number of rules loaded, for the summary. */
  int size();

  /** No rules. */
  EventRules NONE = new EventRules() {
    @Override
    public void match(Event event, ReferenceData reference, Consumer<Finding> out) {}

    @Override
    public RuleTraits traits(String ruleId) {
      return null;
    }

    @Override
    public int size() {
      return 0;
    }
  };
}
