package org.unmask.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two databases every store test runs against: the embedded H2 file and a real PostgreSQL
 * (zonky's embedded binaries, started once per test JVM; each store gets its own database).
 */
enum Backend {
  H2 {
    @Override
    String newStore(Path dir) {
      return dir.resolve("unmask-" + COUNTER.incrementAndGet() + ".mv.db").toString();
    }
  },
  POSTGRES {
    @Override
    String newStore(Path dir) {
      String name = "unmask_" + COUNTER.incrementAndGet();
      EmbeddedPostgres pg = Postgres.INSTANCE;
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return pg.getJdbcUrl("postgres", name);
    }
  };

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** A new, empty store argument (file path or jdbc URL). */
  abstract String newStore(Path dir);

  private static final class Postgres {
    static final EmbeddedPostgres INSTANCE = start();

    private static EmbeddedPostgres start() {
      try {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            pg.close();
          } catch (IOException ignored) {
            // the JVM is exiting; the binaries' temp dir is removed by zonky's own hook
          }
        }));
        return pg;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
  }
}
