package org.unmask.flink.sink;

import java.time.Instant;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.Suppressions;
import org.unmask.scan.Conclusions;
import org.unmask.store.ScanSnapshot;
import org.unmask.store.Store;

/**
 * Saves each publication of the conclusions to the case store (PostgreSQL or H2) as one scan
 * snapshot, in one transaction. The store upserts findings, verdicts, farms and cases by the
 * engine's deterministic ids and names the snapshot by a hash of its content, so a publication
 * replayed after a restore from a checkpoint rewrites the same rows: effectively once. It also
 * reads back the suppressions analysts record in the store, which the next conclusion applies.
 */
public final class StoreWriter implements AutoCloseable {

  private final Store store;

  public StoreWriter(String jdbcOrPath) {
    this.store = Store.open(jdbcOrPath);
  }

  /** Saves one conclusion; {@code asOf} is the event time it concludes at. */
  public void save(String dataset, Conclusions.Conclusion c, ReferenceData reference, Instant asOf) {
    store.saveScan(ScanSnapshot.of(dataset, asOf, c.findings(), c.persons(), c.farms(), c.applicants(),
        reference.people()));
  }

  /** The suppressions analysts have recorded that are in force now (wall-clock time, as a scan's). */
  public Suppressions suppressionsNow() {
    return store.suppressionsNow();
  }

  @Override
  public void close() {
    store.close();
  }
}
