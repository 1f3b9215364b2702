package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.store.Store;
import org.unmask.store.cases.Case;
import org.unmask.store.cases.CaseStatus;

/** {@code unmask scan --store}: cases opened once, kept across re-scans, and closed-case suppressions honoured. */
class ScanStoreCommandTest {

  @Test
  void scanWithStore_opensCases_rescanIsIdempotent_andSuppressionDropsFindings(@TempDir Path dir) throws Exception {
    Path world = dir.resolve("world");
    assertThat(UnmaskCli.run("simulate", "--employees", "40", "--days", "3", "--seed", "7", "--hidden-share", "0.15",
        "--out", world.toString())).isZero();
    String store = dir.resolve("s.mv.db").toString();

    assertThat(UnmaskCli.run("scan", world.toString(), "--out", dir.resolve("o1").toString(), "--store", store, "-q", "--key-file", dir.resolve("k").toString()))
        .isZero();
    Map<String, Long> first;
    List<Case> cases;
    try (Store s = Store.open(store)) {
      first = s.counts();
      cases = s.cases().list();
    }
    assertThat(cases).as("the simulated hidden workers open cases").isNotEmpty();
    assertThat(first.get("findings")).isEqualTo(Files.readAllLines(dir.resolve("o1/findings.jsonl")).size());

    Case top = cases.get(0);
    assertThat(UnmaskCli.run("cases", "close", top.caseId(), "--store", store, "--as-user", "alice", "--as", "benign",
        "--note", "known", "--suppress", "rule", "--for", "30d", "--key-file", dir.resolve("k").toString())).isZero();

    assertThat(UnmaskCli.run("scan", world.toString(), "--out", dir.resolve("o2").toString(), "--store", store, "-q", "--key-file", dir.resolve("k").toString()))
        .isZero();
    try (Store s = Store.open(store)) {
      Map<String, Long> second = s.counts();
      assertThat(second.get("cases")).isEqualTo(first.get("cases"));
      assertThat(second.get("findings")).isEqualTo(first.get("findings"));
      Case closed = s.cases().get(top.caseId());
      assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
      assertThat(closed.riskScore()).isLessThan(top.riskScore());
      assertThat(s.audit().verify().intact()).isTrue();
    }
    // Privacy by default: no name, e-mail or phone from people.csv in any output.
    List<String> rows = Files.readAllLines(world.resolve("people.csv"));
    String outputs = Files.readString(dir.resolve("o2/findings.jsonl")) + Files.readString(dir.resolve("o2/persons.jsonl"))
        + Files.readString(dir.resolve("o2/report.html"));
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",", -1);
      assertThat(outputs).doesNotContain(cells[1]).doesNotContain(cells[2]);
    }
    List<String> rescanned = Files.readAllLines(dir.resolve("o2/findings.jsonl"));
    assertThat(rescanned).noneMatch(line -> line.contains("\"id\":\"" + top.personId() + "\"")
        && top.reasons().stream().anyMatch(r -> line.contains("\"rule_id\":\"" + r.ruleId() + "\"")));
  }
}
