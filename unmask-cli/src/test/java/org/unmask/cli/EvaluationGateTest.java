package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection-quality regression gate: a small simulated world, scanned and evaluated end to
 * end, must not fall below the figures recorded in docs/EVALUATION.md (the bounds are in
 * evaluation-gate.txt beside this test). A gate, not a target: detectors are judged on several
 * seeds and sizes in docs/EVALUATION.md, never tuned to this one world.
 */
class EvaluationGateTest {

  static final Path GATE = Path.of("src", "test", "resources", "evaluation-gate.txt");

  @Test
  void smallWorld_scannedAndEvaluated_staysAboveTheRecordedFigures(@TempDir Path tmp) {
    Path world = tmp.resolve("world");
    Path out = tmp.resolve("out");
    assertThat(UnmaskCli.run("simulate", "--employees", "150", "--days", "30", "--seed", "11",
        "--hidden-share", "0.05", "--out", world.toString())).isZero();
    assertThat(UnmaskCli.run("scan", world.toString(), "--out", out.toString(), "--key-file",
        tmp.resolve("key").toString(), "-q")).isZero();
    assertThat(UnmaskCli.run("evaluate", world.toString(), out.toString(), "--gate", GATE.toString()))
        .as("evaluation gate %s (see the table printed above)", GATE).isZero();

    // a gate that names no figure of the evaluation is a malformed gate (2), not a broken bound (1)
    Path typo = tmp.resolve("typo-gate.txt");
    Path strict = tmp.resolve("strict-gate.txt");
    try {
      java.nio.file.Files.writeString(typo, "case_recal >= 0.5\n");
      java.nio.file.Files.writeString(strict, "case_recall >= 1.01\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(UnmaskCli.run("evaluate", world.toString(), out.toString(), "--gate", typo.toString())).isEqualTo(2);
    assertThat(UnmaskCli.run("evaluate", world.toString(), out.toString(), "--gate", strict.toString())).isEqualTo(1);
  }
}
