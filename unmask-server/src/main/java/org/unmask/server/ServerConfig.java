package org.unmask.server;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.unmask.server.ingest.Intake;

/**
 * How to run the server.
 *
 * @param store a file path (embedded H2) or a {@code jdbc:postgresql://} URL
 * @param bind the address to listen on; 127.0.0.1 unless the operator says otherwise
 * @param port 0 for an ephemeral port (tests)
 * @param stateDir where the intake log and the reference copy live
 * @param dataset a dataset folder whose reference data seeds the server and whose events are
 *     judged first, or null
 * @param dataDir fresher geo/ASN/VPN data, or null for the shipped data
 * @param rules extra Sigma rule files or folders
 * @param keyFile the pseudonym key, or null for the installation's default
 * @param concludeEvery how often the whole picture is re-concluded and saved when something changed
 */
public record ServerConfig(String store, String bind, int port, Path stateDir, Path dataset, String dataDir, List<Path> rules,
    Path keyFile, Intake.Limits limits, Duration concludeEvery, boolean vetting, Duration drainTimeout) {

  public ServerConfig {
    requireNonNull(store, "store");
    requireNonNull(bind, "bind");
    requireNonNull(stateDir, "stateDir");
    rules = List.copyOf(rules);
    requireNonNull(limits, "limits");
    requireNonNull(concludeEvery, "concludeEvery");
    requireNonNull(drainTimeout, "drainTimeout");
  }

  /** Defaults for a store and a state folder: loopback, the given port, shipped rules and data. */
  public static ServerConfig of(String store, int port, Path stateDir) {
    return new ServerConfig(store, "127.0.0.1", port, stateDir, null, null, List.of(), null, Intake.Limits.defaults(),
        Duration.ofSeconds(2), true, Duration.ofMinutes(5));
  }

  public ServerConfig withDataset(Path folder) {
    return new ServerConfig(store, bind, port, stateDir, folder, dataDir, rules, keyFile, limits, concludeEvery, vetting,
        drainTimeout);
  }

  public ServerConfig withLimits(Intake.Limits l) {
    return new ServerConfig(store, bind, port, stateDir, dataset, dataDir, rules, keyFile, l, concludeEvery, vetting,
        drainTimeout);
  }

  public ServerConfig withKeyFile(Path file) {
    return new ServerConfig(store, bind, port, stateDir, dataset, dataDir, rules, file, limits, concludeEvery, vetting,
        drainTimeout);
  }

  public ServerConfig withConcludeEvery(Duration every) {
    return new ServerConfig(store, bind, port, stateDir, dataset, dataDir, rules, keyFile, limits, every, vetting,
        drainTimeout);
  }

  public ServerConfig withBind(String address) {
    return new ServerConfig(store, address, port, stateDir, dataset, dataDir, rules, keyFile, limits, concludeEvery, vetting,
        drainTimeout);
  }

  public ServerConfig withRules(List<Path> paths, String geoDataDir) {
    return new ServerConfig(store, bind, port, stateDir, dataset, geoDataDir, paths, keyFile, limits, concludeEvery, vetting,
        drainTimeout);
  }

  /** The default state folder for a store: beside an H2 file, else ./unmask-serve. */
  public static Path defaultStateDir(String store) {
    if (store.startsWith("jdbc:")) {
      return Path.of("unmask-serve");
    }
    String base = store.endsWith(".mv.db") ? store.substring(0, store.length() - ".mv.db".length()) : store;
    return Path.of(base + ".serve");
  }
}
