package org.unmask.store.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.unmask.reference.Person;
import org.unmask.store.StoreException;
import org.unmask.store.audit.AuditLog;
import org.unmask.store.schema.Database;
import org.unmask.store.schema.Json;

/**
 * The identities table: written by scans for people with a case, read only by {@link #reveal}.
 *
 * <p>The role is what the caller states: a local command line cannot authenticate anyone. What the
 * vault guarantees is that nobody sees an identity without saying who they are, in which role, and
 * why, in a log that cannot be edited unnoticed. On a team PostgreSQL store, grant SELECT on
 * {@code identities} only to the role that runs reveals (see docs/privacy-and-retention.md).
 */
public final class IdentityVault {

  private final Database db;
  private final AuditLog audit;
  private final Clock clock;

  public IdentityVault(Database db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /** Saves or refreshes a person's identity in the caller's transaction. */
  public void put(Connection c, Person p, String scanId) throws SQLException {
    Map<String, String> f = new LinkedHashMap<>();
    putIf(f, "full_name", p.fullName());
    putIf(f, "email", p.email());
    putIf(f, "personal_email", p.personalEmail());
    putIf(f, "phone", p.phone());
    if (p.home() != null) {
      putIf(f, "home_street", p.home().street());
      putIf(f, "home_city", p.home().city());
      putIf(f, "home_region", p.home().region());
      putIf(f, "home_postal", p.home().postal());
      putIf(f, "home_country", p.home().country());
    }
    putIf(f, "payee_name", p.payeeName());
    try (PreparedStatement del = c.prepareStatement("DELETE FROM identities WHERE subject_type = 'person' AND subject_id = ?")) {
      del.setString(1, Database.clip(p.personId(), 300));
      del.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO identities (subject_type, subject_id, identity, scan_id, stored_at) VALUES ('person', ?, ?, ?, ?)")) {
      ps.setString(1, Database.clip(p.personId(), 300));
      ps.setString(2, Database.clip(Json.write(f), 100_000));
      ps.setString(3, scanId);
      Database.setTime(ps, 4, clock.instant());
      ps.executeUpdate();
    }
  }

  private static void putIf(Map<String, String> f, String key, String value) {
    if (value != null && !value.isBlank()) {
      f.put(key, value);
    }
  }

  /**
   * The identity of the person behind a case, after checking role and reason and recording the
   * reveal. A refusal is recorded too, so repeated attempts are visible.
   */
  /**
   * Whether a reason says something: three letters or digits at least. Blank is not enough of a
   * test: zero-width and no-break spaces, or a NUL, pass it and leave the audit row a reason no
   * one can read.
   */
  static boolean readable(String reason) {
    if (reason == null) {
      return false;
    }
    return reason.codePoints().filter(Character::isLetterOrDigit).limit(3).count() == 3;
  }

  public Identity reveal(String caseId, RevealRequest request) {
    String actor = request.actor() == null || request.actor().isBlank() ? "unknown" : request.actor();
    Role role = Role.parse(request.role());
    String problem = null;
    if (request.role() == null || request.role().isBlank()) {
      problem = "revealing an identity needs a role: --role analyst or --role admin";
    } else if (role == null || !role.mayReveal()) {
      problem = "role '" + request.role() + "' may not reveal identities; only analyst or admin may";
    } else if (!readable(request.reason())) {
      problem = "revealing an identity needs a written reason, why you need to know who this is"
          + " (--reason \"...\" in the CLI, {\"reason\": \"...\"} in the API)";
    }
    if (problem != null) {
      String refused = problem;
      audit.append(actor, "identity.reveal.refused", caseId, refused);
      throw new RevealRefusedException(refused);
    }
    return db.transaction(c -> {
      String personId;
      try (PreparedStatement ps = c.prepareStatement("SELECT person_id FROM cases WHERE case_id = ?")) {
        ps.setString(1, caseId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new StoreException("no such case: " + caseId + " (unmask cases list shows the case ids)");
          }
          personId = rs.getString(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT identity, stored_at FROM identities WHERE subject_type = 'person' AND subject_id = ?")) {
        ps.setString(1, personId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new StoreException("no identity stored for " + caseId + ": it was purged, or no scan saved it");
          }
          Map<String, String> fields = new LinkedHashMap<>();
          Json.object(rs.getString(1)).forEach((k, v) -> fields.put(k, String.valueOf(v)));
          Instant storedAt = Database.getTime(rs, "stored_at");
          audit.append(c, actor, "identity.reveal", caseId, "role=" + role.label() + "; reason=" + request.reason().strip());
          return new Identity("person", personId, fields, storedAt);
        }
      }
    });
  }
}
