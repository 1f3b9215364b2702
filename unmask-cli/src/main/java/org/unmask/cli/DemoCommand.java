package org.unmask.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code unmask demo}: the README's first command. Simulates a small company with hidden workers,
 * a laptop farm and look-alikes, scans it, evaluates the scan against the truth, and says where the
 * report is. Each step is the real command, so what the demo shows is what a user gets.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "Simulates a small company, scans it and evaluates the scan: the place to start.",
    description = {
      "Simulates a small company (hidden DPRK workers, a laptop farm, innocent look-alikes), scans it,",
      "evaluates the scan against the simulation's truth and prints where report.html is."})
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--dir", defaultValue = "unmask-demo", paramLabel = "DIR",
      description = "folder for the dataset (DIR/dataset) and the scan (DIR/out) (default ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--employees", defaultValue = "150", description = "staff count (default ${DEFAULT-VALUE})")
  int employees;

  @Option(names = "--days", defaultValue = "30", description = "days of telemetry (default ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--seed", defaultValue = "7", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    Path dataset = dir.resolve("dataset");
    Path out = dir.resolve("out");
    System.out.println("1/3 simulating " + employees + " employees over " + days + " days into " + dataset);
    // the demo owns DIR/dataset: a second run replaces what the first simulated (--force removes
    // only the files simulate writes)
    int status = sub("simulate", "--employees", String.valueOf(employees), "--days", String.valueOf(days),
        "--seed", String.valueOf(seed), "--hidden-share", "0.05", "--out", dataset.toString(), "--force");
    if (status != 0) {
      return status;
    }
    System.out.println("2/3 scanning " + dataset);
    status = sub("scan", dataset.toString(), "--out", out.toString());
    if (status != 0) {
      return status;
    }
    System.out.println("3/3 evaluating the scan against the simulation's truth");
    status = sub("evaluate", dataset.toString(), out.toString());
    if (status != 0) {
      return status;
    }
    System.out.println();
    System.out.println("Open the report: " + out.resolve("report.html").toAbsolutePath().toUri());
    System.out.println("Findings, persons, farms and applicants are beside it in " + out.toAbsolutePath());
    return 0;
  }

  private static int sub(String... args) {
    return UnmaskCli.run(args);
  }
}
