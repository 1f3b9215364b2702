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
 * What the Sigma matcher's memories (of recent values' literal hits, and of costly tests'
 * verdicts) save, measured in one JVM: the same rules are loaded twice, with and without them,
 * and the two read and match the same event file in alternation, so that a shared machine's
 * drift between runs (up to 25% here) falls on both alike. Prints each round and the best of each.
 *
 * <pre>java -cp unmask-bench/target/benchmarks.jar org.unmask.bench.SigmaMemories RULES EVENTS.jsonl [ROUNDS]</pre>
 */
public final class SigmaMemories {

  private SigmaMemories() {}

  public static void main(String[] args) throws IOException {
    List<Path> rules = List.of(Path.of(args[0]));
    Path events = Path.of(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    System.setProperty(SigmaRuleSet.MEMORIES_PROPERTY, "off");
    SigmaRuleSet without = SigmaRuleSet.load(rules, Pipeline.named("evtx"), SigmaConfig.defaults(), p -> {});
    System.clearProperty(SigmaRuleSet.MEMORIES_PROPERTY);
    SigmaRuleSet with = SigmaRuleSet.load(rules, Pipeline.named("evtx"), SigmaConfig.defaults(), p -> {});
    double bestWith = Double.MAX_VALUE;
    double bestWithout = Double.MAX_VALUE;
    for (int round = 1; round <= rounds; round++) {
      double a = seconds(with, events);
      double b = seconds(without, events);
      bestWith = Math.min(bestWith, a);
      bestWithout = Math.min(bestWithout, b);
      System.out.printf(Locale.ROOT, "round %d: with memories %.2f s, without %.2f s%n", round, a, b);
    }
    System.out.printf(Locale.ROOT, "best: with memories %.2f s, without %.2f s%n", bestWith, bestWithout);
  }

  private static double seconds(SigmaRuleSet rules, Path events) throws IOException {
    long[] matches = {0};
    long started = System.nanoTime();
    JsonEvents.read(events, e -> rules.match(e, m -> matches[0]++), r -> {});
    return (System.nanoTime() - started) / 1e9;
  }
}
