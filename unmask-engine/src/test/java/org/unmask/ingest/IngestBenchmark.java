package org.unmask.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.unmask.event.Event;

/**
 * Ingest throughput: generates N million contract-shaped events (about 300 bytes each) into a temp
 * folder and reports read + parse + merge throughput over a few passes. Not a unit test; run:
 *
 * <pre>
 * ./mvnw -B -o -q -pl unmask-engine test-compile
 * java -Xmx512m -cp unmask-engine/target/classes:unmask-engine/target/test-classes:$(cat cp.txt) \
 *     org.unmask.ingest.IngestBenchmark 2 8 [unsorted]
 * </pre>
 *
 * Arguments: millions of events (default 2), number of files (default 8), {@code unsorted} to make
 * the first file unsorted (exercises the external sort).
 */
public final class IngestBenchmark {

  private IngestBenchmark() {}

  public static void main(String[] args) throws IOException {
    double millions = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    boolean unsorted = args.length > 2 && args[2].equals("unsorted");
    long total = (long) (millions * 1_000_000);
    Path dir = Files.createTempDirectory("unmask-bench-");
    try {
      long bytes = EventGenerator.write(dir, files, total / files, unsorted, 1);
      System.out.printf("generated %,d events in %d files, %,d MB%s%n", total / files * files, files, bytes >> 20,
          unsorted ? " (first file unsorted)" : "");
      for (int pass = 1; pass <= 5; pass++) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long processStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long count = 0;
        long fields = 0;
        try (EventStream events = Dataset.open(dir).events(r -> { }, ReadOptions.defaults())) {
          while (events.hasNext()) {
            Event e = events.next();
            fields += e.fields().size();
            count++;
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double process = (os.getProcessCpuTime() - processStart) / 1e9; // adds GC and JIT threads
        // CPU time of the reading thread: the fair figure on a shared machine
        System.out.printf("pass %d: %,d events (%,d fields) in %.2f s wall = %,.0f events/s, %.0f MB/s;"
                + " reader thread %.2f s CPU = %,.0f events/CPU-s; whole process %.2f s CPU = %,.0f events/CPU-s%n",
            pass, count, fields, seconds, count / seconds, bytes / seconds / (1 << 20), cpu, count / cpu,
            process, count / process);
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
