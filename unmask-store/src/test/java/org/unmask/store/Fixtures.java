package org.unmask.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.reference.Address;
import org.unmask.reference.Person;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.PersonVerdict;
import org.unmask.verdict.Reason;
import org.unmask.verdict.SharedAttribute;

/**
 * Scan snapshots for tests: persons p-0..p-(n-1); p-0 and p-1 cross the case threshold. Findings
 * are spread over the persons with deterministic ids, so building the same snapshot twice gives the
 * same ids, and a larger snapshot contains the smaller one.
 */
final class Fixtures {

  static final Instant EVIDENCE_TIME = Instant.parse("2026-05-04T14:00:00Z");
  static final String RMM = "rmm_tool_on_corporate_laptop";
  static final String TRAVEL = "impossible_travel";

  private Fixtures() {}

  static ScanSnapshot snapshot(int findings, Instant scannedAt) {
    return snapshot(findings, scannedAt, 60, "dataset");
  }

  static ScanSnapshot snapshot(int findings, Instant scannedAt, double riskOfP0, String dataset) {
    int persons = 5;
    List<Finding> fs = new ArrayList<>();
    for (int i = 0; i < findings; i++) {
      String person = "p-" + (i % persons);
      String rule = i % 2 == 0 ? RMM : TRAVEL;
      EntityRef who = EntityRef.person(person);
      fs.add(new Finding(Finding.idOf(rule, who, "events/x.jsonl:" + i), rule, rule.replace('_', ' '), Severity.HIGH,
          List.of("T1219"), EVIDENCE_TIME.plusSeconds(i), who, 20, List.of(new SourceRef("events/x.jsonl", i + 1)),
          "signed in from 203.0.113." + (i % 250) + " as user-0a1b2c3d4e@pseudo"));
    }
    List<PersonVerdict> vs = new ArrayList<>();
    for (int p = 0; p < persons; p++) {
      boolean flagged = p < 2;
      double risk = p == 0 ? riskOfP0 : flagged ? 55 : 10;
      vs.add(new PersonVerdict("p-" + p, risk, flagged, flagged ? EVIDENCE_TIME : null,
          flagged ? List.of(new Reason(RMM, "AnyDesk on the laptop", 30), new Reason(TRAVEL, "two countries in an hour", 25))
              : List.of()));
    }
    List<Farm> farms = List.of(new Farm("farm-1", List.of("p-0", "p-1"), List.of("d-1"), List.of(),
        List.of(new SharedAttribute("ip", "203.0.113.7")), 80));
    List<ApplicantVerdict> applicants = List.of(new ApplicantVerdict("a-1", 40, false, List.of()));
    return ScanSnapshot.of(dataset, scannedAt, fs, vs, farms, applicants, people(persons));
  }

  static List<Person> people(int n) {
    List<Person> out = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      out.add(new Person("p-" + p, "Person Number" + p, "person" + p + "@example.com", null, "+1 312 555 01" + (10 + p),
          null, null, "Engineer", "Payments", null, new Address(p + " Oak Street", "Chicago", "IL", "60601", "US"),
          ZoneId.of("America/Chicago"), "bank-" + p, "Person Number" + p));
    }
    return out;
  }
}
