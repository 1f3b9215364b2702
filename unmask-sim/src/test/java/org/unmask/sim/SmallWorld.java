package org.unmask.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.unmask.sim.world.SimulationPlan;

/** A small world generated once per test JVM and shared read-only by the tests that inspect it. */
final class SmallWorld {
  static final SimulationPlan PLAN = new SimulationPlan(150, 21, 7L, Simulator.DEFAULT_START, 0.08, "acme-corp.com");
  private static Path dir;

  static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("unmask-sim-small");
        Simulator.simulate(PLAN, new Simulator.Output(dir, false));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private SmallWorld() {}
}
