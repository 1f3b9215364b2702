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
