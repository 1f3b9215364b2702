package org.unmask.store.schema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.unmask.store.StoreException;

/**
 * A migrated, pooled database. {@link #open} accepts a {@code jdbc:} URL (PostgreSQL for teams; any
 * H2 URL) or a file path, which means the embedded H2 database in that one file ({@code x} or
 * {@code x.mv.db} both name {@code x.mv.db}). Opening runs the Flyway migrations, so the schema is
 * always current.
 */
public final class Database implements AutoCloseable {

  private final HikariDataSource pool;
  private final String description;
  private final boolean postgres;

  private Database(HikariDataSource pool, String description, boolean postgres) {
    this.pool = pool;
    this.description = description;
    this.postgres = postgres;
  }

  /** Opens and migrates the store named by a {@code jdbc:} URL or an H2 file path. */
  public static Database open(String store) {
    if (store == null || store.isBlank()) {
      throw new StoreException("no store given: pass --store with a file path (embedded H2) or a jdbc:postgresql:// URL");
    }
    String url = jdbcUrl(store);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("unmask-store");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(10_000);
    HikariDataSource pool = new HikariDataSource(config);
    String description = store.startsWith("jdbc:") ? redactPassword(url) : h2File(url);
    try {
      Flyway.configure(Database.class.getClassLoader())
          .dataSource(pool)
          .locations("classpath:db/unmask")
          .load()
          .migrate();
    } catch (FlywayException | IllegalStateException e) {
      pool.close();
      throw new StoreException("cannot open store " + description + ": " + rootMessage(e), e);
    }
    return new Database(pool, description, url.startsWith("jdbc:postgresql:"));
  }

  /** The JDBC URL for a store argument: URLs pass through, paths become embedded H2 files. */
  static String jdbcUrl(String store) {
    if (store.startsWith("jdbc:")) {
      return store;
    }
    String path = Path.of(store).toAbsolutePath().normalize().toString();
    if (path.endsWith(".mv.db")) {
      path = path.substring(0, path.length() - ".mv.db".length());
    }
    // WRITE_DELAY=0: a committed case decision reaches the file before the command returns, even
    // if the process is killed right after.
    return "jdbc:h2:file:" + path + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
  }

  private static String h2File(String url) {
    return url.substring("jdbc:h2:file:".length(), url.indexOf(';')) + ".mv.db";
  }

  private static String redactPassword(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse(t.toString());
  }

  /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T transaction(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("store " + description + ": " + e.getMessage(), e);
    }
  }

  /** True on PostgreSQL, for the rare statement that has to differ (planner hints, never schema). */
  public boolean isPostgres() {
    return postgres;
  }

  /** Where the store is, with any password masked, for messages. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
  }

  /** Work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  // Shared column conversions: times are stored as UTC timestamps with millisecond precision, the
  // precision both databases keep exactly (the audit hash depends on reading back what was written).

  public static Instant truncate(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
  }

  public static void setTime(PreparedStatement ps, int index, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(truncate(t), ZoneOffset.UTC));
    }
  }

  public static Instant getTime(ResultSet rs, String column) throws SQLException {
    Object v = rs.getObject(column);
    if (v == null) {
      return null;
    }
    if (v instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (v instanceof Timestamp ts) {
      return ts.toInstant();
    }
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /** The text cut to a column's length, so hostile input never fails a whole scan. */
  public static String clip(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }
}
