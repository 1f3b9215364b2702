package org.unmask.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.unmask.ingest.Dataset;
import org.unmask.ingest.Rejection;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.Reason;
import org.unmask.verdict.SharedAttribute;
import org.unmask.vet.ApplicantVetting;
import org.unmask.vet.VetOptions;
import org.unmask.vet.VetResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code unmask vet DATASET --out OUT}: vets applicants only, quickly, for a recruiter. Writes
 * applicants.jsonl, farms.jsonl (identity rings) and rejected.jsonl, each atomically (a temporary
 * file renamed into place), so a reader never sees half a file.
 */
@Command(name = "vet", mixinStandardHelpOptions = true,
    description = {"Vet applicants: identity, photo and resume reuse, profile padding, watchlists and identity rings.",
        "Exit status 0 when vetting completed (even with rejected records), 2 when it could not."})
final class VetCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DATASET", description = "dataset folder holding applicants.csv (and files/)")
  Path dataset;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "folder to write the results to")
  Path out;

  @Option(names = "--hash-key-env", paramLabel = "VAR",
      description = "environment variable holding an HMAC key for the pseudonyms of shared identifiers")
  String hashKeyEnv;

  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  @Override
  public Integer call() {
    try {
      if (!Files.isDirectory(dataset)) {
        System.err.println("unmask vet: no such folder: " + dataset + " — pass the folder that holds applicants.csv");
        return 2;
      }
      if (!Files.exists(dataset.resolve("applicants.csv"))) {
        System.err.println("unmask vet: no applicants.csv in " + dataset + " — pass the folder that holds it");
        return 2;
      }
      List<Rejection> rejected = new ArrayList<>();
      // The scan's reader: a bad cell in an application reads as unknown, the applicant is still vetted.
      var reference = Dataset.open(dataset).readReference(rejected::add);
      VetOptions opts = VetOptions.defaults();
      if (hashKeyEnv != null) {
        String key = System.getenv(hashKeyEnv);
        if (key == null || key.isEmpty()) {
          System.err.println("unmask vet: environment variable " + hashKeyEnv + " is not set; unset --hash-key-env or set it");
          return 2;
        }
        opts = opts.withHashKey(key.getBytes(StandardCharsets.UTF_8));
      }
      VetResult result = ApplicantVetting.vet(reference, dataset.resolve("files"), opts, rejected::add);
      Files.createDirectories(out);
      writeJsonl(out.resolve("applicants.jsonl"), result.verdicts().stream().map(VetCommand::applicant).toList());
      writeJsonl(out.resolve("farms.jsonl"), result.rings().stream().map(VetCommand::farm).toList());
      writeJsonl(out.resolve("rejected.jsonl"), rejected.stream().map(VetCommand::rejection).toList());
      long flagged = result.verdicts().stream().filter(ApplicantVerdict::flagged).count();
      System.out.println("vetted " + result.verdicts().size() + " applicants: " + flagged + " flagged, "
          + result.rings().size() + " rings, " + rejected.size() + " rejected records; results in " + out);
      return 0;
    } catch (IOException | RuntimeException e) {
      System.err.println("unmask vet: " + Failures.describe(e));
      return 2;
    }
  }

  static Map<String, Object> applicant(ApplicantVerdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("applicant_id", v.applicantId());
    m.put("risk_score", v.riskScore());
    m.put("flagged", v.flagged());
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (Reason r : v.reasons()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("rule_id", r.ruleId());
      rm.put("summary", r.summary());
      rm.put("points", r.points());
      reasons.add(rm);
    }
    m.put("reasons", reasons);
    return m;
  }

  static Map<String, Object> farm(Farm f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("farm_id", f.farmId());
    m.put("persons", f.persons());
    m.put("devices", f.devices());
    m.put("applicants", f.applicants());
    List<Map<String, String>> shared = new ArrayList<>();
    for (SharedAttribute s : f.shared()) {
      Map<String, String> sm = new LinkedHashMap<>();
      sm.put("type", s.type());
      sm.put("value", s.value());
      shared.add(sm);
    }
    m.put("shared", shared);
    m.put("score", f.score());
    return m;
  }

  static Map<String, Object> rejection(Rejection r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", r.file());
    m.put("line", r.line());
    m.put("reason", r.reason());
    return m;
  }

  /** Writes one JSON object per line to a temporary file beside {@code target}, then renames it. */
  static void writeJsonl(Path target, List<?> rows) throws IOException {
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp);
          Writer w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8)) {
        for (Object row : rows) {
          w.write(JSON.writeValueAsString(row));
          w.write('\n');
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
