package org.unmask.store;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.unmask.event.Finding;
import org.unmask.reference.Person;
import org.unmask.store.cases.Case;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.PersonVerdict;

/**
 * Everything one scan concluded, as handed to {@link Store#saveScan}: the same findings, persons,
 * farms and applicants the scan writes to its jsonl files (summaries already pseudonymised), plus
 * the people.csv rows of the dataset so the store can keep the identity of anyone with a case for
 * an audited reveal.
 *
 * @param scanId identifies the scan; {@link #of} derives it from the content, so saving the same
 *     scan twice (a re-run after a crash) names the same scan
 * @param dataset the dataset folder, for the record
 * @param scannedAt when the scan ran; suppressions are evaluated at this instant
 * @param people people.csv as read (may be empty); only people with a case are stored
 */
public record ScanSnapshot(
    String scanId,
    String dataset,
    Instant scannedAt,
    List<Finding> findings,
    List<PersonVerdict> persons,
    List<Farm> farms,
    List<ApplicantVerdict> applicants,
    List<Person> people) {

  public ScanSnapshot {
    requireNonNull(scanId, "scanId");
    requireNonNull(scannedAt, "scannedAt");
    findings = List.copyOf(findings);
    persons = List.copyOf(persons);
    farms = List.copyOf(farms);
    applicants = List.copyOf(applicants);
    people = List.copyOf(people);
  }

  /** A snapshot whose scan id is a hash of its content. */
  public static ScanSnapshot of(String dataset, Instant scannedAt, List<Finding> findings, List<PersonVerdict> persons,
      List<Farm> farms, List<ApplicantVerdict> applicants, List<Person> people) {
    return new ScanSnapshot(contentId(dataset, findings, persons, farms, applicants), dataset, scannedAt, findings,
        persons, farms, applicants, people);
  }

  /** The cases this scan proposes: one per person whose verdict opened a case. */
  public List<CaseProposal> caseProposals() {
    return persons.stream()
        .filter(PersonVerdict::caseOpened)
        .map(v -> new CaseProposal(Case.idFor(v.personId()), v.personId(), v.riskScore(), v.firstFlaggedAt(), v))
        .toList();
  }

  /** A case the scan wants open for a person, with the verdict that justifies it. */
  public record CaseProposal(String caseId, String personId, double riskScore, Instant firstFlaggedAt, PersonVerdict verdict) {}

  private static String contentId(String dataset, List<Finding> findings, List<PersonVerdict> persons, List<Farm> farms,
      List<ApplicantVerdict> applicants) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(String.valueOf(dataset).getBytes(StandardCharsets.UTF_8));
      for (Finding f : findings) {
        sha.update((byte) 0);
        sha.update(f.id().getBytes(StandardCharsets.UTF_8));
      }
      for (PersonVerdict v : persons) {
        sha.update((byte) 1);
        sha.update((v.personId() + "|" + v.riskScore() + "|" + v.caseOpened()).getBytes(StandardCharsets.UTF_8));
      }
      for (Farm f : farms) {
        sha.update((byte) 2);
        sha.update(f.farmId().getBytes(StandardCharsets.UTF_8));
      }
      for (ApplicantVerdict a : applicants) {
        sha.update((byte) 3);
        sha.update((a.applicantId() + "|" + a.riskScore()).getBytes(StandardCharsets.UTF_8));
      }
      return "scan-" + HexFormat.of().formatHex(sha.digest(), 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
