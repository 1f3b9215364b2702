package org.unmask.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unmask.privacy.Pseudonymizer;
import org.unmask.scan.ScanOptions;
import org.unmask.server.api.Api;
import org.unmask.server.api.Services;
import org.unmask.server.auth.Authenticator;
import org.unmask.server.ingest.Intake;
import org.unmask.server.live.LiveEngine;
import org.unmask.server.live.ReferenceFolder;
import org.unmask.server.metrics.Metrics;
import org.unmask.store.Store;

/**
 * One running server.
 *
 * <pre>{@code
 * Server server = Server.start(ServerConfig.of("unmask.db", 8080, Path.of("unmask.serve")));
 * Runtime.getRuntime().addShutdownHook(new Thread(server::stop));   // SIGTERM drains
 * }</pre>
 *
 * <p>Startup order: store; reference copy (seeded from {@code --dataset}); rules and enrichment,
 * loaded once; the dataset's events (backfill); the intake log replayed (rebuilding detector state
 * and judging anything acknowledged before a crash); a first conclusion; then detection, and only
 * then the HTTP port, so the first request already sees a complete picture.
 */
public final class Server {

  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final ServerConfig config;
  private final Store store;
  private final Intake intake;
  private final LiveEngine engine;
  private final Metrics metrics;
  private final Api api;
  private final Javalin app;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private Server(ServerConfig config) throws IOException {
    this.config = config;
    this.store = Store.open(config.store());
    boolean ok = false;
    Intake in = null;
    LiveEngine live = null;
    try {
      ReferenceFolder reference = new ReferenceFolder(config.stateDir().resolve("reference"));
      if (config.dataset() != null) {
        org.unmask.ingest.Dataset.open(config.dataset());
        reference.seedFrom(config.dataset());
      }
      this.metrics = new Metrics();
      in = new Intake(config.stateDir().resolve("intake"), config.limits(), metrics);
      Pseudonymizer pseudonyms = Pseudonymizer.fromKeyFile(config.keyFile() != null ? config.keyFile() : Pseudonymizer.defaultKeyFile());
      ScanOptions options = ScanOptions.defaults(config.stateDir().resolve("unused-out")).withRulePaths(config.rules())
          .withDataDir(config.dataDir());
      if (!config.vetting()) {
        options = new ScanOptions(options.out(), options.rulePaths(), options.builtInRules(), options.riskPolicy(),
            options.dataDir(), options.read(), options.suppressed(), false);
      }
      live = new LiveEngine(store, reference, options, pseudonyms, metrics, in, config.concludeEvery(), Clock.systemUTC());
      if (config.dataset() != null) {
        long n = live.backfill(config.dataset(), r -> LOG.debug("backfill rejected {}", r));
        LOG.info("judged {} events of {}", n, config.dataset());
      }
      LiveEngine judge = live;
      long replayed = in.replay(judge::judge);
      LOG.info("replayed {} events from the intake log", replayed);
      live.publish();
      live.start();
      this.intake = in;
      this.engine = live;
      this.api = new Api(new Services(store, live, in, reference, metrics), new Authenticator(store.tokens()));
      this.app = Javalin.create(cfg -> api.configure(cfg, config.limits().maxBodyBytes()));
      app.start(config.bind(), config.port());
      in.open();
      ok = true;
    } finally {
      if (!ok) {
        if (live != null) {
          live.close();
        }
        if (in != null) {
          in.close();
        }
        store.close();
      }
    }
  }

  /** Starts a server; returns when it listens. */
  public static Server start(ServerConfig config) throws IOException {
    return new Server(config);
  }

  /** The port it listens on (the real one when configured with 0). */
  public int port() {
    return app.port();
  }

  public ServerConfig config() {
    return config;
  }

  /** The route table, for the OpenAPI check. */
  public Api api() {
    return api;
  }

  public Javalin javalin() {
    return app;
  }

  public Store store() {
    return store;
  }

  public LiveEngine engine() {
    return engine;
  }

  public Intake intake() {
    return intake;
  }

  public Metrics metrics() {
    return metrics;
  }

  /**
   * Stops gracefully: no new events (503), every acknowledged batch judged, a last conclusion
   * saved, then the port closed and the store released. What SIGTERM runs; safe to call twice.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      engine.drainAndStop(config.drainTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("draining failed; acknowledged events stay in the intake log for the next start", e);
    }
    try {
      app.stop();
    } catch (RuntimeException e) {
      LOG.warn("stopping the HTTP server: {}", e.toString());
    }
    try {
      intake.close();
      engine.close();
    } catch (IOException e) {
      LOG.warn("closing the intake log: {}", e.toString());
    }
    store.close();
  }

}
