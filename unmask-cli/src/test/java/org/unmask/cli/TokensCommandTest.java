package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.store.Store;
import org.unmask.store.privacy.Role;
import picocli.CommandLine;

class TokensCommandTest {

  @TempDir Path dir;

  private int run(StringWriter out, StringWriter err, String... args) {
    return UnmaskCli.commandLine().setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void create_printsOneTokenOnStdout_thatTheStoreAuthenticates() {
    String store = dir.resolve("s").toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "tokens", "create", "--role", "analyst", "--name", "alice", "--store", store, "--as-user", "bob"))
        .as(err.toString()).isZero();
    String secret = out.toString().strip();
    assertThat(secret).startsWith("umk_").doesNotContain("\n");
    assertThat(err.toString()).contains("analyst").doesNotContain(secret);
    try (Store s = Store.open(store)) {
      assertThat(s.tokens().authenticate(secret)).hasValueSatisfying(t -> assertThat(t.role()).isEqualTo(Role.ANALYST));
    }
  }

  @Test
  void unknownRole_isAUsageError() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "tokens", "create", "--role", "root", "--store", dir.resolve("s").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("metrics, viewer, analyst or admin");
  }

  @Test
  void serve_withoutAStore_saysHowToGiveOne() {
    // Not run with a store here: the server itself is tested in unmask-server.
    assertThat(UnmaskCli.run("serve", "--store", "", "--port", "0")).isEqualTo(2);
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void serve_withAnIntakeRetentionShorterThanTheDuplicateWindow_refusesToStart() {
    // a retention it accepted would start the server, and this test would time out
    assertThat(UnmaskCli.run("serve", "--store", dir.resolve("s").toString(), "--port", "0",
        "--intake-retention-days", "7")).isEqualTo(2);
  }
}
