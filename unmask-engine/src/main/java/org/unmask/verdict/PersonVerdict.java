package org.unmask.verdict;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A line of persons.jsonl: one person's accumulated risk.
 *
 * @param firstFlaggedAt event time at which risk first crossed the case threshold, or null
 */
public record PersonVerdict(
    String personId, double riskScore, boolean caseOpened, Instant firstFlaggedAt, List<Reason> reasons) {
  public PersonVerdict {
    requireNonNull(personId, "personId");
    reasons = List.copyOf(reasons);
  }
}
