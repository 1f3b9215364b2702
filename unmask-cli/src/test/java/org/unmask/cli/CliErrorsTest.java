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

/** A mistake on the command line is a line or two that say what to fix: no usage dump, no stack trace. */
class CliErrorsTest {

  private record Run(int status, String err) {}

  private static Run run(String... args) {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new Run(UnmaskCli.run(args), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(before);
    }
  }

  @Test
  void aBadArgument_isOneLineAndWhereTheHelpIs() {
    Run date = run("simulate", "--start", "2026-02-30", "--out", "/tmp/never");
    assertThat(date.status()).isEqualTo(2);
    assertThat(date.err()).isEqualTo("unmask simulate: Invalid value for option '--start': '2026-02-30' is not a date:"
        + " write YYYY-MM-DD, a day that exists\n(see: unmask simulate --help)\n");
    Run unknown = run("bogus");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err().lines()).hasSize(2).last().isEqualTo("(see: unmask --help)");
  }

  /** A run names its subcommand first and gets that one only (a faster start); its usage is the same. */
  @Test
  void aSubcommand_isBuiltAlone_withTheUsageItHasAmongAll() {
    picocli.CommandLine all = UnmaskCli.commandLine();
    assertThat(all.getSubcommands().keySet()).contains("help", "scan", "match", "rules", "kafka-load").hasSize(14);
    assertThat(UnmaskCli.commandLine("--help").getSubcommands()).hasSize(14);
    assertThat(UnmaskCli.commandLine("help", "match").getSubcommands()).as("help describes the others").hasSize(14);
    assertThat(UnmaskCli.commandLine("mtch").getSubcommands()).as("a typo is answered with the names").hasSize(14);
    for (String name : all.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      picocli.CommandLine alone = UnmaskCli.commandLine(name, "--some-option");
      assertThat(alone.getSubcommands().keySet()).containsExactly(name);
      assertThat(alone.getSubcommands().get(name).getUsageMessage())
          .isEqualTo(all.getSubcommands().get(name).getUsageMessage());
    }
  }

  @Test
  void aFailureInsideACommand_isOneLine_withoutATrace(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    Run demo = run("demo", "--dir", file.toString());
    assertThat(demo.status()).isNotZero();
    assertThat(demo.err()).contains("Not a directory").doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void storeCommands_doNotCreateAStoreWhereThePathIsMistyped(@TempDir Path dir) {
    String store = dir.resolve("nostore").toString();
    for (String[] args : new String[][] {{"audit", "--verify", "--store", store}, {"cases", "list", "--store", store},
        {"purge", "--older-than", "180d", "--store", store}}) {
      Run r = run(args);
      assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).contains("no store at " + store);
    }
    assertThat(dir.resolve("nostore.mv.db")).doesNotExist();
    assertThat(run("tokens", "create", "--role", "admin", "--name", "first", "--store", store).status())
        .as("the first token makes the store").isZero();
  }

  @Test
  void vet_withoutApplicants_saysSo(@TempDir Path dir) {
    Run r = run("vet", dir.toString(), "--out", dir.resolve("v").toString());
    assertThat(r.status()).as("as scan: 2 when it could not run").isEqualTo(2);
    assertThat(r.err()).isEqualTo("unmask vet: no applicants.csv in " + dir + " — pass the folder that holds it\n");
  }
}
