package org.unmask.store.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.unmask.store.StoreException;
import org.unmask.store.audit.AuditLog;
import org.unmask.store.schema.Database;

/**
 * Deletes raw evidence past retention, in one transaction with its own audit row.
 *
 * <p>Findings are aged by their evidence time ({@code observed_at}), verdicts and farms by the last
 * scan that wrote them, identities by when they were stored or their case closed, whichever is
 * later. Anything about a person whose case is still open (not closed) is kept: an investigation
 * in progress must not lose its evidence to the calendar.
 */
public final class Purger {

  private static final String OPEN_CASE_PERSONS = "SELECT person_id FROM cases WHERE status <> 'closed'";

  private final Database db;
  private final AuditLog audit;
  private final Clock clock;

  public Purger(Database db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  public PurgeReport purge(Duration olderThan, String actor) {
    if (olderThan.isNegative() || olderThan.isZero()) {
      throw new StoreException("--older-than must be positive, e.g. 180d");
    }
    Instant cutoff = clock.instant().minus(olderThan);
    return db.transaction(c -> {
      String oldFindings = " FROM findings WHERE observed_at < ? AND NOT (entity_type = 'person' AND entity_id IN ("
          + OPEN_CASE_PERSONS + "))";
      int evidence = count(c, "SELECT COUNT(*) FROM evidence WHERE finding_id IN (SELECT finding_id" + oldFindings + ")", cutoff);
      // Evidence goes first explicitly (the foreign key cascades too, but not every driver reports it).
      exec(c, "DELETE FROM evidence WHERE finding_id IN (SELECT finding_id" + oldFindings + ")", cutoff);
      int findings = exec(c, "DELETE" + oldFindings, cutoff);
      int identities = exec(c, "DELETE FROM identities WHERE stored_at < ? AND NOT EXISTS (SELECT 1 FROM cases k"
          + " WHERE k.person_id = identities.subject_id AND (k.status <> 'closed' OR k.closed_at >= ?))", cutoff, cutoff);
      int persons = exec(c, "DELETE FROM person_verdicts WHERE updated_at < ? AND person_id NOT IN (" + OPEN_CASE_PERSONS + ")",
          cutoff);
      int applicants = exec(c, "DELETE FROM applicant_verdicts WHERE updated_at < ?", cutoff);
      int farms = exec(c, "DELETE FROM farms WHERE updated_at < ?", cutoff);
      PurgeReport report = new PurgeReport(cutoff, findings, evidence, identities, persons, applicants, farms);
      audit.append(c, actor, "purge", "store", "older-than=" + olderThan + "; cutoff=" + cutoff + "; " + report.describe());
      return report;
    });
  }

  private static int exec(Connection c, String sql, Instant... times) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < times.length; i++) {
        Database.setTime(ps, i + 1, times[i]);
      }
      return ps.executeUpdate();
    }
  }

  private static int count(Connection c, String sql, Instant cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Database.setTime(ps, 1, cutoff);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
