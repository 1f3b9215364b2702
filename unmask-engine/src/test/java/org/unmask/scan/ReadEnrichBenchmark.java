package org.unmask.scan;

import java.nio.file.Path;
import org.unmask.enrich.Enrichment;
import org.unmask.ingest.Dataset;
import org.unmask.ingest.EventStream;
import org.unmask.ingest.ReadOptions;
import org.unmask.reference.ReferenceData;

/**
 * End-to-end read + merge + enrich throughput over a dataset folder: the front half of every scan.
 * Not a test: run it by hand (see docs/BENCHMARKS.md, "Scan"). Prints events/s of wall time and
 * of the process's CPU time for each pass.
 *
 * <pre>java -cp ... org.unmask.scan.ReadEnrichBenchmark DATASET [PASSES]</pre>
 */
public final class ReadEnrichBenchmark {

  public static void main(String[] args) throws Exception {
    Path dataset = Path.of(args[0]);
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int pass = 1; pass <= passes; pass++) {
      Dataset ds = Dataset.open(dataset);
      long[] rejected = {0};
      ReferenceData ref = ds.readReference(r -> rejected[0]++);
      Enrichment enrichment = Enrichment.forDataset(null, ref);
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      long n = 0;
      long hash = 0;
      try (EventStream events = ds.events(r -> rejected[0]++, ReadOptions.defaults())) {
        while (events.hasNext()) {
          hash += enrichment.apply(events.next()).fields().size();
          n++;
        }
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      System.out.printf(java.util.Locale.ROOT,
          "pass %d: %,d events (%,d rejected) in %.2f s wall, %.2f s CPU: %,.0f events/s wall, %,.0f events per CPU-second (checksum %d)%n",
          pass, n, rejected[0], wall, cpu, n / wall, n / cpu, hash);
    }
  }
}
