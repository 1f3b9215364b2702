package org.unmask.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.unmask.event.Event;
import org.unmask.ingest.LineParser;

/**
 * How much heap an event takes once parsed, as the server's backlog holds it: parses the lines of
 * a file with the engine's {@link LineParser} (vendor adapters included), keeps every event, and
 * divides the heap they hold after full collections by their count, beside the lines' own bytes.
 * docs/server.md ("Sizing the heap") turns the ratio into a rule for {@code --backlog}.
 *
 * <pre>java -Xmx4g -XX:+UseSerialGC -cp unmask-bench/target/benchmarks.jar org.unmask.bench.HeapPerEvent EVENTS.jsonl [MAX]</pre>
 */
public final class HeapPerEvent {

  private HeapPerEvent() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path file = Path.of(args[0]);
    int max = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
    LineParser parser = new LineParser();
    List<Event> kept = new ArrayList<>();
    long lineBytes = 0;
    long before = usedAfterCollection();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      while ((line = in.readLine()) != null && kept.size() < max) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        Event e = parser.parse(bytes, file.toString(), ++n, r -> { });
        if (e != null) {
          kept.add(e);
          lineBytes += bytes.length;
        }
      }
    }
    long held = usedAfterCollection() - before;
    System.out.printf(Locale.ROOT, "%,d events, %.0f bytes per line, %.0f bytes of heap per event (%.1f times the line)%n",
        kept.size(), lineBytes / (double) kept.size(), held / (double) kept.size(), held / (double) lineBytes);
  }

  private static long usedAfterCollection() throws InterruptedException {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return r.totalMemory() - r.freeMemory();
  }
}
