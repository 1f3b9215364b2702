package org.unmask.store.cases;

import java.time.Instant;
import java.util.List;
import org.unmask.verdict.Reason;

/**
 * A case about one person.
 *
 * @param caseId {@code case-<person_id>}: deterministic, so re-scans find the same case
 * @param resolution set when closed, else null
 * @param assignee who works on it, or null
 * @param riskScore the person's risk at the latest scan
 * @param reasons the findings that carry most of the score at the latest scan
 */
public record Case(
    String caseId,
    String personId,
    CaseStatus status,
    Resolution resolution,
    String assignee,
    double riskScore,
    List<Reason> reasons,
    Instant firstFlaggedAt,
    Instant openedAt,
    Instant updatedAt,
    Instant closedAt,
    String lastScanId) {

  /** The case id for a person. */
  public static String idFor(String personId) {
    return "case-" + personId;
  }
}
