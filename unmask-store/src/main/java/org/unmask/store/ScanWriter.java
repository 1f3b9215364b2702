package org.unmask.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unmask.event.Finding;
import org.unmask.event.SourceRef;
import org.unmask.reference.Person;
import org.unmask.risk.Suppression;
import org.unmask.risk.Suppressions;
import org.unmask.store.audit.AuditLog;
import org.unmask.store.cases.Case;
import org.unmask.store.privacy.IdentityVault;
import org.unmask.store.schema.Database;
import org.unmask.store.schema.Json;
import org.unmask.store.suppressions.SuppressionBook;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.PersonVerdict;

/**
 * Writes one scan in one transaction.
 *
 * <p>Idempotence comes from the ids: findings, verdicts, farms and cases are keyed by the
 * deterministic ids the engine produces, so writing a scan twice, or a later scan that sees the
 * same evidence again, updates rows instead of adding them. Atomicity comes from the transaction:
 * the scans row is written last in it, so a scan killed mid-write leaves no trace (the database
 * rolls the open transaction back on restart or when the connection drops) and a re-run writes it
 * whole.
 *
 * <p>Cases are the one place where a scan meets human work: a new case is inserted as open (and
 * audited as opened by {@code unmask-scan}); an existing case only gets its risk, reasons and last
 * scan refreshed, never its status, assignee or notes.
 */
final class ScanWriter {

  static final String SCAN_ACTOR = "unmask-scan";

  private final AuditLog audit;
  private final SuppressionBook suppressions;
  private final IdentityVault identities;
  private final Clock clock;

  ScanWriter(AuditLog audit, SuppressionBook suppressions, IdentityVault identities, Clock clock) {
    this.audit = audit;
    this.suppressions = suppressions;
    this.identities = identities;
    this.clock = clock;
  }

  ScanReceipt write(Connection c, ScanSnapshot s, ScanProgress progress, boolean postgres) throws SQLException {
    if (postgres) {
      // Tables that grow inside this transaction have no statistics yet, and PostgreSQL then
      // prefers a sequential scan for the batch key lookups, which makes a first large scan
      // quadratic (measured: 60k findings took 141 s instead of 12 s). Key lookups are all this
      // transaction does, so index scans are always right here.
      try (java.sql.Statement st = c.createStatement()) {
        st.execute("SET LOCAL enable_seqscan = off");
      }
    }
    Instant now = clock.instant();
    Suppressions active = Suppressions.activeAt(suppressions.active(c, s.scannedAt()), s.scannedAt());

    int[] suppressed = new int[1];
    List<Upsert.Row> findingRows = new ArrayList<>(s.findings().size());
    for (Finding f : s.findings()) {
      String by = active.suppressor(f).map(Suppression::id).orElse(null);
      if (by != null) {
        suppressed[0]++;
      }
      findingRows.add(new Upsert.Row(Database.clip(f.id(), 100), new Object[] {
          Database.clip(f.ruleId(), 300), Database.clip(f.title(), 1000), f.severity().label(),
          Database.clip(String.join(",", f.attack()), 1000), f.timestamp(), f.entity().type().label(),
          Database.clip(f.entity().id(), 300), f.risk(), Database.clip(f.summary(), 10_000), by == null ? NULL_TEXT : by, s.scanId(), s.scanId()}));
    }
    Upsert findings = new Upsert("findings", "finding_id", List.of("rule_id", "title", "severity", "attack",
        "observed_at", "entity_type", "entity_id", "risk", "summary", "suppressed_by", "last_scan_id"),
        List.of("first_scan_id"), ScanWriter::bind);
    Set<String> newFindings = findings.write(c, findingRows, progress);
    writeEvidence(c, s.findings(), progress);

    List<Upsert.Row> personRows = new ArrayList<>();
    for (PersonVerdict v : s.persons()) {
      personRows.add(new Upsert.Row(Database.clip(v.personId(), 300), new Object[] {v.riskScore(), v.caseOpened(),
          v.firstFlaggedAt() == null ? NULL_TIME : v.firstFlaggedAt(), Database.clip(Json.reasons(v.reasons()), 100_000), s.scanId(), now}));
    }
    new Upsert("person_verdicts", "person_id",
        List.of("risk_score", "case_opened", "first_flagged_at", "reasons", "scan_id", "updated_at"), ScanWriter::bind)
        .write(c, personRows, progress);

    List<Upsert.Row> applicantRows = new ArrayList<>();
    for (ApplicantVerdict a : s.applicants()) {
      applicantRows.add(new Upsert.Row(Database.clip(a.applicantId(), 300), new Object[] {a.riskScore(), a.flagged(),
          Database.clip(Json.reasons(a.reasons()), 100_000), s.scanId(), now}));
    }
    new Upsert("applicant_verdicts", "applicant_id", List.of("risk_score", "flagged", "reasons", "scan_id", "updated_at"),
        ScanWriter::bind).write(c, applicantRows, progress);

    List<Upsert.Row> farmRows = new ArrayList<>();
    for (Farm f : s.farms()) {
      Map<String, Object> members = new LinkedHashMap<>();
      members.put("persons", f.persons());
      members.put("devices", f.devices());
      members.put("applicants", f.applicants());
      members.put("shared", f.shared().stream().map(a -> Map.of("type", a.type(), "value", a.value())).toList());
      farmRows.add(new Upsert.Row(Database.clip(f.farmId(), 300),
          new Object[] {Database.clip(Json.write(members), 100_000), f.score(), s.scanId(), now}));
    }
    new Upsert("farms", "farm_id", List.of("members", "score", "scan_id", "updated_at"), ScanWriter::bind)
        .write(c, farmRows, progress);

    int[] caseCounts = writeCases(c, s, now);
    writeScanRow(c, s, now, caseCounts[0], suppressed[0]);
    return new ScanReceipt(s.scanId(), s.findings().size(), newFindings.size(), s.persons().size(), caseCounts[0],
        caseCounts[1], suppressed[0]);
  }

  private int[] writeCases(Connection c, ScanSnapshot s, Instant now) throws SQLException {
    Map<String, Person> people = new HashMap<>();
    for (Person p : s.people()) {
      people.put(p.personId(), p);
    }
    Map<String, ScanSnapshot.CaseProposal> proposals = new LinkedHashMap<>();
    for (ScanSnapshot.CaseProposal p : s.caseProposals()) {
      proposals.put(p.caseId(), p);
    }
    int opened = 0;
    int refreshed = 0;
    // Existing cases of people this scan judged (flagged or not) get their risk refreshed.
    for (PersonVerdict v : s.persons()) {
      // Ids are cut to the column like every other stored id, so one absurd person_id cannot fail the scan.
      String personId = Database.clip(v.personId(), 300);
      String caseId = Case.idFor(personId);
      boolean exists;
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cases WHERE case_id = ?")) {
        ps.setString(1, caseId);
        try (ResultSet rs = ps.executeQuery()) {
          exists = rs.next();
        }
      }
      if (exists) {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE cases SET risk_score = ?, reasons = ?, last_scan_id = ? WHERE case_id = ?")) {
          ps.setDouble(1, v.riskScore());
          ps.setString(2, Database.clip(Json.reasons(v.reasons()), 100_000));
          ps.setString(3, s.scanId());
          ps.setString(4, caseId);
          ps.executeUpdate();
        }
        refreshed++;
      } else if (proposals.containsKey(caseId)) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cases (case_id, person_id, status, risk_score, reasons,"
            + " first_flagged_at, opened_at, updated_at, last_scan_id) VALUES (?,?,?,?,?,?,?,?,?)")) {
          ps.setString(1, caseId);
          ps.setString(2, personId);
          ps.setString(3, "open");
          ps.setDouble(4, v.riskScore());
          ps.setString(5, Database.clip(Json.reasons(v.reasons()), 100_000));
          Database.setTime(ps, 6, v.firstFlaggedAt());
          Database.setTime(ps, 7, now);
          Database.setTime(ps, 8, now);
          ps.setString(9, s.scanId());
          ps.executeUpdate();
        }
        audit.append(c, SCAN_ACTOR, "case.open", caseId,
            "risk=" + Math.round(v.riskScore()) + "; scan=" + s.scanId());
        opened++;
      } else {
        continue;
      }
      Person p = people.get(v.personId());
      if (p != null) {
        identities.put(c, p, s.scanId());
      }
    }
    return new int[] {opened, refreshed};
  }

  private void writeEvidence(Connection c, List<Finding> findings, ScanProgress progress) throws SQLException {
    Map<String, List<SourceRef>> byId = new LinkedHashMap<>();
    for (Finding f : findings) {
      byId.put(Database.clip(f.id(), 100), f.evidence());
    }
    // The findings upsert deleted the evidence of re-written findings (ON DELETE CASCADE), so only
    // inserts remain; a multi-row INSERT per batch keeps it to one round trip.
    List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<String, List<SourceRef>> e : byId.entrySet()) {
      int ordinal = 0;
      for (SourceRef ref : e.getValue()) {
        rows.add(new Object[] {e.getKey(), ordinal++, Database.clip(ref.file(), 2000), ref.line()});
      }
    }
    for (int from = 0; from < rows.size(); from += Upsert.BATCH) {
      List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + Upsert.BATCH));
      try (PreparedStatement in = c.prepareStatement("INSERT INTO evidence (finding_id, ordinal, file, line) VALUES "
          + String.join(", ", Collections.nCopies(batch.size(), "(?, ?, ?, ?)")))) {
        int p = 1;
        for (Object[] r : batch) {
          in.setString(p++, (String) r[0]);
          in.setInt(p++, (Integer) r[1]);
          in.setString(p++, (String) r[2]);
          in.setLong(p++, (Long) r[3]);
        }
        in.executeUpdate();
      }
      progress.written("evidence", batch.size());
    }
  }

  private static void writeScanRow(Connection c, ScanSnapshot s, Instant now, int casesOpened, int suppressed)
      throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM scans WHERE scan_id = ?")) {
      del.setString(1, s.scanId());
      del.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO scans (scan_id, dataset, scanned_at, completed_at, findings,"
        + " persons, farms, applicants, cases_opened, suppressed) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, s.scanId());
      ps.setString(2, Database.clip(s.dataset(), 2000));
      Database.setTime(ps, 3, s.scannedAt());
      Database.setTime(ps, 4, now);
      ps.setInt(5, s.findings().size());
      ps.setInt(6, s.persons().size());
      ps.setInt(7, s.farms().size());
      ps.setInt(8, s.applicants().size());
      ps.setInt(9, casesOpened);
      ps.setInt(10, suppressed);
      ps.executeUpdate();
    }
  }

  // Typed nulls: PostgreSQL refuses a NULL declared as text for a timestamp column.
  private static final Object NULL_TIME = new Object();
  private static final Object NULL_TEXT = new Object();

  static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == NULL_TIME) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else if (value == NULL_TEXT || value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else if (value instanceof String str) {
      ps.setString(index, str);
    } else if (value instanceof Double d) {
      ps.setDouble(index, d);
    } else if (value instanceof Boolean b) {
      ps.setBoolean(index, b);
    } else if (value instanceof Instant t) {
      Database.setTime(ps, index, t);
    } else {
      throw new IllegalArgumentException("no binding for " + value.getClass());
    }
  }
}
