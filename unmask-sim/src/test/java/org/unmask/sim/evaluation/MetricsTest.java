package org.unmask.sim.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void precisionAndRecall_onHandCounts() {
    assertThat(Metrics.precision(3, 1)).isEqualTo(0.75);
    assertThat(Metrics.recall(3, 4)).isEqualTo(0.75);
    assertThat(Metrics.precision(0, 0)).isEqualTo(1.0);
    assertThat(Metrics.recall(0, 0)).isEqualTo(1.0);
    assertThat(Metrics.recall(0, 5)).isEqualTo(0.0);
  }

  @Test
  void averagePrecision_meansPrecisionAtEachPositive_andCountsMissingAsZero() {
    // Positives at ranks 1 and 3: (1/1 + 2/3) / 2.
    assertThat(Metrics.averagePrecision(List.of("a", "x", "b", "y"), Set.of("a", "b"))).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
    // A third positive never ranked: divide by 3.
    assertThat(Metrics.averagePrecision(List.of("a", "x", "b"), Set.of("a", "b", "c"))).isCloseTo((1 + 2.0 / 3) / 3, within(1e-12));
    assertThat(Metrics.averagePrecision(List.of("x", "y"), Set.of("a"))).isZero();
    assertThat(Metrics.averagePrecision(List.of("a", "b"), Set.of("a", "b"))).isEqualTo(1.0);
  }

  @Test
  void jaccard_isIntersectionOverUnion() {
    assertThat(Metrics.jaccard(List.of("a", "b", "c", "d"), List.of("a", "b", "c"))).isEqualTo(0.75);
    assertThat(Metrics.jaccard(List.of("a"), List.of("b"))).isZero();
    assertThat(Metrics.jaccard(List.of(), List.of())).isZero();
  }

  @Test
  void median_ofOddAndEvenCounts() {
    assertThat(Metrics.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
    assertThat(Metrics.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Metrics.median(List.of())).isNaN();
  }
}
