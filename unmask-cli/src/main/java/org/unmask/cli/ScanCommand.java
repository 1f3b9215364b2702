package org.unmask.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unmask.Unmask;
import org.unmask.ingest.Dataset;
import org.unmask.ingest.DatasetException;
import org.unmask.risk.RiskPolicy;
import org.unmask.scan.ScanOptions;
import org.unmask.scan.ScanResult;
import org.unmask.privacy.Pseudonymizer;
import org.unmask.reference.Person;
import org.unmask.risk.Suppressions;
import org.unmask.store.ScanReceipt;
import org.unmask.store.ScanSnapshot;
import org.unmask.store.Store;
import org.unmask.store.StoreException;
import org.unmask.verdict.PersonVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unmask scan DATASET --out OUT}: the main job. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    header = "Scans a dataset folder; writes findings, persons, farms, applicants and report.html.",
    description = {
      "Scans a dataset folder (people.csv, devices.csv, applicants.csv, payroll.csv, watchlists/, events/)",
      "and writes findings.jsonl, persons.jsonl, farms.jsonl, applicants.jsonl, rejected.jsonl and report.html.",
      "Exit status 0 when the scan completed (even with rejected records), 2 when it could not."})
final class ScanCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DATASET", description = "the dataset folder")
  Path dataset;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "output folder (created if missing)")
  Path out;

  @Option(names = "--rules", paramLabel = "PATH", description = "extra Sigma rule files or folders (repeatable)")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--no-builtin-rules", description = "do not load Unmask's own rules")
  boolean noBuiltInRules;

  @Option(names = "--risk-policy", paramLabel = "FILE", description = "risk policy YAML (see risk-policy.yml)")
  Path riskPolicy;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "folder of fresher or commercial geo/ASN/VPN data (see docs/enrichment.md)")
  String dataDir;

  @Option(names = "--no-vetting", description = "skip applicant photo/resume/identity vetting")
  boolean noVetting;

  @Option(names = {"-q", "--quiet"}, description = "no progress output")
  boolean quiet;

  @Option(names = "--store", paramLabel = "STORE",
      description = "also save the scan to a store (file path = embedded H2, or a jdbc:postgresql:// URL):"
          + " opens cases, and drops findings that closed cases suppressed (see docs/store.md)")
  String store;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "pseudonym key (default $UNMASK_KEY_FILE or ~/.config/unmask/pseudonym.key, created on first use, 0600);"
          + " names, e-mails, phones and streets in every output are pseudonymised with it")
  Path keyFile;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    String refused = outputProblem();
    if (refused != null) {
      err.println("unmask scan: " + refused);
      return 2;
    }
    if (riskPolicy != null && !Files.isRegularFile(riskPolicy)) {
      err.println("unmask scan: no such risk policy file: " + riskPolicy);
      return 2;
    }
    if (Files.isDirectory(dataset) && !Files.exists(dataset.resolve("people.csv")) && !Files.exists(dataset.resolve("events"))) {
      // not fatal (every file is optional), but a parent folder given by mistake scans nothing in silence
      err.println("unmask scan: warning: no people.csv and no events/ in " + dataset + "; is it the dataset folder?");
    }
    try {
      ScanOptions options = ScanOptions.defaults(out).withRulePaths(rules).withDataDir(dataDir).withRuleCache(UserCache.rules());
      if (riskPolicy != null) {
        try {
          options = options.withRiskPolicy(RiskPolicy.load(riskPolicy));
        } catch (IOException e) {
          err.println("unmask scan: cannot read the risk policy " + riskPolicy + ": " + Failures.describe(e));
          return 2;
        }
      }
      if (noBuiltInRules || noVetting) {
        options = new ScanOptions(options.out(), options.rulePaths(), !noBuiltInRules, options.riskPolicy(),
            options.dataDir(), options.read(), options.suppressed(), !noVetting, options.ruleCache());
      }
      Pseudonymizer pseudonyms;
      try {
        pseudonyms = Pseudonymizer.fromKeyFile(keyFile != null ? keyFile : Pseudonymizer.defaultKeyFile());
      } catch (java.io.UncheckedIOException e) {
        err.println("unmask scan: " + e.getMessage());
        return 2;
      }
      long totalBytes = Dataset.open(dataset).eventBytes();
      Progress progress = new Progress(err, Progress.isTerminal(), quiet, totalBytes);
      if (store == null) {
        ScanResult result = Unmask.scan(dataset, options, progress, pseudonyms);
        progress.done();
        if (!quiet) {
          summary(err, result);
        }
        return 0;
      }
      StoreOptions.quietLibraries();
      try (Store s = Store.open(store)) {
        Instant now = Instant.now();
        Suppressions active = Suppressions.activeAt(s.activeSuppressions(now), now);
        ScanResult result = Unmask.scan(dataset, options.withSuppressed(options.suppressed().or(active::suppresses)), progress,
            pseudonyms);
        progress.done();
        // people.csv again, only for the identities of people with a case (kept for audited reveals).
        List<Person> people = Dataset.open(dataset).readReference(rejection -> { }).people();
        String name = dataset.getFileName() == null ? dataset.toString() : dataset.toAbsolutePath().normalize().toString();
        ScanReceipt receipt = s.saveScan(ScanSnapshot.of(name, now, result.findings(), result.persons(), result.farms(),
            result.applicants(), people));
        if (!quiet) {
          summary(err, result);
          err.println(String.format(Locale.ROOT,
              "unmask: saved %s to %s: %,d findings (%,d new); %d cases opened, %d refreshed; %d suppressions active",
              receipt.scanId(), s.description(), receipt.findings(), receipt.newFindings(), receipt.casesOpened(),
              receipt.casesRefreshed(), active.list().size()));
        }
        return 0;
      } catch (StoreException e) {
        err.println("unmask scan: " + e.getMessage());
        return 2;
      }
    } catch (DatasetException | IllegalArgumentException e) {
      err.println("unmask scan: " + e.getMessage());
      return 2;
    } catch (IOException | java.io.UncheckedIOException e) {
      err.println("unmask scan: cannot write " + out + ": " + Failures.describe(e));
      return 2;
    }
  }

  private void summary(PrintStream err, ScanResult result) {
    var s = result.stats();
    long cases = result.persons().stream().filter(PersonVerdict::caseOpened).count();
    err.println(String.format(Locale.ROOT,
        "unmask: scanned %,d events in %.1f s (%,.0f events/s); %,d rejected; %,d findings; %d cases; %d farms; wrote %s",
        s.eventsRead(), s.elapsed().toMillis() / 1000.0, s.eventsPerSecond(), s.rejected(), s.findings(), cases,
        result.farms().size(), out.resolve("report.html")));
    if (s.rejected() > 0) {
      err.println("unmask: rejected records by reason (details in " + out.resolve("rejected.jsonl") + "):");
      s.rejectedByReason().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
          .forEach(e -> err.println(String.format(Locale.ROOT, "  %,8d  %s", e.getValue(), e.getKey())));
    }
  }

  /** Why --out cannot take the outputs, or null. */
  private String outputProblem() {
    Path outAbs = out.toAbsolutePath().normalize();
    if (Files.exists(outAbs) && !Files.isDirectory(outAbs)) {
      return "--out " + out + " is a file, not a folder";
    }
    Path events = dataset.toAbsolutePath().normalize().resolve("events");
    if (outAbs.startsWith(events)) {
      return "--out " + out + " is inside the dataset's events/ folder: the next scan would read the outputs as events;"
          + " write them elsewhere";
    }
    return null;
  }
}
