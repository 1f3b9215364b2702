package org.unmask.flink;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.unmask.ingest.Dataset;
import org.unmask.privacy.Pseudonymizer;
import org.unmask.reference.ReferenceData;
import org.unmask.scan.ScanOptions;

/**
 * Everything the job's operators need to rebuild the engine on each task manager: where the
 * reference data lies, which rules run, and the event-time policy. Operators are shipped to task
 * managers as serialised objects, so this record holds only plain values; each operator loads the
 * engine parts from them in {@code open}.
 *
 * @param referenceDir a dataset folder holding people.csv, devices.csv, applicants.csv,
 *     payroll.csv, watchlists/ and files/ (events are ignored), a path every task manager can
 *     read: the reference data until files arrive on {@code P.reference}, and the photos and
 *     resumes vetting reads
 * @param rulePaths the user's Sigma rule folders or files, as {@code unmask scan --rules}
 * @param builtInRules whether the shipped rules run
 * @param dataDir fresher IP intelligence, or null for the shipped data
 * @param withVetting whether applicants are vetted
 * @param outOfOrdernessMillis how far behind the newest event an event may arrive and still be
 *     judged in order (the watermark delay)
 * @param allowedLatenessMillis how far behind the watermark an event may arrive and still be
 *     judged (out of order); older events go to the late topic
 * @param publishEveryMillis how much event time passes between two publications of conclusions
 * @param store the JDBC URL or H2 path of the case store, or null for Kafka only; with a store,
 *     the suppressions analysts record there (closing a case as benign) drop findings as they do in
 *     {@code unmask scan --store}
 * @param keyFile the installation's pseudonym key, a path every task manager can read (like
 *     {@code referenceDir}), or null to publish text as the detectors made it (tests, embedding);
 *     with a key, findings, persons and cases name people by pseudonym, as {@code unmask scan} does
 * @param maxDaysAhead how many days after its Kafka record time an event may be dated, 0 for no
 *     bound: an event from a clock set ahead would move its person's per-day detectors to that day
 *     and blind them until then, so it is rejected, as {@code unmask serve --max-days-ahead}
 *     rejects it. The record time is when the producer sent the line (a live shipper's clock), or
 *     the event's own time for {@code unmask kafka-load}, whose replays are never ahead of it.
 */
public record JobSettings(
    String referenceDir,
    List<String> rulePaths,
    boolean builtInRules,
    String dataDir,
    boolean withVetting,
    long outOfOrdernessMillis,
    long allowedLatenessMillis,
    long publishEveryMillis,
    String store,
    String keyFile,
    int maxDaysAhead) implements Serializable {

  private static final long serialVersionUID = 1L;

  public JobSettings {
    rulePaths = List.copyOf(rulePaths);
    if (maxDaysAhead < 0) {
      throw new IllegalArgumentException("days ahead must be 0 (no bound) or more; got " + maxDaysAhead);
    }
  }

  /** The reference data, read as a scan reads it; bad rows are dropped (the scan reports them). */
  public ReferenceData readReference() {
    return Dataset.open(Path.of(referenceDir)).readReference(r -> {});
  }

  /**
   * The scan's defaults over a reference folder: shipped rules, vetting on, 5 min disorder, 1 h
   * lateness, daily publication, events at most 2 days ahead of their record time (the server's
   * default).
   */
  public static JobSettings defaults(Path referenceDir) {
    return new JobSettings(referenceDir.toString(), List.of(), true, null, true,
        Duration.ofMinutes(5).toMillis(), Duration.ofHours(1).toMillis(), Duration.ofDays(1).toMillis(), null, null, 2);
  }

  public JobSettings withStore(String jdbc) {
    return new JobSettings(referenceDir, rulePaths, builtInRules, dataDir, withVetting, outOfOrdernessMillis,
        allowedLatenessMillis, publishEveryMillis, jdbc, keyFile, maxDaysAhead);
  }

  public JobSettings withPublishEvery(Duration every) {
    return new JobSettings(referenceDir, rulePaths, builtInRules, dataDir, withVetting, outOfOrdernessMillis,
        allowedLatenessMillis, every.toMillis(), store, keyFile, maxDaysAhead);
  }

  public JobSettings withVetting(boolean vet) {
    return new JobSettings(referenceDir, rulePaths, builtInRules, dataDir, vet, outOfOrdernessMillis,
        allowedLatenessMillis, publishEveryMillis, store, keyFile, maxDaysAhead);
  }

  public JobSettings withRules(List<String> paths, boolean builtIn) {
    return new JobSettings(referenceDir, paths, builtIn, dataDir, withVetting, outOfOrdernessMillis,
        allowedLatenessMillis, publishEveryMillis, store, keyFile, maxDaysAhead);
  }

  /** The same, pseudonymising with the key in {@code path} (which must exist when the job runs). */
  public JobSettings withKeyFile(Path path) {
    return new JobSettings(referenceDir, rulePaths, builtInRules, dataDir, withVetting, outOfOrdernessMillis,
        allowedLatenessMillis, publishEveryMillis, store, path == null ? null : path.toAbsolutePath().toString(), maxDaysAhead);
  }

  /** The same, with events allowed at most {@code days} after their record time (0: no bound). */
  public JobSettings withMaxDaysAhead(int days) {
    return new JobSettings(referenceDir, rulePaths, builtInRules, dataDir, withVetting, outOfOrdernessMillis,
        allowedLatenessMillis, publishEveryMillis, store, keyFile, days);
  }

  /**
   * The pseudonymizer of {@link #keyFile}, or null without one. It never makes a key: a task
   * manager that cannot read the launcher's key fails rather than name people by pseudonyms
   * nobody else would recognise.
   */
  public Pseudonymizer pseudonymizer() {
    return keyFile == null ? null : Pseudonymizer.fromExistingKeyFile(Path.of(keyFile));
  }

  /** The scan options these settings mean (the output folder is unused). */
  public ScanOptions scanOptions() {
    ScanOptions o = ScanOptions.defaults(Path.of(referenceDir)).withRulePaths(rulePaths.stream().map(Path::of).toList())
        .withDataDir(dataDir);
    return new ScanOptions(o.out(), o.rulePaths(), builtInRules, o.riskPolicy(), dataDir, o.read(), o.suppressed(),
        withVetting);
  }
}
