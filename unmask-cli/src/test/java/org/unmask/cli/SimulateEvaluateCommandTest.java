package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateEvaluateCommandTest {

  @Test
  void simulateThenEvaluate_writesEvaluation_andGateFailsWithExit1(@TempDir Path dir) throws IOException {
    Path world = dir.resolve("world");
    assertThat(UnmaskCli.run("simulate", "--employees", "40", "--days", "2", "--seed", "3", "--hidden-share", "0.1", "--out", world.toString()))
        .isZero();
    assertThat(world.resolve("truth.json")).exists();
    assertThat(world.resolve("people.csv")).exists();

    // A scan that opens no case at all.
    Path out = Files.createDirectories(dir.resolve("out"));
    List<String> people = Files.readAllLines(world.resolve("people.csv"));
    StringBuilder persons = new StringBuilder();
    for (String row : people.subList(1, people.size())) {
      persons.append("{\"person_id\":\"").append(row.split(",")[0]).append("\",\"risk_score\":0,\"case_opened\":false,\"first_flagged_at\":null}\n");
    }
    Files.writeString(out.resolve("persons.jsonl"), persons);
    assertThat(UnmaskCli.run("evaluate", world.toString(), out.toString())).isZero();
    assertThat(out.resolve("evaluation.json")).exists();

    Path gate = dir.resolve("gate.txt");
    Files.writeString(gate, "case_recall >= 0.5\n");
    assertThat(UnmaskCli.run("evaluate", world.toString(), out.toString(), "--gate", gate.toString())).isEqualTo(1);
    Files.writeString(gate, "false_cases_total <= 0\n");
    assertThat(UnmaskCli.run("evaluate", world.toString(), out.toString(), "--gate", gate.toString())).isZero();
  }

  @Test
  void evaluate_withoutTruth_exits2(@TempDir Path dir) {
    assertThat(UnmaskCli.run("evaluate", dir.toString(), dir.toString())).isEqualTo(2);
  }

  @Test
  void simulate_rejectsTooFewEmployees(@TempDir Path dir) {
    assertThat(UnmaskCli.run("simulate", "--employees", "1", "--out", dir.toString())).isEqualTo(2);
  }
}
