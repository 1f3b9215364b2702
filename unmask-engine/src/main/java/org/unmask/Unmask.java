package org.unmask;

import java.io.IOException;
import java.nio.file.Path;
import org.unmask.detect.EventRules;
import org.unmask.enrich.Enrichment;
import org.unmask.ingest.Dataset;
import org.unmask.ingest.EventStream;
import org.unmask.ingest.RejectSink;
import org.unmask.ingest.Rejection;
import org.unmask.output.RejectedFile;
import org.unmask.output.ScanOutput;
import org.unmask.privacy.Pseudonymizer;
import org.unmask.privacy.Redactor;
import org.unmask.reference.ReferenceData;
import org.unmask.scan.ApplicantStage;
import org.unmask.scan.ScanListener;
import org.unmask.scan.ScanOptions;
import org.unmask.scan.ScanPipeline;
import org.unmask.scan.ScanResult;

/**
 * The one entry point of the engine: {@code Unmask.scan(dataset, options)} reads a dataset folder,
 * runs every detector in time order and writes the contract's outputs.
 *
 * <pre>{@code
 * ScanResult result = Unmask.scan(Path.of("examples/demo"), ScanOptions.defaults(Path.of("/tmp/out")), ScanListener.SILENT);
 * }</pre>
 */
public final class Unmask {

  private Unmask() {}

  /**
   * Scans a dataset and writes findings.jsonl, persons.jsonl, farms.jsonl, applicants.jsonl,
   * rejected.jsonl and report.html into {@code options.out()}.
   *
   * @throws org.unmask.ingest.DatasetException when the dataset cannot be read at all
   * @throws IOException when the outputs cannot be written (a full disk, a read-only folder)
   */
  public static ScanResult scan(Path dataset, ScanOptions options, ScanListener listener) throws IOException {
    return scan(dataset, options, listener, null);
  }

  /**
   * As {@link #scan(Path, ScanOptions, ScanListener)}, with every finding summary and reason
   * pseudonymised before anything is written: names, e-mails, phones, streets and logins of the
   * dataset's people and applicants become their pseudonyms (see docs/privacy-and-retention.md).
   * The returned result is the pseudonymised one, so a store that saves it holds pseudonyms too.
   *
   * @param pseudonyms the installation's pseudonymizer, or null to write text as the detectors made it
   */
  public static ScanResult scan(Path dataset, ScanOptions options, ScanListener listener, Pseudonymizer pseudonyms)
      throws IOException {
    Dataset ds = Dataset.open(dataset);
    try (RejectedFile rejected = new RejectedFile(options.out())) {
      ReferenceData reference = ds.readReference(rejected);
      Enrichment enricher = Enrichment.forDataset(options.dataDir(), reference);
      for (String problem : enricher.watchlistProblems()) {
        rejected.reject(new Rejection("watchlists", 0, problem));
      }
      EventRules rules = Rules.load(options);
      byte[] linkKey = pseudonyms == null ? null : pseudonyms.linkKey();
      ApplicantStage applicants = options.withVetting() ? Vetting.stage(ds.folder(), rejected, linkKey) : ApplicantStage.none();
      ScanPipeline pipeline = new ScanPipeline(reference, enricher, rules, applicants,
          options.riskPolicy(), options.suppressed(), linkKey);
      ScanResult result;
      try (EventStream events = ds.events(rejected, options.read())) {
        result = pipeline.run(events, events::bytesRead, listener, rejected::count, x -> rejected.countsByReason());
      }
      if (pseudonyms != null) {
        result = pseudonymise(result, Redactor.of(pseudonyms, reference.people(), reference.applicants()));
      }
      ScanOutput.write(options.out(), result, dataset.getFileName() == null ? dataset.toString() : dataset.getFileName().toString());
      rejected.commit();
      return result;
    }
  }

  /**
   * The Sigma rules a scan with these options runs (shipped and the user's), for runtimes that
   * drive the engine's stages themselves.
   */
  public static EventRules rules(ScanOptions options) {
    return Rules.load(options);
  }

  /**
   * The applicant vetting stage a scan runs over a dataset folder (its {@code files/} hold photos
   * and resumes), for runtimes that drive the engine's stages themselves.
   */
  public static ApplicantStage vetting(Path datasetFolder, RejectSink rejects) {
    return Vetting.stage(datasetFolder, rejects);
  }

  private static ScanResult pseudonymise(ScanResult r, Redactor redactor) {
    return new ScanResult(r.findings().stream().map(redactor::redact).toList(),
        r.persons().stream().map(redactor::redact).toList(), r.farms(),
        r.applicants().stream().map(redactor::redact).toList(), r.stats());
  }
}
