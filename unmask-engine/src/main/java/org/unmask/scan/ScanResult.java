package org.unmask.scan;

import java.util.List;
import org.unmask.event.Finding;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.PersonVerdict;

/** Everything a scan concludes, in output order. Rejected records are streamed to disk, not kept. */
public record ScanResult(
    List<Finding> findings,
    List<PersonVerdict> persons,
    List<Farm> farms,
    List<ApplicantVerdict> applicants,
    ScanStats stats) {

  public ScanResult {
    findings = List.copyOf(findings);
    persons = List.copyOf(persons);
    farms = List.copyOf(farms);
    applicants = List.copyOf(applicants);
  }
}
