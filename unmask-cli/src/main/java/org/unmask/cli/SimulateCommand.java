package org.unmask.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.unmask.sim.Simulator;
import org.unmask.sim.world.SimulationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unmask simulate}: writes a labelled synthetic company to test detection against. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    header = "Writes a synthetic remote-first company with hidden DPRK workers as a dataset folder.",
    description = {
      "Writes a synthetic remote-first company as a dataset folder (people, devices, applicants, payroll,",
      "watchlists, telemetry, applicant photos and resumes) with hidden DPRK workers, laptop farms, applicant",
      "rings and innocent look-alikes, plus DIR/truth.json saying which is which. Same seed, same bytes."
    })
final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--employees", defaultValue = "200", description = "Staff count (default ${DEFAULT-VALUE}).")
  int employees;

  @Option(names = "--days", defaultValue = "30", description = "Days of telemetry (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--start", defaultValue = "2026-03-02", description = "First day of telemetry, YYYY-MM-DD (default ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(names = "--hidden-share", defaultValue = "0.03", description = "Share of staff who are hidden workers, 0..0.5 (default ${DEFAULT-VALUE}).")
  double hiddenShare;

  @Option(names = "--domain", defaultValue = "acme-corp.com", description = "Company e-mail domain (default ${DEFAULT-VALUE}).")
  String domain;

  @Option(names = "--gzip", description = "Write events as .jsonl.gz.")
  boolean gzip;

  @Option(names = "--out", required = true, description = "Folder to write the dataset to (new or empty).")
  Path out;

  @Option(names = "--force", description = "Replace a dataset already in --out (only the files simulate writes are removed).")
  boolean force;

  @Override
  public Integer call() throws Exception {
    SimulationPlan plan;
    try {
      plan = new SimulationPlan(employees, days, seed, start, hiddenShare, domain);
    } catch (IllegalArgumentException e) {
      System.err.println("unmask simulate: " + e.getMessage());
      return 2;
    }
    String problem = Simulator.prepare(out, force);
    if (problem != null) {
      System.err.println("unmask simulate: " + problem);
      return 2;
    }
    long t0 = System.nanoTime();
    Simulator.Summary s = Simulator.simulate(plan, new Simulator.Output(out, gzip));
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "wrote %s: %d employees (%d hidden, %d farms, %d applicant rings), %d applicants, %,d events in %.1f s (%,.0f events/min)%n",
        out, s.employees(), s.hidden(), s.farms(), s.rings(), s.applicants(), s.events(), seconds, s.events() / seconds * 60);
    for (Map.Entry<String, Long> d : s.eventsByDataset().entrySet()) {
      System.out.printf(Locale.ROOT, "  %-20s %,12d%n", d.getKey(), d.getValue());
    }
    System.out.println("  hard negatives: " + s.hardNegatives());
    return 0;
  }
}
