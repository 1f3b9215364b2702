package org.unmask.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.unmask.ingest.DatasetException;
import org.unmask.server.Server;
import org.unmask.server.ServerConfig;
import org.unmask.server.ingest.Intake;
import org.unmask.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unmask serve --store STORE --port P}: live ingestion, the API and the console. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    header = "Runs Unmask as a server: live ingestion and detection, REST API, analysts' console.",
    description = {
      "Runs Unmask as a server: ingests events as they arrive (POST /api/v1/events), detects in real time,",
      "serves the REST API under /api/v1 and the analysts' console at /. Tokens: unmask tokens create.",
      "SIGTERM stops accepting events, judges everything acknowledged, saves, then exits. See docs/server.md."})
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--store", paramLabel = "STORE", defaultValue = "${env:UNMASK_STORE}",
      description = "The store: a file path (embedded H2) or a jdbc:postgresql:// URL. Default: $UNMASK_STORE.")
  String store;

  @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "Port to listen on (default 8080).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default 127.0.0.1; put a TLS proxy in front before binding elsewhere).")
  String bind;

  @Option(names = "--dataset", paramLabel = "DIR",
      description = "A dataset folder: its reference data seeds the server and its events are judged first.")
  Path dataset;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where the intake log and the reference copy live. Default: STORE.serve beside an H2 file, else ./unmask-serve.")
  Path stateDir;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Fresher geo/ASN/VPN data (see docs/enrichment.md).")
  String dataDir;

  @Option(names = "--rules", paramLabel = "PATH", description = "Extra Sigma rule files or folders (repeatable).")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--key-file", paramLabel = "FILE", description = "Pseudonym key file (default as for unmask scan).")
  Path keyFile;

  @Option(names = "--backlog", paramLabel = "EVENTS", defaultValue = "20000",
      description = "Events acknowledged but not yet judged before new batches get 429 (default 20000): at most about a second of detection work waits.")
  int backlog;

  @Option(names = "--intake-retention-days", paramLabel = "DAYS", defaultValue = "0",
      description = "Delete intake-log segments last written more than DAYS ago (at least 31; default 0: keep every one)."
          + " A restart rebuilds detector state from the days kept.")
  int intakeRetentionDays;

  @Option(names = "--max-days-ahead", paramLabel = "DAYS", defaultValue = "2",
      description = "Reject events dated more than DAYS ahead of this machine's clock (a laptop clock set ahead);"
          + " 0: no bound, to replay a simulated world dated later (default ${DEFAULT-VALUE}).")
  int maxDaysAhead;

  @Option(names = "--conclude-every", paramLabel = "SECONDS", defaultValue = "2",
      description = "Re-conclude (persons, farms, cases) and save this often when something changed (default 2).")
  int concludeEvery;

  @Option(names = "--no-vetting", description = "Skip applicant photo/resume/identity vetting.")
  boolean noVetting;

  @Override
  public Integer call() {
    if (store == null || store.isBlank()) {
      System.err.println("unmask serve: no store: pass --store FILE (embedded H2) or --store jdbc:postgresql://HOST/DB, or set UNMASK_STORE");
      return 2;
    }
    if (backlog < 1000 || concludeEvery < 1) {
      System.err.println("unmask serve: --backlog must be at least 1000 and --conclude-every at least 1");
      return 2;
    }
    Intake.Limits limits;
    try {
      limits = Intake.Limits.defaults().withBacklog(backlog).withLogRetention(intakeRetentionDays).withDaysAhead(maxDaysAhead);
    } catch (IllegalArgumentException e) {
      System.err.println("unmask serve: " + e.getMessage());
      return 2;
    }
    // The server logs its own lifecycle; libraries only warn.
    System.setProperty("org.slf4j.simpleLogger.log.org.unmask", System.getProperty("org.slf4j.simpleLogger.log.org.unmask", "info"));
    StoreOptions.quietLibraries();
    System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn"));
    ServerConfig config = new ServerConfig(store, bind, port, stateDir != null ? stateDir : ServerConfig.defaultStateDir(store),
        dataset, dataDir, rules, keyFile, limits, Duration.ofSeconds(concludeEvery),
        !noVetting, Duration.ofMinutes(5));
    Server server;
    try {
      server = Server.start(config);
    } catch (StoreException | DatasetException | IllegalArgumentException | java.io.IOException | java.io.UncheckedIOException e) {
      System.err.println("unmask serve: " + Failures.describe(e));
      return 2;
    } catch (RuntimeException e) {
      System.err.println("unmask serve: cannot start: " + Failures.describe(e));
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("unmask serve: stopping: judging what was acknowledged, then saving");
      server.stop();
      stopped.countDown();
    }, "unmask-shutdown"));
    System.err.println("unmask serve: listening on http://" + bind + ":" + server.port() + "/ (store " + server.store().description()
        + "; state " + config.stateDir() + ")");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
