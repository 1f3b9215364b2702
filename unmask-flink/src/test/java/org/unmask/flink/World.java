package org.unmask.flink;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.unmask.Unmask;
import org.unmask.event.Finding;
import org.unmask.output.JsonLines;
import org.unmask.privacy.Pseudonymizer;
import org.unmask.risk.Suppressions;
import org.unmask.scan.ScanListener;
import org.unmask.scan.ScanOptions;
import org.unmask.scan.ScanResult;
import org.unmask.sim.Simulator;
import org.unmask.sim.world.SimulationPlan;
import org.unmask.verdict.PersonVerdict;

/** A simulated company and what {@code unmask scan} concludes about it: the reference for the job. */
record World(Path dataset, ScanResult scan, long events) {

  static World simulate(Path dir, int employees, int days, long seed, double hiddenShare) throws Exception {
    Path dataset = dir.resolve("world");
    Simulator.Summary s = Simulator.simulate(
        new SimulationPlan(employees, days, seed, Simulator.DEFAULT_START, hiddenShare, "acme-corp.com"),
        new Simulator.Output(dataset, false));
    ScanResult scan = Unmask.scan(dataset, ScanOptions.defaults(dir.resolve("scan")), ScanListener.SILENT);
    return new World(dataset, scan, s.events());
  }

  /**
   * The same world through {@code unmask scan --store --key-file}: people named by pseudonym (none
   * without a key), and the findings the store's suppressions cover dropped.
   */
  World rescanned(Path out, Pseudonymizer pseudonyms, Suppressions suppressions) throws java.io.IOException {
    ScanOptions options = ScanOptions.defaults(out);
    ScanResult again = Unmask.scan(dataset, options.withSuppressed(options.suppressed().or(suppressions::suppresses)),
        ScanListener.SILENT, pseudonyms);
    return new World(dataset, again, events);
  }

  /** The same world through {@code unmask scan --rules PATH...}: the shipped rules and these. */
  World scannedWith(Path out, List<Path> rules) throws java.io.IOException {
    ScanResult again = Unmask.scan(dataset, ScanOptions.defaults(out).withRulePaths(rules), ScanListener.SILENT);
    return new World(dataset, again, events);
  }

  /** findings.jsonl of the scan by id. */
  Map<String, String> findings() {
    Map<String, String> out = new TreeMap<>();
    for (Finding f : scan.findings()) {
      out.put(f.id(), JsonLines.findingLine(f));
    }
    return out;
  }

  /** persons.jsonl of the scan by person id. */
  Map<String, String> persons() {
    Map<String, String> out = new TreeMap<>();
    for (PersonVerdict p : scan.persons()) {
      out.put(p.personId(), JsonLines.personLine(p));
    }
    return out;
  }

  /** farms.jsonl of the scan by farm id. */
  Map<String, String> farms() {
    Map<String, String> out = new TreeMap<>();
    for (org.unmask.verdict.Farm f : scan.farms()) {
      out.put(f.farmId(), JsonLines.farmLine(f));
    }
    return out;
  }

  /** The persons with an open case, as the cases topic holds them. */
  Map<String, String> cases() {
    Map<String, String> out = new TreeMap<>();
    for (PersonVerdict p : scan.persons()) {
      if (p.caseOpened()) {
        out.put(p.personId(), JsonLines.personLine(p));
      }
    }
    return out;
  }
}
