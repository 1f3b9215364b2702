package org.unmask.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/**
 * The engine keeps running aggregates; this replays seeded random streams (ties, late matches, a
 * small state limit) through it and through a naive model that recomputes every aggregate from the
 * window, and requires the same firings.
 */
class IncrementalAggregatesTest {

  record Sample(long at, int rule, String value, double number) {}

  @ParameterizedTest
  @CsvSource({
    "event_count, '{gte: 6}'",
    "event_count, '{gt: 2, lte: 4}'",
    "value_count, '{field: v, gte: 4}'",
    "temporal, '{gte: 3}'",
    "temporal_ordered, '{gte: 3}'",
    "temporal_ordered, '{gte: 2}'",
    "value_sum, '{field: n, gt: 40}'",
    "value_avg, '{field: n, lt: 3}'",
    "value_percentile, '{field: v, lte: 10}'",
    "value_percentile, '{field: n, gte: 90}'"
  })
  void engine_firesExactlyAsANaiveRecomputationWould(String type, String condition) {
    int fired = 0;
    int quiet = 0;
    for (long seed = 1; seed <= 20; seed++) {
      String yaml =
          "title: t\ncorrelation: {type: "
              + type
              + ", rules: [r0, r1, r2], group-by: [g],"
              + " timespan: 1m, condition: "
              + condition
              + "}\n";
      CorrelationRule rule = YamlDocs.correlations(yaml, "f.yml").get(0);
      var limits = new CorrelationEngine.Limits(12, 20, 7);
      var engine = CorrelationEngine.compile(List.of(rule), null, new MapStateProvider(), limits);
      Map<String, List<Sample>> model = new HashMap<>();
      Map<String, long[]> firing = new HashMap<>(); // group -> {active, lastFiredAt}
      Random random = new Random(seed);
      long t = 0;
      for (int i = 0; i < 600; i++) {
        t += random.nextInt(4) == 0 ? 0 : random.nextInt(15_000);
        long at = random.nextInt(10) == 0 ? t - random.nextInt(20_000) : t; // some arrive late
        String group = "g" + random.nextInt(2);
        int ruleIndex = random.nextInt(3);
        String value = "v" + random.nextInt(5);
        int number = random.nextInt(10);
        Event event =
            new Event(
                Instant.ofEpochMilli(at),
                "test",
                Map.of("g", group, "v", value, "n", number),
                new SourceRef("e", i));
        List<CorrelationMatch> out = new ArrayList<>();
        engine.onMatch(null, "r" + ruleIndex, event, out::add);

        boolean expected =
            modelFires(
                rule,
                limits,
                model.computeIfAbsent(group, g -> new ArrayList<>()),
                firing.computeIfAbsent(group, g -> new long[] {0, Long.MIN_VALUE}),
                new Sample(
                    at,
                    ruleIndex,
                    type.equals("value_percentile") && condition.contains("field: n")
                        ? String.valueOf(number)
                        : value,
                    number));
        assertThat(!out.isEmpty()).as("seed %d match %d", seed, i).isEqualTo(expected);
        fired += expected ? 1 : 0;
        quiet += expected ? 0 : 1;
      }
    }
    assertThat(fired).as("the streams exercise firing").isGreaterThan(10);
    assertThat(quiet).as("and silence").isGreaterThan(10);
  }

  private static boolean modelFires(
      CorrelationRule rule,
      CorrelationEngine.Limits limits,
      List<Sample> window,
      long[] firing,
      Sample sample) {
    long span = rule.timespan().toMillis();
    long latest = window.stream().mapToLong(Sample::at).max().orElse(sample.at());
    latest = Math.max(latest, sample.at());
    long horizon = latest - span;
    if (sample.at() < horizon) {
      return false;
    }
    window.removeIf(s -> s.at() < horizon);
    int position = window.size();
    while (position > 0 && window.get(position - 1).at() > sample.at()) {
      position--;
    }
    window.add(position, sample);
    while (window.size() > limits.maxMatchesPerGroup()) {
      window.remove(0);
    }
    double aggregate =
        switch (rule.type()) {
          case EVENT_COUNT -> window.size();
          case VALUE_COUNT -> window.stream().map(Sample::value).distinct().count();
          case TEMPORAL -> window.stream().map(Sample::rule).distinct().count();
          case TEMPORAL_ORDERED -> {
            int next = 0;
            long previous = Long.MIN_VALUE;
            while (next < 3) {
              final int r = next;
              final long p = previous;
              var found = window.stream().filter(s -> s.rule() == r && s.at() >= p).findFirst();
              if (found.isEmpty()) {
                break;
              }
              previous = found.get().at();
              next++;
            }
            yield next;
          }
          case VALUE_SUM -> window.stream().mapToDouble(Sample::number).sum();
          case VALUE_AVG ->
              window.stream().mapToDouble(Sample::number).average().orElse(Double.NaN);
          case VALUE_PERCENTILE -> {
            if (rule.condition().fields().get(0).equals("n")) {
              List<Sample> recent =
                  window.subList(
                      Math.max(0, window.size() - limits.percentileSamples()), window.size());
              yield 100.0
                  * recent.stream().filter(s -> s.number() <= sample.number()).count()
                  / recent.size();
            }
            yield 100.0
                * window.stream().filter(s -> s.value().equals(sample.value())).count()
                / window.size();
          }
        };
    boolean holds = rule.condition().test(aggregate);
    boolean fire = holds && (firing[0] == 0 || latest - firing[1] >= span);
    firing[0] = holds ? 1 : 0;
    if (fire) {
      firing[1] = latest;
    }
    return fire;
  }
}
