package org.unmask.sim.hiring;

import java.time.Instant;
import java.time.LocalDate;
import org.unmask.reference.Address;

/** A row of applicants.csv as the simulator writes it. */
public record ApplicantRow(
    String applicantId, Instant appliedAt, String fullName, String email, String phone, Address address, LocalDate dob,
    String nationalIdHash, String linkedinUrl, LocalDate linkedinCreated, Integer linkedinConnections, String githubLogin,
    LocalDate githubCreated, Integer githubPublicRepos, Integer githubFollowers, String resumeFile, String photoFile,
    String referrer, String hiredPersonId) {}
