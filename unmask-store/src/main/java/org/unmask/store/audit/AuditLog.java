package org.unmask.store.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.unmask.store.schema.Database;

/**
 * The append-only, hash-chained audit log.
 *
 * <p>Appends happen inside the caller's transaction, so a case change and its audit row commit or
 * fail together. The one-row {@code audit_head} table is read {@code FOR UPDATE} first: it
 * serialises concurrent appends (two analysts on one PostgreSQL store) and records the last link,
 * so deleting the newest rows breaks verification just as editing an old one does.
 *
 * <p>The canonical form of a row is its fields, each length-prefixed ({@code 5:alice|}), so no
 * choice of text in one field can imitate another field. The chain protects against edits through
 * SQL by someone who cannot also recompute every later hash; against a database owner who rewrites
 * the whole chain, compare the head hash with one recorded elsewhere.
 */
public final class AuditLog {

  static final String GENESIS = "0".repeat(64);

  private final Database db;
  private final Clock clock;

  public AuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Appends one row in the caller's transaction. */
  public AuditEntry append(Connection c, String actor, String action, String target, String details)
      throws SQLException {
    long lastSeq;
    String lastHash;
    try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_head is missing its row; the audit log has been tampered with");
      }
      lastSeq = rs.getLong(1);
      lastHash = rs.getString(2);
    }
    Instant at = Database.truncate(clock.instant());
    long seq = lastSeq + 1;
    String safeActor = Database.clip(actor, 200);
    String safeTarget = Database.clip(target, 700);
    String safeDetails = Database.clip(details == null ? "" : details, 100_000);
    String hash = hash(lastHash, seq, at, safeActor, action, safeTarget, safeDetails);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_log (seq, at, actor, action, target, details, prev_hash, row_hash) VALUES (?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, seq);
      Database.setTime(ps, 2, at);
      ps.setString(3, safeActor);
      ps.setString(4, action);
      ps.setString(5, safeTarget);
      ps.setString(6, safeDetails);
      ps.setString(7, lastHash);
      ps.setString(8, hash);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
      ps.setLong(1, seq);
      ps.setString(2, hash);
      ps.executeUpdate();
    }
    return new AuditEntry(seq, at, safeActor, action, safeTarget, safeDetails, lastHash, hash);
  }

  /** Appends one row in its own transaction. */
  public AuditEntry append(String actor, String action, String target, String details) {
    return db.transaction(c -> append(c, actor, action, target, details));
  }

  /** Every row, oldest first. */
  public List<AuditEntry> entries() {
    return db.transaction(c -> {
      List<AuditEntry> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
              "SELECT seq, at, actor, action, target, details, prev_hash, row_hash FROM audit_log ORDER BY seq");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AuditEntry(rs.getLong("seq"), Database.getTime(rs, "at"), rs.getString("actor"),
              rs.getString("action"), rs.getString("target"), rs.getString("details"),
              rs.getString("prev_hash"), rs.getString("row_hash")));
        }
      }
      return out;
    });
  }

  /** Recomputes the chain and reports the first row that does not verify. */
  public AuditVerification verify() {
    List<AuditEntry> rows = entries();
    long[] headSeq = new long[1];
    String[] headHash = new String[1];
    db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          headSeq[0] = rs.getLong(1);
          headHash[0] = rs.getString(2);
        } else {
          headSeq[0] = -1;
        }
      }
      return null;
    });
    String prev = GENESIS;
    long expectedSeq = 1;
    for (AuditEntry e : rows) {
      if (e.seq() != expectedSeq) {
        return new AuditVerification(rows.size(), expectedSeq,
            "row " + expectedSeq + " is missing (next row present is " + e.seq() + "): rows were deleted", prev);
      }
      if (!e.prevHash().equals(prev)) {
        return new AuditVerification(rows.size(), e.seq(), "its prev_hash does not match the hash of row " + (e.seq() - 1), prev);
      }
      String expected = hash(prev, e.seq(), e.at(), e.actor(), e.action(), e.target(), e.details());
      if (!expected.equals(e.rowHash())) {
        return new AuditVerification(rows.size(), e.seq(), "its content does not match its hash: the row was edited", prev);
      }
      prev = e.rowHash();
      expectedSeq++;
    }
    if (headSeq[0] != expectedSeq - 1 || !prev.equals(headHash[0])) {
      return new AuditVerification(rows.size(), expectedSeq,
          "the log ends at row " + (expectedSeq - 1) + " but its head records row " + headSeq[0]
              + ": the newest rows were deleted or the head was edited", prev);
    }
    return new AuditVerification(rows.size(), -1, null, prev);
  }

  static String hash(String prev, long seq, Instant at, String actor, String action, String target, String details) {
    StringBuilder canonical = new StringBuilder(prev);
    for (String field : new String[] {Long.toString(seq), at.toString(), actor, action, target, details}) {
      canonical.append(field.length()).append(':').append(field).append('|');
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
