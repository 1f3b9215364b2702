package org.unmask.store;

import java.time.Instant;

/**
 * The writer the crash test forks and kills: saves a large snapshot, printing a line per batch so
 * the test knows the transaction is open and mid-write when it sends SIGKILL.
 *
 * <p>Arguments: store, number of findings.
 */
public final class ScanWriterProcess {
  private ScanWriterProcess() {}

  public static void main(String[] args) {
    String storeArg = args[0];
    int findings = Integer.parseInt(args[1]);
    ScanSnapshot snapshot = Fixtures.snapshot(findings, Instant.parse("2026-06-02T00:00:00Z"));
    try (Store store = Store.open(storeArg)) {
      System.out.println("writing " + snapshot.scanId());
      System.out.flush();
      long[] rows = new long[1];
      store.saveScan(snapshot, (table, n) -> {
        rows[0] += n;
        System.out.println("progress " + table + " " + rows[0]);
        System.out.flush();
      });
      System.out.println("done");
    }
  }
}
