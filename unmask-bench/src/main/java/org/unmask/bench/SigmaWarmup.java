package org.unmask.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.unmask.detect.sigma.JsonEvents;
import org.unmask.detect.sigma.Pipeline;
import org.unmask.detect.sigma.SigmaConfig;
import org.unmask.detect.sigma.SigmaRuleSet;

/**
 * Where a fresh JVM's Sigma run spends its time, event by event: loads the rules once, then reads
 * and matches one file, printing the time of the first event, of events 2 to 10, 11 to 1,000 and
 * 1,001 to 10,000, and of each {@code STEP} events after that. The first event builds its
 * partition's literal indexes; the events after it run in the interpreter, then in C1's code,
 * while C2 compiles the matcher on the same core; the steady state comes last. With no rules
 * (an empty folder) it times parsing alone.
 *
 * <pre>taskset -c 0 java -XX:FreqInlineSize=100 -cp unmask-bench/target/benchmarks.jar org.unmask.bench.SigmaWarmup RULES EVENTS.jsonl STEP</pre>
 */
public final class SigmaWarmup {

  private SigmaWarmup() {}

  public static void main(String[] args) throws IOException {
    long started = System.nanoTime();
    SigmaRuleSet rules = SigmaRuleSet.load(List.of(Path.of(args[0])), Pipeline.named("evtx"), SigmaConfig.defaults(), p -> {});
    System.out.printf(Locale.ROOT, "rules loaded in %.2f s%n", (System.nanoTime() - started) / 1e9);
    long step = Long.parseLong(args[2]);
    long[] count = {0, 0};
    long scanStarted = System.nanoTime();
    long[] lastMark = {scanStarted, 0};
    JsonEvents.read(Path.of(args[1]), e -> {
      rules.match(e, m -> count[1]++);
      long n = ++count[0];
      if (n == 1 || n == 10 || n == 1_000 || n == 10_000 || (n > 10_000 && n % step == 0)) {
        long now = System.nanoTime();
        System.out.printf(Locale.ROOT, "events %,d to %,d: %.3f s%n", lastMark[1] + 1, n, (now - lastMark[0]) / 1e9);
        lastMark[0] = now;
        lastMark[1] = n;
      }
    }, r -> {});
    System.out.printf(Locale.ROOT, "%,d events, %,d matches in %.2f s%n", count[0], count[1], (System.nanoTime() - scanStarted) / 1e9);
  }
}
