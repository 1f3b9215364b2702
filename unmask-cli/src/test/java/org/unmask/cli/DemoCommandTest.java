package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void theDemo_runsAgainInTheSameFolder(@TempDir Path tmp) {
    String[] args = {"demo", "--dir", tmp.toString(), "--employees", "40", "--days", "10"};
    assertThat(UnmaskCli.run(args)).isZero();
    assertThat(UnmaskCli.run(args)).isZero();
    assertThat(tmp.resolve("out/report.html")).exists();
    assertThat(tmp.resolve("dataset/people.csv")).exists();
  }
}
