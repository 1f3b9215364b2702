package org.unmask.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.unmask.privacy.Pseudonymizer;
import org.unmask.privacy.Redactor;
import org.unmask.store.Store;
import org.unmask.store.StoreException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every store command shares: where the store is, who is acting, where the pseudonym key is. */
final class StoreOptions {

  @Option(names = "--store", paramLabel = "STORE", defaultValue = "${env:UNMASK_STORE}",
      description = "The store: a file path (embedded H2, made by unmask scan --store or unmask serve) or a"
          + " jdbc:postgresql:// URL. Default: $UNMASK_STORE.")
  String store;

  @Option(names = "--as-user", paramLabel = "NAME",
      description = "Who you are, for the audit log. Default: $USER.")
  String asUser;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "Pseudonym key file. Default: $UNMASK_KEY_FILE or ~/.config/unmask/pseudonym.key (created on first use, 0600).")
  Path keyFile;

  /** Work to do against an open store; returns the exit status. */
  @FunctionalInterface
  interface Work {
    int run(Store store, PrintWriter out, PrintWriter err) throws Exception;
  }

  /**
   * Opens the store, runs the work, and turns a refusal or a store problem into one line on stderr
   * and exit status 1, as the contract asks of every command.
   */
  int run(CommandSpec spec, Work work) {
    return run(spec, work, false);
  }

  /** @param mayCreate whether a missing embedded store is created (the first token is made before the first server start) */
  int run(CommandSpec spec, Work work, boolean mayCreate) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (store == null || store.isBlank()) {
      err.println("unmask: no store: pass --store FILE (embedded H2) or --store jdbc:postgresql://HOST/DB, or set UNMASK_STORE");
      return 2;
    }
    if (!mayCreate && !store.startsWith("jdbc:") && !java.nio.file.Files.exists(Path.of(store + ".mv.db"))
        && !java.nio.file.Files.exists(Path.of(store))) {
      // these commands read or work cases: opening would create an empty store, and a typo'd
      // path would answer "audit log intact: 0 rows"
      err.println("unmask: no store at " + store + " (unmask scan --store or unmask serve creates one); check the path");
      return 2;
    }
    quietLibraries();
    try (Store s = Store.open(store)) {
      int status = work.run(s, out, err);
      out.flush();
      return status;
    } catch (StoreException | IllegalArgumentException e) {
      out.flush();
      err.println("unmask: " + e.getMessage());
      err.flush();
      return 1;
    } catch (Exception e) {
      out.flush();
      err.println("unmask: " + e);
      err.flush();
      return 1;
    }
  }

  /** The acting user: --as-user, else $USER, else the JVM's user name. */
  String actor() {
    if (asUser != null && !asUser.isBlank()) {
      return asUser.strip();
    }
    String env = System.getenv("USER");
    return env != null && !env.isBlank() ? env : System.getProperty("user.name", "unknown");
  }

  /** A redactor for free text shown to the user (summaries, notes): e-mails and phones become pseudonyms. */
  Redactor redactor() {
    Path file = keyFile != null ? keyFile : Pseudonymizer.defaultKeyFile();
    return Redactor.generic(Pseudonymizer.fromKeyFile(file));
  }

  // Connection-pool and migration banners are noise on a command line; warnings still show.
  static void quietLibraries() {
    System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", System.getProperty(
        "org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn"));
    System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", System.getProperty(
        "org.slf4j.simpleLogger.log.org.flywaydb", "warn"));
  }
}
