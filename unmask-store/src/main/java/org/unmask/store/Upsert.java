package org.unmask.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Insert-or-update by primary key in portable SQL: per batch, one {@code SELECT ... IN} finds the
 * keys already present, then one batched UPDATE and one batched INSERT. H2's {@code MERGE ... KEY}
 * and PostgreSQL's {@code ON CONFLICT} would each do it in one statement, but neither runs on the
 * other database, and the scan runs inside one transaction anyway, so nobody else can insert the
 * same key between the SELECT and the INSERT (a concurrent scan would fail on the key and roll
 * back whole, then succeed on re-run).
 */
final class Upsert {

  static final int BATCH = 500;

  /** A row: key value and the values of the other columns, in order. */
  record Row(String key, Object[] values) {}

  /** Binds one value; null-safe for the column types the schema uses. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps, int index, Object value) throws SQLException;
  }

  private final String table;
  private final String keyColumn;
  private final List<String> columns;
  private final Binder binder;
  private final List<String> insertOnly;

  Upsert(String table, String keyColumn, List<String> columns, Binder binder) {
    this(table, keyColumn, columns, List.of(), binder);
  }

  /**
   * An upsert where {@code insertOnly} columns (their values follow the others in each row) are
   * written when the row is new and kept when it exists, e.g. when a finding was first seen.
   */
  Upsert(String table, String keyColumn, List<String> columns, List<String> insertOnly, Binder binder) {
    this.table = table;
    this.keyColumn = keyColumn;
    this.columns = columns;
    this.insertOnly = insertOnly;
    this.binder = binder;
  }

  /**
   * Writes the rows (a later duplicate key wins) and returns the keys that were new. Progress is
   * reported per batch.
   */
  Set<String> write(Connection c, List<Row> rows, ScanProgress progress) throws SQLException {
    Map<String, Row> byKey = new LinkedHashMap<>();
    for (Row r : rows) {
      byKey.put(r.key(), r);
    }
    List<Row> unique = new ArrayList<>(byKey.values());
    Set<String> inserted = new HashSet<>();
    String update = "UPDATE " + table + " SET " + String.join(" = ?, ", columns) + " = ? WHERE " + keyColumn + " = ?";
    List<String> all = new ArrayList<>(columns);
    all.addAll(insertOnly);
    String insert = "INSERT INTO " + table + " (" + keyColumn + ", " + String.join(", ", all) + ") VALUES ("
        + String.join(", ", Collections.nCopies(all.size() + 1, "?")) + ")";
    try (PreparedStatement up = c.prepareStatement(update); PreparedStatement in = c.prepareStatement(insert)) {
      for (int from = 0; from < unique.size(); from += BATCH) {
        List<Row> batch = unique.subList(from, Math.min(unique.size(), from + BATCH));
        Set<String> present = existing(c, batch);
        boolean anyUpdate = false;
        boolean anyInsert = false;
        for (Row r : batch) {
          if (present.contains(r.key())) {
            for (int i = 0; i < columns.size(); i++) {
              binder.bind(up, i + 1, r.values()[i]);
            }
            up.setString(columns.size() + 1, r.key());
            up.addBatch();
            anyUpdate = true;
          } else {
            in.setString(1, r.key());
            for (int i = 0; i < all.size(); i++) {
              binder.bind(in, i + 2, r.values()[i]);
            }
            in.addBatch();
            inserted.add(r.key());
            anyInsert = true;
          }
        }
        if (anyUpdate) {
          up.executeBatch();
        }
        if (anyInsert) {
          in.executeBatch();
        }
        progress.written(table, batch.size());
      }
    }
    return inserted;
  }

  private Set<String> existing(Connection c, List<Row> batch) throws SQLException {
    String sql = "SELECT " + keyColumn + " FROM " + table + " WHERE " + keyColumn + " IN ("
        + String.join(",", Collections.nCopies(batch.size(), "?")) + ")";
    Set<String> present = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < batch.size(); i++) {
        ps.setString(i + 1, batch.get(i).key());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          present.add(rs.getString(1));
        }
      }
    }
    return present;
  }
}
