package org.unmask.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.unmask.detect.sigma.JsonEvents;
import org.unmask.detect.sigma.Pipeline;
import org.unmask.detect.sigma.SigmaConfig;
import org.unmask.detect.sigma.SigmaRuleSet;

/**
 * Two or more builds of the Sigma matcher compared in one JVM: each build's {@code benchmarks.jar}
 * is loaded in a class loader of its own, and the builds read and match the same event file in
 * turn, round after round, so that a shared machine's drift (up to 25% between identical runs
 * here) falls on all of them alike. Prints each round (seconds and matches), then the best and
 * the median of each build. Round 0 includes each build's JIT warm-up.
 *
 * <pre>java -cp unmask-bench/target/benchmarks.jar org.unmask.bench.SigmaBuilds RULES EVENTS.jsonl ROUNDS A.jar B.jar ...</pre>
 */
public final class SigmaBuilds {

  private SigmaBuilds() {}

  public static void main(String[] args) throws Exception {
    String rules = args[0];
    String events = args[1];
    int rounds = Integer.parseInt(args[2]);
    List<String> jars = Arrays.asList(args).subList(3, args.length);
    URL self = SigmaBuilds.class.getProtectionDomain().getCodeSource().getLocation();
    Method[] run = new Method[jars.size()];
    for (int i = 0; i < run.length; i++) {
      // the build's own jar first, so its engine is the one loaded; this class comes from it when
      // it has one, and from this jar when it is older
      URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jars.get(i)).toUri().toURL(), self},
          ClassLoader.getPlatformClassLoader());
      run[i] = loader.loadClass(Run.class.getName()).getMethod("seconds", String.class, String.class, long[].class);
    }
    double[][] seconds = new double[run.length][rounds];
    for (int round = 0; round < rounds; round++) {
      StringBuilder line = new StringBuilder("round " + round + ":");
      for (int i = 0; i < run.length; i++) {
        long[] matches = new long[1];
        seconds[i][round] = (double) run[i].invoke(null, rules, events, matches);
        line.append(String.format(Locale.ROOT, "  %s %.3f s (%d matches)", name(jars.get(i)), seconds[i][round], matches[0]));
      }
      System.out.println(line);
    }
    for (int i = 0; i < run.length; i++) {
      double[] sorted = seconds[i].clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT, "%s: best %.3f s, median %.3f s%n", name(jars.get(i)), sorted[0], sorted[sorted.length / 2]);
    }
  }

  private static String name(String jar) {
    return Path.of(jar).getFileName().toString();
  }

  /** Runs inside each build's class loader: the rules load once, then each call reads and matches the file. */
  public static final class Run {

    private static SigmaRuleSet loaded;

    private Run() {}

    public static double seconds(String rules, String events, long[] matches) throws Exception {
      if (loaded == null) {
        loaded = SigmaRuleSet.load(List.of(Path.of(rules)), Pipeline.named("evtx"), SigmaConfig.defaults(), p -> {});
      }
      SigmaRuleSet set = loaded;
      long started = System.nanoTime();
      JsonEvents.read(Path.of(events), e -> set.match(e, m -> matches[0]++), r -> {});
      return (System.nanoTime() - started) / 1e9;
    }
  }
}
