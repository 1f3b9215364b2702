package org.unmask.verdict;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A line of applicants.jsonl. */
public record ApplicantVerdict(String applicantId, double riskScore, boolean flagged, List<Reason> reasons) {
  public ApplicantVerdict {
    requireNonNull(applicantId, "applicantId");
    reasons = List.copyOf(reasons);
  }
}
