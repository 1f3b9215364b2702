package org.unmask.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.unmask.store.cases.CaseStatus;

/**
 * A scan killed with SIGKILL in the middle of writing leaves the store as it was, and running it
 * again completes it with nothing lost or doubled. The writer runs in a forked JVM so that the kill
 * is real: no finally blocks, no shutdown hooks, no orderly close of the database.
 */
class CrashIT {

  static final int BIG = 20_000;
  static final int SMALL = 1_000;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void scanKilledMidWrite_leavesStoreConsistent_andReRunCompletesIt(Backend backend) throws Exception {
    String storeArg = backend.newStore(dir);
    try (Store store = Store.open(storeArg)) {
      store.saveScan(Fixtures.snapshot(SMALL, Instant.parse("2026-06-01T00:00:00Z")));
      store.cases().assign("case-p-0", "dana", "alice");
    }

    Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), ScanWriterProcess.class.getName(), storeArg,
        Integer.toString(BIG))
        .redirectErrorStream(true)
        .start();
    long writtenWhenKilled = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        // Past the first batches of findings, well before the last: the transaction is open.
        if (line.startsWith("progress findings ")) {
          long rows = Long.parseLong(line.substring("progress findings ".length()));
          if (rows >= 2_000) {
            writer.destroyForcibly(); // SIGKILL on Unix
            writtenWhenKilled = rows;
            break;
          }
        }
        assertThat(line).as("the writer finished before it could be killed").isNotEqualTo("done");
      }
    }
    assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(writer.exitValue()).isEqualTo(137);
    assertThat(writtenWhenKilled).isBetween(2_000L, (long) BIG - 1);

    ScanSnapshot big = Fixtures.snapshot(BIG, Instant.parse("2026-06-02T00:00:00Z"));
    try (Store store = Store.open(storeArg)) {
      // Consistent: exactly the first scan, as if the killed one never started.
      assertThat(store.counts()).containsEntry("scans", 1L).containsEntry("findings", (long) SMALL)
          .containsEntry("evidence", (long) SMALL).containsEntry("cases", 2L);
      assertThat(store.cases().get("case-p-0").status()).isEqualTo(CaseStatus.INVESTIGATING);
      assertThat(store.audit().verify().intact()).isTrue();

      // The re-run completes it; a second re-run changes nothing.
      assertThat(store.saveScan(big).newFindings()).isEqualTo(BIG - SMALL);
      assertThat(store.saveScan(big).newFindings()).isZero();
      assertThat(store.counts()).containsEntry("scans", 2L).containsEntry("findings", (long) BIG)
          .containsEntry("evidence", (long) BIG).containsEntry("cases", 2L);
      assertThat(store.cases().get("case-p-0").assignee()).isEqualTo("dana");
      assertThat(store.audit().verify().intact()).isTrue();
    }
  }
}
