package org.unmask.vet;

import java.util.List;
import org.unmask.event.Finding;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.IdentityLink;

/**
 * What vetting concludes.
 *
 * @param verdicts one per applicant, highest risk first, then by id
 * @param links the identity links that stand (applicant–applicant and applicant–person links
 *     touching a flagged or ringed applicant, and person–person links for shared pay details),
 *     each with its weight and explanation: a link too weak to flag anyone it ties is left out
 * @param rings identity rings: connected groups of identities joined by strong links
 *     (weight ≥ {@link ApplicantVetting#STRONG_LINK}), as farms.jsonl lines with no devices
 * @param findings findings about applicants and about the persons they were hired as
 */
public record VetResult(
    List<ApplicantVerdict> verdicts, List<IdentityLink> links, List<Farm> rings, List<Finding> findings) {
  public VetResult {
    verdicts = List.copyOf(verdicts);
    links = List.copyOf(links);
    rings = List.copyOf(rings);
    findings = List.copyOf(findings);
  }
}
