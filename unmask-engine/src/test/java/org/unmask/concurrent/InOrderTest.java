package org.unmask.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Results come in the order the tasks were given, whatever order the workers finish them in. */
class InOrderTest {

  @Test
  void results_comeInTheOrderGiven_withAtMostAheadInFlight() {
    List<Integer> results = new ArrayList<>();
    int[] given = {0};
    int[] mostInFlight = {0};
    Random random = new Random(5);
    try (InOrder<Integer> tasks = new InOrder<>(3, 5, "test", r -> results.add(r))) {
      for (int i = 0; i < 300; i++) {
        int n = i;
        long sleep = random.nextInt(3);
        tasks.submit(() -> {
          Thread.sleep(sleep); // workers finish out of order
          return n;
        });
        given[0]++;
        mostInFlight[0] = Math.max(mostInFlight[0], given[0] - results.size());
      }
      tasks.finish();
    }
    assertThat(results).hasSize(300);
    for (int i = 0; i < 300; i++) {
      assertThat(results.get(i)).isEqualTo(i);
    }
    assertThat(mostInFlight[0]).isBetween(2, 5);
  }

  @Test
  void whatATaskThrows_isThrownWhereItsResultWouldCome() {
    List<Integer> results = new ArrayList<>();
    try (InOrder<Integer> tasks = new InOrder<>(2, 4, "test", results::add)) {
      tasks.submit(() -> 1);
      tasks.submit(() -> {
        throw new IllegalArgumentException("a broken batch");
      });
      tasks.submit(() -> 3);
      assertThatThrownBy(tasks::finish).isInstanceOf(IllegalArgumentException.class).hasMessage("a broken batch");
    }
    assertThat(results).containsExactly(1);
  }
}
