package org.unmask.store.retention;

import java.time.Instant;

/** What a purge deleted; everything older than {@code cutoff} and not under an open case. */
public record PurgeReport(Instant cutoff, int findings, int evidence, int identities, int personVerdicts,
    int applicantVerdicts, int farms) {

  public String describe() {
    return "findings=" + findings + " evidence=" + evidence + " identities=" + identities
        + " person_verdicts=" + personVerdicts + " applicant_verdicts=" + applicantVerdicts + " farms=" + farms;
  }
}
