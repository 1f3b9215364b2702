package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.reference.Address;
import org.unmask.reference.Person;
import org.unmask.store.ScanSnapshot;
import org.unmask.store.Store;
import org.unmask.verdict.PersonVerdict;
import org.unmask.verdict.Reason;
import picocli.CommandLine;

/** The case, audit and purge commands end to end on an embedded H2 store. */
class CasesCommandTest {

  @TempDir Path dir;
  String store;
  String keyFile;

  record Result(int status, String out, String err) {}

  @BeforeEach
  void scan() {
    store = dir.resolve("cases.mv.db").toString();
    keyFile = dir.resolve("pseudonym.key").toString();
    List<Finding> findings = new ArrayList<>();
    List<PersonVerdict> verdicts = new ArrayList<>();
    List<Person> people = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      EntityRef who = EntityRef.person("P" + p);
      findings.add(new Finding(Finding.idOf("rmm_tool", who, "l" + p), "rmm_tool", "RMM tool", Severity.HIGH,
          List.of("T1219"), Instant.parse("2026-05-04T14:00:00Z"), who, 30, List.of(new SourceRef("events/e.jsonl", p + 1)),
          "AnyDesk started for jane.doe" + p + "@example.com"));
      verdicts.add(new PersonVerdict("P" + p, 90 - 20 * p, p < 2, Instant.parse("2026-05-04T14:00:00Z"),
          List.of(new Reason("rmm_tool", "AnyDesk on the laptop", 30))));
      people.add(new Person("P" + p, "Jane Doe" + p, "jane.doe" + p + "@example.com", null, "+1 312 555 0100", null, null,
          null, null, null, new Address("1 Main St", "Chicago", "IL", "60601", "US"), ZoneId.of("UTC"), null, null));
    }
    try (Store s = Store.open(store)) {
      s.saveScan(ScanSnapshot.of("demo", Instant.parse("2026-06-01T00:00:00Z"), findings, verdicts, List.of(), List.of(), people));
    }
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--store", store, "--key-file", keyFile, "--as-user", "alice"));
    int status = UnmaskCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(all.toArray(String[]::new));
    return new Result(status, out.toString(), err.toString());
  }

  @Test
  void listJson_printsOneObjectPerCase_highestRiskFirst() throws Exception {
    Result r = run("cases", "list", "--json");

    assertThat(r.status()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    @SuppressWarnings("unchecked") Map<String, Object> first = new ObjectMapper().readValue(lines.get(0), Map.class);
    assertThat(first).containsEntry("case_id", "case-P0").containsEntry("person_id", "P0")
        .containsEntry("status", "open").containsEntry("risk_score", 90.0);
    assertThat(new ObjectMapper().readValue(lines.get(1), Map.class)).containsEntry("case_id", "case-P1");
  }

  @Test
  void listTable_isSortedByRisk() {
    Result r = run("cases", "list");

    assertThat(r.out().lines().toList()).hasSize(3);
    assertThat(r.out().indexOf("case-P0")).isLessThan(r.out().indexOf("case-P1"));
  }

  @Test
  void show_keepsIdentitiesPseudonymised_andRevealNeedsRoleAndReason() throws Exception {
    Result plain = run("cases", "show", "case-P0");
    assertThat(plain.status()).isZero();
    assertThat(plain.out()).doesNotContain("jane.doe0@example.com").doesNotContain("Jane Doe0")
        .contains("@pseudo").contains("pseudonymised");

    Result noRole = run("cases", "show", "case-P0", "--reveal", "--reason", "interview");
    assertThat(noRole.status()).isEqualTo(1);
    assertThat(noRole.err()).contains("--role analyst");
    assertThat(noRole.out()).doesNotContain("Jane Doe0");

    Result noReason = run("cases", "show", "case-P0", "--reveal", "--role", "analyst");
    assertThat(noReason.status()).isEqualTo(1);
    assertThat(noReason.err()).contains("--reason");

    Result revealed = run("cases", "show", "case-P0", "--reveal", "--role", "analyst", "--reason", "HR interview");
    assertThat(revealed.status()).isZero();
    assertThat(revealed.out()).contains("Jane Doe0").contains("REVEALED to alice");
    assertThat(run("audit").out()).contains("identity.reveal.refused").contains("identity.reveal ")
        .contains("HR interview");
    assertThat(Files.readString(Path.of(keyFile)).strip()).hasSize(64);
  }

  @Test
  void lifecycle_assignEscalateClose_withSuppression_thenAuditVerifies() {
    assertThat(run("cases", "assign", "case-P0", "--to", "dana").out()).contains("assigned to dana (investigating)");
    assertThat(run("cases", "note", "case-P0", "--text", "manager confirms travel").out()).contains("note #1");
    assertThat(run("cases", "escalate", "case-P0").status()).isZero();
    Result close = run("cases", "close", "case-P1", "--as", "benign", "--note", "approved tool", "--suppress", "rule",
        "--for", "30d");
    assertThat(close.status()).isZero();
    assertThat(close.out()).contains("closed as benign").contains("suppression person_rule rule=rmm_tool");
    Result again = run("cases", "close", "case-P1", "--as", "confirmed", "--note", "x");
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("closed as benign");

    Result verify = run("audit", "--verify");
    assertThat(verify.status()).isZero();
    assertThat(verify.out()).startsWith("audit log intact:");
  }

  @Test
  void auditVerify_failsAndNamesTheRow_afterDirectSqlEdit() {
    run("cases", "assign", "case-P0", "--to", "dana");
    run("cases", "note", "case-P0", "--text", "n");
    try (Store s = Store.open(store)) {
      s.database().transaction(c -> {
        try (Statement st = c.createStatement()) {
          return st.executeUpdate("UPDATE audit_log SET details = 'nothing to see' WHERE seq = 2");
        }
      });
    }
    Result r = run("audit", "--verify");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("broken at row 2");
  }

  @Test
  void purge_isAudited_andUnknownDurationIsRefused() {
    assertThat(run("purge", "--older-than", "180d").status()).isZero();
    assertThat(run("audit").out()).contains("purge");
    Result bad = run("purge", "--older-than", "soon");
    assertThat(bad.status()).isNotZero();
    assertThat(bad.err()).contains("not a duration");
  }

  @Test
  void missingStore_saysHowToGiveOne() {
    StringWriter err = new StringWriter();
    int status = UnmaskCli.commandLine().setErr(new PrintWriter(err)).execute("cases", "list", "--store", "");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--store");
  }
}
