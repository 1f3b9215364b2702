package org.unmask.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

  private static final long DAY = 86_400_000L;

  @Test
  void longSet_agreesWithAHashSet_onRandomInput() {
    Random r = new Random(42);
    LongSet set = new LongSet();
    java.util.Set<Long> reference = new java.util.HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      long v = r.nextInt(100_000) - 50_000; // zero and negatives included, many repeats
      assertThat(set.add(v)).isEqualTo(reference.add(v));
    }
    assertThat(set.size()).isEqualTo(reference.size());
    for (long v = -60_000; v < 60_000; v += 7) {
      assertThat(set.contains(v)).isEqualTo(reference.contains(v));
    }
  }

  @Test
  void duplicates_areFound_inTheirOwnDay() {
    SeenIds seen = new SeenIds(30, 1_000_000);
    assertThat(seen.add(7, 10 * DAY + 5)).isTrue();
    assertThat(seen.contains(7, 10 * DAY + 5)).isTrue();
    assertThat(seen.add(7, 10 * DAY + 5)).isFalse();
    assertThat(seen.contains(7, 11 * DAY)).isFalse();
  }

  @Test
  void memory_isBounded_byDaysAndByCount() {
    SeenIds byDays = new SeenIds(3, 1_000_000);
    for (int day = 0; day < 10; day++) {
      byDays.add(day, day * DAY);
    }
    assertThat(byDays.size()).isEqualTo(3); // days 7, 8, 9
    assertThat(byDays.contains(2, 2 * DAY)).isFalse();

    SeenIds byCount = new SeenIds(365, 1000);
    for (int i = 0; i < 5000; i++) {
      byCount.add(i, (i / 100) * DAY);
    }
    assertThat(byCount.size()).isLessThanOrEqualTo(1000);
    assertThat(byCount.contains(4999, 49 * DAY)).isTrue();
  }

  @Test
  void aClockSetYearsAhead_forgetsNoRealDay_andLosesItsOwnDaysFirst() {
    long today = 20_000; // days since 1970: 2024-10-04
    SeenIds seen = new SeenIds(30, 1_000, () -> today);
    for (int i = 0; i < 500; i++) {
      seen.add(i, (today - 2) * DAY + i);
    }
    seen.add(9_999, (today + 27_000) * DAY); // a laptop clock set to 2098
    assertThat(seen.add(7, (today - 2) * DAY + 7)).as("a re-sent event is still a duplicate").isFalse();

    for (int i = 0; i < 700; i++) { // the count bound: the far-ahead day goes before any real one
      seen.add(100_000 + i, (today + 27_000 + 1) * DAY);
    }
    assertThat(seen.contains(7, (today - 2) * DAY + 7)).isTrue();
    assertThat(seen.size()).isLessThanOrEqualTo(1_000);
  }

  /**
   * The duplicate memory's bound follows the heap: a quarter of it at the most an id can take
   * (its set's slots, measured here), so the default 2 GB server keeps 16.7 million ids, not the
   * 50 million that took 1.6 GB of it.
   */
  @Test
  void rememberedIds_takeAQuarterOfTheHeapAtMost() {
    SeenIds seen = new SeenIds(30, 10_000_000, () -> 20_000);
    int n = 300_000;
    for (int i = 0; i < n; i++) {
      seen.add(i * 7919L + 1, 20_000 * DAY);
    }
    assertThat(seen.bytes() / (double) n).as("bytes per id").isLessThanOrEqualTo(Intake.Limits.BYTES_PER_REMEMBERED_ID);

    assertThat(Intake.Limits.rememberedIdsFor(2L << 30)).isEqualTo(16_777_216L);
    assertThat(Intake.Limits.rememberedIdsFor(64L << 30)).isEqualTo(50_000_000L);
    assertThat(Intake.Limits.rememberedIdsFor(64L << 20)).isEqualTo(1_000_000L);
  }
}
