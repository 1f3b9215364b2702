package org.unmask.store.suppressions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.unmask.risk.Suppression;
import org.unmask.store.schema.Database;

/** Reads and writes the suppressions table. */
public final class SuppressionBook {

  private final Database db;

  public SuppressionBook(Database db) {
    this.db = db;
  }

  /** Adds or renews a suppression in the caller's transaction. */
  public void put(Connection c, Suppression s, String createdBy, Instant now) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM suppressions WHERE suppression_id = ?")) {
      del.setString(1, s.id());
      del.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO suppressions (suppression_id, scope, person_id, rule_id,"
        + " cidr, case_id, created_by, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, s.id());
      ps.setString(2, s.scope().label());
      ps.setString(3, s.personId());
      ps.setString(4, s.ruleId());
      ps.setString(5, s.cidr());
      ps.setString(6, s.caseId());
      ps.setString(7, Database.clip(createdBy, 200));
      Database.setTime(ps, 8, now);
      Database.setTime(ps, 9, s.expiresAt());
      ps.executeUpdate();
    }
  }

  /** Suppressions not expired at {@code now}. */
  public List<Suppression> active(Instant now) {
    return db.transaction(c -> active(c, now));
  }

  /** Suppressions not expired at {@code now}, in the caller's transaction. */
  public List<Suppression> active(Connection c, Instant now) throws SQLException {
    return query(c, "SELECT * FROM suppressions WHERE expires_at > ? ORDER BY suppression_id", now);
  }

  /** Every suppression, expired or not, by id. */
  public List<Suppression> all() {
    return db.transaction(c -> {
      List<Suppression> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM suppressions ORDER BY suppression_id")) {
        read(ps, out);
      }
      return out;
    });
  }

  /** Deletes a suppression in the caller's transaction; false when there was none with this id. */
  public boolean delete(Connection c, String suppressionId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM suppressions WHERE suppression_id = ?")) {
      ps.setString(1, suppressionId);
      return ps.executeUpdate() > 0;
    }
  }

  /** Every suppression of a case, expired or not. */
  public List<Suppression> ofCase(String caseId) {
    return db.transaction(c -> {
      List<Suppression> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM suppressions WHERE case_id = ? ORDER BY suppression_id")) {
        ps.setString(1, caseId);
        read(ps, out);
      }
      return out;
    });
  }

  private static List<Suppression> query(Connection c, String sql, Instant now) throws SQLException {
    List<Suppression> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Database.setTime(ps, 1, now);
      read(ps, out);
    }
    return out;
  }

  private static void read(PreparedStatement ps, List<Suppression> out) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        try {
          out.add(new Suppression(rs.getString("suppression_id"), Suppression.Scope.parse(rs.getString("scope")),
              rs.getString("person_id"), rs.getString("rule_id"), rs.getString("cidr"),
              Database.getTime(rs, "expires_at"), rs.getString("case_id")));
        } catch (IllegalArgumentException e) {
          // a row stored before a rule it breaks existed (a network wider than one place): it
          // stays in the table and the audit log, and silences nothing
          System.getLogger(SuppressionBook.class.getName()).log(System.Logger.Level.WARNING,
              "suppression " + rs.getString("suppression_id") + " ignored: " + e.getMessage());
        }
      }
    }
  }
}
