package org.unmask.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.server.load.LoadTestHarness;

/**
 * The load test at CI size: it checks correctness (every event judged once, no finding lost or
 * doubled across client kills), not speed; the figures come from the full run in docs/BENCHMARKS.md.
 */
class LoadIT {

  @TempDir Path dir;

  @Test
  void throughputRun_judgesEveryEvent() throws Exception {
    var world = LoadTestHarness.world(dir.resolve("world"), 40, 14, 500);
    var t = LoadTestHarness.throughput(world, dir.resolve("t"), 3);
    assertThat(t.events()).isEqualTo(LoadTestHarness.events(world));
    assertThat(t.findings()).isGreaterThan(0);
    assertThat(t.p99Seconds()).isGreaterThan(0);
  }

  @Test
  void killedClient_resumes_withNoEventLost_andNoFindingLostOrDoubled() throws Exception {
    var world = LoadTestHarness.world(dir.resolve("world"), 40, 14, 500);
    var k = LoadTestHarness.killAndResume(world, 30, dir.resolve("k"), 6, 3);
    assertThat(k.kills()).isGreaterThan(0);
    assertThat(k.judgedUnique()).isEqualTo(k.inputEvents());
    assertThat(k.referenceFindings()).isGreaterThan(0);
    assertThat(k.missing()).isEmpty();
    assertThat(k.extra()).isEmpty();
  }
}
