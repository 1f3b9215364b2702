package org.unmask.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.unmask.risk.Suppression;
import org.unmask.risk.Suppressions;
import org.unmask.store.audit.AuditLog;
import org.unmask.store.cases.CaseBook;
import org.unmask.store.privacy.Identity;
import org.unmask.store.privacy.IdentityVault;
import org.unmask.store.privacy.RevealRequest;
import org.unmask.store.retention.PurgeReport;
import org.unmask.store.retention.Purger;
import org.unmask.store.schema.Database;
import org.unmask.store.suppressions.SuppressionBook;
import org.unmask.store.tokens.TokenBook;

/**
 * The store: one database for scans, cases, suppressions, identities and the audit log.
 *
 * <pre>{@code
 * try (Store store = Store.open("unmask.db")) {          // or "jdbc:postgresql://host/unmask?user=…"
 *   Suppressions s = Suppressions.activeAt(store.activeSuppressions(now), now);
 *   List<Finding> kept = s.apply(findings);                // the scan drops suppressed findings
 *   store.saveScan(ScanSnapshot.of(dataset, now, kept, persons, farms, applicants, people));
 *   store.cases().list();
 * }
 * }</pre>
 *
 * <p>Thread-safe; one instance per process is enough.
 */
public final class Store implements AutoCloseable {

  private final Database db;
  private final Clock clock;
  private final AuditLog audit;
  private final SuppressionBook suppressions;
  private final IdentityVault identities;
  private final CaseBook cases;
  private final ScanWriter scans;
  private final Purger purger;
  private final TokenBook tokens;

  private Store(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.audit = new AuditLog(db, clock);
    this.suppressions = new SuppressionBook(db);
    this.identities = new IdentityVault(db, audit, clock);
    this.cases = new CaseBook(db, audit, suppressions, clock);
    this.scans = new ScanWriter(audit, suppressions, identities, clock);
    this.purger = new Purger(db, audit, clock);
    this.tokens = new TokenBook(db, audit, clock);
  }

  /**
   * Opens (creating and migrating as needed) the store named by a {@code jdbc:} URL or a file
   * path; a path means the embedded H2 database in that file.
   */
  public static Store open(String store) {
    return open(store, Clock.systemUTC());
  }

  /** As {@link #open(String)}, with a clock for tests of expiry and retention. */
  public static Store open(String store, Clock clock) {
    return new Store(Database.open(store), clock);
  }

  /** Saves a scan in one transaction; see {@link ScanWriter} for what is kept and refreshed. */
  public ScanReceipt saveScan(ScanSnapshot snapshot) {
    return saveScan(snapshot, ScanProgress.NONE);
  }

  /** Saves a scan, reporting each batch written. */
  public ScanReceipt saveScan(ScanSnapshot snapshot, ScanProgress progress) {
    return db.transaction(c -> scans.write(c, snapshot, progress, db.isPostgres()));
  }

  /** Suppressions not expired at {@code now}: feed them to {@link Suppressions#activeAt}. */
  public List<Suppression> activeSuppressions(Instant now) {
    return suppressions.active(now);
  }

  /** Suppressions in force now, ready to apply. */
  public Suppressions suppressionsNow() {
    Instant now = clock.instant();
    return Suppressions.activeAt(activeSuppressions(now), now);
  }

  public CaseBook cases() {
    return cases;
  }

  public SuppressionBook suppressions() {
    return suppressions;
  }

  public AuditLog audit() {
    return audit;
  }

  /** Adds (or renews) a suppression outside a case close; audited. */
  public void addSuppression(Suppression s, String actor) {
    db.transaction(c -> {
      suppressions.put(c, s, actor, clock.instant());
      audit.append(c, actor, "suppression.create", s.id(), s.scope().label()
          + (s.ruleId() == null ? "" : " rule=" + s.ruleId()) + (s.personId() == null ? "" : " person=" + s.personId())
          + (s.cidr() == null ? "" : " network=" + s.cidr()) + "; expires " + s.expiresAt());
      return null;
    });
  }

  /** Deletes a suppression; audited. Throws when there is no such suppression. */
  public void removeSuppression(String suppressionId, String actor) {
    db.transaction(c -> {
      if (!suppressions.delete(c, suppressionId)) {
        throw new StoreException("no such suppression: " + suppressionId + " (GET /api/v1/suppressions lists them)");
      }
      audit.append(c, actor, "suppression.delete", suppressionId, "deleted");
      return null;
    });
  }

  /** API tokens for the server (hashes only). */
  public TokenBook tokens() {
    return tokens;
  }

  /** The identity behind a case; needs a role and a reason, and is audited (refusals too). */
  public Identity reveal(String caseId, RevealRequest request) {
    return identities.reveal(caseId, request);
  }

  /** Deletes raw evidence older than {@code olderThan}; audited. */
  public PurgeReport purge(Duration olderThan, String actor) {
    return purger.purge(olderThan, actor);
  }

  /** Row counts per table, for status output and tests. */
  public java.util.Map<String, Long> counts() {
    return db.transaction(c -> {
      java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
      for (String t : List.of("scans", "findings", "evidence", "person_verdicts", "applicant_verdicts", "farms", "cases",
          "case_notes", "suppressions", "identities", "audit_log")) {
        try (var ps = c.prepareStatement("SELECT COUNT(*) FROM " + t); var rs = ps.executeQuery()) {
          rs.next();
          out.put(t, rs.getLong(1));
        }
      }
      return out;
    });
  }

  /** Where the store is, password masked. */
  public String description() {
    return db.description();
  }

  /** The database, for tests that need raw SQL (tampering, crash checks). */
  public Database database() {
    return db;
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    db.close();
  }
}
