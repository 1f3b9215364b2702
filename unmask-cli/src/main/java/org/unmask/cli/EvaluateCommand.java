package org.unmask.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.unmask.sim.evaluation.Evaluation;
import org.unmask.sim.evaluation.Gate;
import org.unmask.sim.evaluation.ScanOutput;
import org.unmask.sim.truth.Truth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unmask evaluate DATASET OUT}: scores a scan against a simulated world's truth. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    header = "Scores a scan's output against a simulated world's truth.json.",
    description = {
      "Scores a scan's output (OUT: persons.jsonl, farms.jsonl, applicants.jsonl) against the truth of a",
      "simulated world (DATASET/truth.json). Prints a table and writes OUT/evaluation.json.",
      "With --gate FILE, exits 1 when any figure breaks a bound in FILE (lines like `case_recall >= 0.8`)."
    })
final class EvaluateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DATASET", description = "The simulated dataset folder (holds truth.json).")
  Path dataset;

  @Parameters(index = "1", paramLabel = "OUT", description = "The folder `unmask scan --out` wrote.")
  Path out;

  @Option(names = "--gate", paramLabel = "FILE", description = "Regression bounds; exit 1 when one is broken.")
  Path gate;

  @Override
  public Integer call() {
    Path truthFile = dataset.resolve("truth.json");
    if (!Files.isRegularFile(truthFile)) {
      System.err.println("unmask evaluate: no truth.json in " + dataset + " — pass a folder written by `unmask simulate`");
      return 2;
    }
    try {
      Gate bounds = gate == null ? null : Gate.read(gate);
      Evaluation evaluation = Evaluation.of(Truth.read(truthFile), ScanOutput.read(out));
      System.out.print(evaluation.table());
      evaluation.write(out.resolve("evaluation.json"));
      if (bounds != null) {
        List<String> unknown = bounds.unknownFigures(evaluation.figures().keySet());
        if (!unknown.isEmpty()) {
          System.err.println("unmask evaluate: gate " + gate + " is malformed:");
          unknown.forEach(u -> System.err.println("  " + u));
          return 2;
        }
        List<String> broken = bounds.violations(evaluation.figures());
        if (!broken.isEmpty()) {
          System.err.println("unmask evaluate: gate " + gate + " failed:");
          broken.forEach(b -> System.err.println("  " + b));
          return 1;
        }
        System.out.println("gate " + gate + ": passed");
      }
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("unmask evaluate: " + Failures.describe(e));
      return 2;
    }
  }
}
