package org.unmask.store;

/** Told after each batch a scan writes, for progress bars (and the crash test). */
@FunctionalInterface
public interface ScanProgress {
  ScanProgress NONE = (table, rows) -> {};

  /** {@code rows} more rows of {@code table} were written in the open transaction. */
  void written(String table, int rows);
}
