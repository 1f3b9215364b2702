package org.unmask.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Insert-or-replace by primary key in portable SQL, three statements per batch of {@value #BATCH}
 * rows: a {@code SELECT ... IN} finds the keys already present (and the values of insert-only
 * columns, which are carried over), a {@code DELETE ... IN} removes them, and one multi-row
 * {@code INSERT} writes the batch. H2's {@code MERGE ... KEY} and PostgreSQL's {@code ON CONFLICT}
 * would each do it in one statement, but neither runs on the other database; row-by-row UPDATEs
 * cost a round trip each on PostgreSQL. The scan runs in one transaction, so nothing can slip in
 * between the statements (a concurrent scan of the same keys fails on the key and rolls back whole,
 * then succeeds on re-run). Rows that reference the table with {@code ON DELETE CASCADE}
 * (evidence) must be rewritten after it.
 */
final class Upsert {

  static final int BATCH = 500;

  /** A row: key value, then the values of the columns, then of the insert-only columns. */
  record Row(String key, Object[] values) {}

  /** Binds one value; null-safe for the column types the schema uses. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps, int index, Object value) throws SQLException;
  }

  private final String table;
  private final String keyColumn;
  private final List<String> columns;
  private final List<String> insertOnly;
  private final Binder binder;

  Upsert(String table, String keyColumn, List<String> columns, Binder binder) {
    this(table, keyColumn, columns, List.of(), binder);
  }

  /**
   * An upsert where the {@code insertOnly} columns (text) are written when the row is new and kept
   * when it exists, e.g. the scan that first saw a finding.
   */
  Upsert(String table, String keyColumn, List<String> columns, List<String> insertOnly, Binder binder) {
    this.table = table;
    this.keyColumn = keyColumn;
    this.columns = columns;
    this.insertOnly = insertOnly;
    this.binder = binder;
  }

  /** Writes the rows (a later duplicate key wins) and returns the keys that were new. */
  Set<String> write(Connection c, List<Row> rows, ScanProgress progress) throws SQLException {
    Map<String, Row> byKey = new LinkedHashMap<>();
    for (Row r : rows) {
      byKey.put(r.key(), r);
    }
    List<Row> unique = new ArrayList<>(byKey.values());
    Set<String> inserted = new HashSet<>();
    List<String> all = new ArrayList<>(columns);
    all.addAll(insertOnly);
    String head = "INSERT INTO " + table + " (" + keyColumn + ", " + String.join(", ", all) + ") VALUES ";
    String tuple = "(" + String.join(", ", Collections.nCopies(all.size() + 1, "?")) + ")";
    for (int from = 0; from < unique.size(); from += BATCH) {
      List<Row> batch = unique.subList(from, Math.min(unique.size(), from + BATCH));
      Map<String, String[]> present = existing(c, batch);
      if (!present.isEmpty()) {
        delete(c, present.keySet());
      }
      try (PreparedStatement in = c.prepareStatement(head + String.join(", ", Collections.nCopies(batch.size(), tuple)))) {
        int p = 1;
        for (Row r : batch) {
          in.setString(p++, r.key());
          String[] kept = present.get(r.key());
          for (int i = 0; i < all.size(); i++) {
            Object v = i >= columns.size() && kept != null ? kept[i - columns.size()] : r.values()[i];
            binder.bind(in, p++, v);
          }
          if (kept == null) {
            inserted.add(r.key());
          }
        }
        in.executeUpdate();
      }
      progress.written(table, batch.size());
    }
    return inserted;
  }

  private Map<String, String[]> existing(Connection c, List<Row> batch) throws SQLException {
    String extra = insertOnly.isEmpty() ? "" : ", " + String.join(", ", insertOnly);
    String sql = "SELECT " + keyColumn + extra + " FROM " + table + " WHERE " + keyColumn + " IN ("
        + String.join(",", Collections.nCopies(batch.size(), "?")) + ")";
    Map<String, String[]> present = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < batch.size(); i++) {
        ps.setString(i + 1, batch.get(i).key());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String[] kept = new String[insertOnly.size()];
          for (int i = 0; i < kept.length; i++) {
            kept[i] = rs.getString(i + 2);
          }
          present.put(rs.getString(1), kept);
        }
      }
    }
    return present;
  }

  private void delete(Connection c, Set<String> keys) throws SQLException {
    String sql = "DELETE FROM " + table + " WHERE " + keyColumn + " IN ("
        + String.join(",", Collections.nCopies(keys.size(), "?")) + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (String k : keys) {
        ps.setString(i++, k);
      }
      ps.executeUpdate();
    }
  }
}
