package org.unmask.reference;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;

/** A row of applicants.csv: a candidate in the hiring pipeline. */
public record Applicant(
    String applicantId,
    Instant appliedAt,
    String fullName,
    String email,
    String phone,
    Address address,
    LocalDate dob,
    String nationalIdHash,
    String linkedinUrl,
    LocalDate linkedinCreated,
    Integer linkedinConnections,
    String githubLogin,
    LocalDate githubCreated,
    Integer githubPublicRepos,
    Integer githubFollowers,
    String resumeFile,
    String photoFile,
    String referrer,
    String hiredPersonId) {

  public Applicant {
    requireNonNull(applicantId, "applicant_id");
    address = address == null ? Address.UNKNOWN : address;
  }
}
