package org.unmask.store.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.risk.Suppression;
import org.unmask.store.StoreException;
import org.unmask.store.audit.AuditLog;
import org.unmask.store.schema.Database;
import org.unmask.store.schema.Json;
import org.unmask.store.suppressions.SuppressionBook;
import org.unmask.verdict.Reason;

/**
 * Reads cases and applies analysts' changes. Each change checks the lifecycle, writes the case and
 * its audit row in one transaction, and refuses with a message that says what is allowed instead.
 */
public final class CaseBook {

  private final Database db;
  private final AuditLog audit;
  private final SuppressionBook suppressions;
  private final Clock clock;

  public CaseBook(Database db, AuditLog audit, SuppressionBook suppressions, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.suppressions = suppressions;
    this.clock = clock;
  }

  /** Every case, highest risk first (ties by case id). */
  public List<Case> list() {
    return db.transaction(c -> {
      List<Case> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM cases ORDER BY risk_score DESC, case_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    });
  }

  /** The case, if there is one with this id. */
  public Optional<Case> find(String caseId) {
    return db.transaction(c -> find(c, caseId, false));
  }

  /** The case, or a StoreException that says how to find valid ids. */
  public Case get(String caseId) {
    return find(caseId).orElseThrow(() -> noSuchCase(caseId));
  }

  /** The notes of a case, oldest first. */
  public List<CaseNote> notes(String caseId) {
    return db.transaction(c -> {
      List<CaseNote> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT note_no, author, written_at, body FROM case_notes WHERE case_id = ? ORDER BY note_no")) {
        ps.setString(1, caseId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new CaseNote(caseId, rs.getInt(1), rs.getString(2), Database.getTime(rs, "written_at"), rs.getString(4)));
          }
        }
      }
      return out;
    });
  }

  /** The stored findings about the case's person, highest risk first, at most {@code limit}. */
  public List<Finding> findings(String caseId, int limit) {
    Case k = get(caseId);
    return db.transaction(c -> {
      List<Finding> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM findings WHERE entity_type = 'person' AND entity_id = ?"
          + " ORDER BY risk DESC, observed_at, finding_id")) {
        ps.setString(1, k.personId());
        ps.setMaxRows(limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(readFinding(c, rs));
          }
        }
      }
      return out;
    });
  }

  /** Sets the assignee; an open case moves to investigating. */
  public Case assign(String caseId, String assignee, String actor) {
    if (assignee == null || assignee.isBlank()) {
      throw new StoreException("assign needs a name: --to NAME");
    }
    return change(caseId, actor, (c, k) -> {
      refuseIfClosed(k, "assign");
      CaseStatus next = k.status() == CaseStatus.OPEN ? CaseStatus.INVESTIGATING : k.status();
      update(c, caseId, next, null, assignee, null);
      audit.append(c, actor, "case.assign", caseId, "assignee=" + assignee + "; status " + k.status().label() + " -> " + next.label());
    });
  }

  /** Appends a note. Allowed in every state, closed included: the record of a decision can grow. */
  public CaseNote note(String caseId, String text, String actor) {
    if (text == null || text.isBlank()) {
      throw new StoreException("a note needs text: --text \"...\"");
    }
    CaseNote[] added = new CaseNote[1];
    change(caseId, actor, (c, k) -> {
      added[0] = addNote(c, caseId, text, actor);
      touch(c, caseId);
      audit.append(c, actor, "case.note", caseId, "note " + added[0].number() + " added");
    });
    return added[0];
  }

  /** Hands the case to HR or legal. */
  public Case escalate(String caseId, String actor) {
    return change(caseId, actor, (c, k) -> {
      refuseIfClosed(k, "escalate");
      if (k.status() == CaseStatus.ESCALATED) {
        throw new StoreException(caseId + " is already escalated; close it when HR or legal decide");
      }
      update(c, caseId, CaseStatus.ESCALATED, null, null, null);
      audit.append(c, actor, "case.escalate", caseId, "status " + k.status().label() + " -> escalated");
    });
  }

  /**
   * Closes the case with a resolution and a note; a benign or false-positive close may create a
   * suppression that later scans honour until it expires.
   */
  public Case close(String caseId, Resolution resolution, String note, SuppressionRequest suppress, String actor) {
    if (note == null || note.isBlank()) {
      throw new StoreException("closing a case needs a note saying why: --note \"...\"");
    }
    if (suppress != null && !resolution.allowsSuppression()) {
      throw new StoreException("a confirmed case cannot create a suppression; only benign or false_positive closes can");
    }
    return change(caseId, actor, (c, k) -> {
      refuseIfClosed(k, "close");
      Instant now = clock.instant();
      update(c, caseId, CaseStatus.CLOSED, resolution, null, now);
      CaseNote n = addNote(c, caseId, note, actor);
      audit.append(c, actor, "case.close", caseId,
          "status " + k.status().label() + " -> closed as " + resolution.label() + "; note " + n.number());
      if (suppress != null) {
        for (Suppression s : suppressionsFor(k, suppress, now)) {
          suppressions.put(c, s, actor, now);
          audit.append(c, actor, "suppression.create", s.id(),
              s.scope().label() + (s.ruleId() == null ? "" : " rule=" + s.ruleId())
                  + (s.personId() == null ? "" : " person=" + s.personId())
                  + (s.cidr() == null ? "" : " network=" + s.cidr()) + "; expires " + s.expiresAt());
        }
      }
    });
  }

  private List<Suppression> suppressionsFor(Case k, SuppressionRequest req, Instant now) {
    Instant expires = now.plus(req.duration());
    if (req.scope() == Suppression.Scope.NETWORK) {
      String cidr = req.cidr().strip();
      return List.of(Suppression.network("sup-" + k.caseId() + "-net-" + cidr, cidr, expires, k.caseId()));
    }
    Set<String> rules = new LinkedHashSet<>();
    if (req.ruleId() != null && !req.ruleId().isBlank()) {
      rules.add(req.ruleId().strip());
    } else {
      k.reasons().forEach(r -> rules.add(r.ruleId()));
    }
    if (rules.isEmpty()) {
      throw new StoreException(k.caseId() + " has no reasons to suppress; name the rule: --rule RULE_ID");
    }
    return rules.stream()
        .map(rule -> Suppression.personRule("sup-" + k.caseId() + "-rule-" + rule, k.personId(), rule, expires, k.caseId()))
        .toList();
  }

  private interface Change {
    void apply(Connection c, Case current) throws SQLException;
  }

  private Case change(String caseId, String actor, Change change) {
    if (actor == null || actor.isBlank()) {
      throw new StoreException("no actor: pass --as-user NAME or set USER");
    }
    return db.transaction(c -> {
      Case current = find(c, caseId, true).orElseThrow(() -> noSuchCase(caseId));
      change.apply(c, current);
      return find(c, caseId, false).orElseThrow();
    });
  }

  private static void refuseIfClosed(Case k, String verb) {
    if (k.status() == CaseStatus.CLOSED) {
      throw new StoreException("cannot " + verb + " " + k.caseId() + ": it is closed as " + k.resolution().label()
          + "; add a note instead (unmask cases note " + k.caseId() + " --text ...)");
    }
  }

  private static StoreException noSuchCase(String caseId) {
    return new StoreException("no such case: " + caseId + " (unmask cases list shows the case ids)");
  }

  private void update(Connection c, String caseId, CaseStatus status, Resolution resolution, String assignee, Instant closedAt)
      throws SQLException {
    StringBuilder sql = new StringBuilder("UPDATE cases SET status = ?, updated_at = ?");
    if (resolution != null) {
      sql.append(", resolution = ?, closed_at = ?");
    }
    if (assignee != null) {
      sql.append(", assignee = ?");
    }
    sql.append(" WHERE case_id = ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      ps.setString(i++, status.label());
      Database.setTime(ps, i++, clock.instant());
      if (resolution != null) {
        ps.setString(i++, resolution.label());
        Database.setTime(ps, i++, closedAt);
      }
      if (assignee != null) {
        ps.setString(i++, Database.clip(assignee, 200));
      }
      ps.setString(i, caseId);
      ps.executeUpdate();
    }
  }

  private void touch(Connection c, String caseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET updated_at = ? WHERE case_id = ?")) {
      Database.setTime(ps, 1, clock.instant());
      ps.setString(2, caseId);
      ps.executeUpdate();
    }
  }

  private CaseNote addNote(Connection c, String caseId, String text, String author) throws SQLException {
    int next;
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(note_no), 0) FROM case_notes WHERE case_id = ?")) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        next = rs.getInt(1) + 1;
      }
    }
    Instant at = Database.truncate(clock.instant());
    String body = Database.clip(text, 20_000);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO case_notes (case_id, note_no, author, written_at, body) VALUES (?,?,?,?,?)")) {
      ps.setString(1, caseId);
      ps.setInt(2, next);
      ps.setString(3, Database.clip(author, 200));
      Database.setTime(ps, 4, at);
      ps.setString(5, body);
      ps.executeUpdate();
    }
    return new CaseNote(caseId, next, author, at, body);
  }

  // FOR UPDATE locks the case row for the change, so two analysts closing one case at once on a
  // shared PostgreSQL store are serialised: the second sees it closed and is refused.
  private static Optional<Case> find(Connection c, String caseId, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM cases WHERE case_id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static Case read(ResultSet rs) throws SQLException {
    String resolution = rs.getString("resolution");
    List<Reason> reasons = Json.reasons(rs.getString("reasons"));
    return new Case(rs.getString("case_id"), rs.getString("person_id"), CaseStatus.parse(rs.getString("status")),
        resolution == null ? null : Resolution.parse(resolution), rs.getString("assignee"), rs.getDouble("risk_score"),
        reasons, Database.getTime(rs, "first_flagged_at"), Database.getTime(rs, "opened_at"),
        Database.getTime(rs, "updated_at"), Database.getTime(rs, "closed_at"), rs.getString("last_scan_id"));
  }

  static Finding readFinding(Connection c, ResultSet rs) throws SQLException {
    String id = rs.getString("finding_id");
    List<SourceRef> evidence = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT file, line FROM evidence WHERE finding_id = ? ORDER BY ordinal")) {
      ps.setString(1, id);
      try (ResultSet e = ps.executeQuery()) {
        while (e.next()) {
          evidence.add(new SourceRef(e.getString(1), e.getLong(2)));
        }
      }
    }
    String attack = rs.getString("attack");
    return new Finding(id, rs.getString("rule_id"), rs.getString("title"), Severity.parse(rs.getString("severity")),
        attack.isEmpty() ? List.of() : Arrays.asList(attack.split(",")), Database.getTime(rs, "observed_at"),
        new EntityRef(EntityRef.Type.valueOf(rs.getString("entity_type").toUpperCase(java.util.Locale.ROOT)),
            rs.getString("entity_id")),
        rs.getDouble("risk"), evidence, rs.getString("summary"));
  }
}
