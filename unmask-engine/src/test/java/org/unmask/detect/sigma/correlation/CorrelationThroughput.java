package org.unmask.detect.sigma.correlation;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/**
 * A throughput check, not a unit test: replays 200,000 matches per correlation type, once into one
 * group (a full 10,000-match window: the worst case) and once spread over 5,000 groups, and prints
 * microseconds per match (best of 5 timed runs after 2 warm-ups). Command in
 * docs/rules-correlations.md.
 */
public final class CorrelationThroughput {

  private static final int MATCHES = 200_000;

  public static void main(String[] args) {
    String[][] cases = {
      {"event_count", "{gte: 9000}"},
      {"value_count", "{field: v, gte: 9000}"},
      {"temporal", "{gte: 3}"},
      {"temporal_ordered", "{gte: 3}"},
      {"value_sum", "{field: n, lt: 0}"},
      {"value_avg", "{field: n, lt: 0}"},
      {"value_percentile", "{field: v, lte: 0}"},
      {"value_percentile", "{field: n, gte: 100}"}
    };
    System.out.println("| Type | condition | 1 group: µs/match | 5,000 groups: µs/match |");
    System.out.println("|---|---|---|---|");
    for (String[] c : cases) {
      System.out.printf(
          Locale.ROOT,
          "| %s | `%s` | %.2f | %.2f |%n",
          c[0],
          c[1],
          run(c[0], c[1], 1),
          run(c[0], c[1], 5_000));
    }
  }

  private static double run(String type, String condition, int groups) {
    String yaml =
        "title: t\ncorrelation: {type: "
            + type
            + ", rules: [ra, rb, rc], group-by: [User],"
            + " timespan: 1d, condition: "
            + condition
            + "}\n";
    CorrelationRule rule = YamlDocs.correlations(yaml, "bench.yml").get(0);
    Event[] events = new Event[MATCHES];
    for (int i = 0; i < MATCHES; i++) {
      events[i] =
          new Event(
              Instant.ofEpochSecond(i),
              "bench",
              Map.of("User", "u" + (i % groups), "v", "x" + (i % 500), "n", i % 1000),
              new SourceRef("bench.jsonl", i + 1));
    }
    String[] refs = {"ra", "rb", "ra", "rc"};
    double best = Double.MAX_VALUE;
    long sink = 0;
    for (int run = 0; run < 7; run++) {
      var engine = CorrelationEngine.compile(java.util.List.of(rule), null, new MapStateProvider());
      long[] fired = {0};
      long start = System.nanoTime();
      for (int i = 0; i < MATCHES; i++) {
        engine.onMatch(null, refs[i & 3], events[i], m -> fired[0]++);
      }
      double micros = (System.nanoTime() - start) / 1000.0 / MATCHES;
      sink += fired[0];
      if (run >= 2) {
        best = Math.min(best, micros);
      }
    }
    if (sink == Long.MIN_VALUE) {
      System.out.println(sink);
    }
    return best;
  }
}
