package org.unmask.scan;

import java.util.List;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.LinkObservation;

/** The vetting of applicants, as the scan sees it: verdicts, ring links and findings. */
@FunctionalInterface
public interface ApplicantStage {

  Outcome vet(ReferenceData reference);

  /** What vetting concluded. */
  record Outcome(List<ApplicantVerdict> verdicts, List<LinkObservation> links, List<Finding> findings) {
    public Outcome {
      verdicts = List.copyOf(verdicts);
      links = List.copyOf(links);
      findings = List.copyOf(findings);
    }
  }

  /** Every applicant gets a zero verdict: for datasets scanned without vetting. */
  static ApplicantStage none() {
    return ref -> new Outcome(
        ref.applicants().stream()
            .map(a -> new ApplicantVerdict(a.applicantId(), 0, false, List.of()))
            .sorted(java.util.Comparator.comparing(ApplicantVerdict::applicantId))
            .toList(),
        List.of(), List.of());
  }
}
