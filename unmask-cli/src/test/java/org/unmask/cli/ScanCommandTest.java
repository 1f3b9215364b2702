package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `unmask scan` says when it cannot do what was asked: one line, and the exit status. */
class ScanCommandTest {

  private static final Path DEMO = Path.of("..", "examples", "demo");

  private record Run(int status, String err) {}

  private static Run scan(String... args) {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "scan";
      System.arraycopy(args, 0, all, 1, args.length);
      return new Run(UnmaskCli.run(all), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(before);
    }
  }

  @Test
  void outputsThatCannotGoWhereAsked_areRefusedWithTheReason(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    Run intoFile = scan(DEMO.toString(), "--out", file.toString(), "-q", "--key-file", dir.resolve("k").toString());
    assertThat(intoFile.status()).isEqualTo(2);
    assertThat(intoFile.err()).isEqualTo("unmask scan: --out " + file + " is a file, not a folder\n");

    Path world = dir.resolve("world");
    Files.createDirectories(world.resolve("events"));
    Files.copy(DEMO.resolve("people.csv"), world.resolve("people.csv"));
    Run intoEvents = scan(world.toString(), "--out", world.resolve("events/results").toString(), "-q");
    assertThat(intoEvents.status()).isEqualTo(2);
    assertThat(intoEvents.err()).contains("is inside the dataset's events/ folder");
    assertThat(world.resolve("events/results")).doesNotExist();

    Run noPolicy = scan(DEMO.toString(), "--out", dir.resolve("o").toString(), "--risk-policy", "nosuch.yml", "-q");
    assertThat(noPolicy.status()).isEqualTo(2);
    assertThat(noPolicy.err()).isEqualTo("unmask scan: no such risk policy file: nosuch.yml\n");
  }

  @Test
  void aFolderWithNeitherPeopleNorEvents_isScanned_withAWarning(@TempDir Path dir) {
    Run parent = scan(dir.toString(), "--out", dir.resolve("o").toString(), "-q", "--key-file", dir.resolve("k").toString());
    assertThat(parent.status()).isZero();
    assertThat(parent.err()).contains("warning: no people.csv and no events/ in " + dir);
  }
}
