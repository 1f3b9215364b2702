package org.unmask.verdict;

import static java.util.Objects.requireNonNull;

/** One line of "why": a rule id, what it found, and how many points it carries in the score. */
public record Reason(String ruleId, String summary, double points) {
  public Reason {
    requireNonNull(ruleId, "ruleId");
    requireNonNull(summary, "summary");
  }
}
