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
 * @param links every identity link found (applicant–applicant, applicant–person, and
 *     person–person for shared pay details), each with its weight and explanation
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
