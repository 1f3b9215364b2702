package org.unmask.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.sim.world.SimulationPlan;

class DeterminismTest {

  @Test
  void sameSeed_writesByteIdenticalFiles(@TempDir Path a, @TempDir Path b) throws IOException {
    SimulationPlan plan = new SimulationPlan(60, 8, 42L, Simulator.DEFAULT_START, 0.1, "acme-corp.com");
    Simulator.simulate(plan, new Simulator.Output(a, false));
    Simulator.simulate(plan, new Simulator.Output(b, false));
    List<Path> filesA = files(a);
    assertThat(filesA).hasSizeGreaterThan(20);
    assertThat(filesA.stream().map(a::relativize).toList()).isEqualTo(files(b).stream().map(b::relativize).toList());
    for (Path f : filesA) {
      assertThat(Files.readAllBytes(b.resolve(a.relativize(f)))).as(a.relativize(f).toString()).isEqualTo(Files.readAllBytes(f));
    }
  }

  @Test
  void differentSeed_writesADifferentWorld(@TempDir Path a, @TempDir Path b) throws IOException {
    Simulator.simulate(new SimulationPlan(40, 3, 1L, Simulator.DEFAULT_START, 0.1, "acme-corp.com"), new Simulator.Output(a, false));
    Simulator.simulate(new SimulationPlan(40, 3, 2L, Simulator.DEFAULT_START, 0.1, "acme-corp.com"), new Simulator.Output(b, false));
    assertThat(Files.readString(a.resolve("people.csv"))).isNotEqualTo(Files.readString(b.resolve("people.csv")));
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
