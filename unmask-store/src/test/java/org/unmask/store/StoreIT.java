package org.unmask.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.unmask.event.Finding;
import org.unmask.risk.Suppressions;
import org.unmask.store.audit.AuditEntry;
import org.unmask.store.audit.AuditVerification;
import org.unmask.store.cases.Case;
import org.unmask.store.cases.CaseStatus;
import org.unmask.store.cases.Resolution;
import org.unmask.store.cases.SuppressionRequest;
import org.unmask.store.privacy.Identity;
import org.unmask.store.privacy.RevealRefusedException;
import org.unmask.store.privacy.RevealRequest;
import org.unmask.store.retention.PurgeReport;

/** The store's behaviour, on both the embedded H2 file and a real PostgreSQL. */
class StoreIT {

  static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");

  @TempDir Path dir;

  private Store open(Backend backend, MutableClock clock) {
    return Store.open(backend.newStore(dir), clock);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void saveScan_twice_storesEverythingOnce(Backend backend) {
    try (Store store = open(backend, new MutableClock(T0))) {
      ScanReceipt first = store.saveScan(Fixtures.snapshot(1200, T0));
      ScanReceipt again = store.saveScan(Fixtures.snapshot(1200, T0));

      assertThat(first.newFindings()).isEqualTo(1200);
      assertThat(first.casesOpened()).isEqualTo(2);
      assertThat(again.newFindings()).isZero();
      assertThat(again.casesOpened()).isZero();
      assertThat(store.counts()).containsEntry("findings", 1200L).containsEntry("evidence", 1200L)
          .containsEntry("cases", 2L).containsEntry("person_verdicts", 5L).containsEntry("scans", 1L)
          .containsEntry("identities", 2L).containsEntry("farms", 1L).containsEntry("applicant_verdicts", 1L);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void laterScan_overMoreData_addsOnlyTheNewFindings(Backend backend) {
    try (Store store = open(backend, new MutableClock(T0))) {
      store.saveScan(Fixtures.snapshot(100, T0));
      ScanReceipt later = store.saveScan(Fixtures.snapshot(150, T0.plusSeconds(86_400)));

      assertThat(later.newFindings()).isEqualTo(50);
      assertThat(store.counts()).containsEntry("findings", 150L).containsEntry("cases", 2L).containsEntry("scans", 2L);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void rescan_keepsCaseStatusAssigneeAndNotes_butRefreshesRisk(Backend backend) {
    try (Store store = open(backend, new MutableClock(T0))) {
      store.saveScan(Fixtures.snapshot(20, T0, 60, "d"));
      store.cases().assign("case-p-0", "dana", "alice");
      store.cases().note("case-p-0", "called the manager", "alice");
      store.cases().escalate("case-p-0", "alice");

      store.saveScan(Fixtures.snapshot(20, T0.plusSeconds(3600), 91, "d"));

      Case k = store.cases().get("case-p-0");
      assertThat(k.status()).isEqualTo(CaseStatus.ESCALATED);
      assertThat(k.assignee()).isEqualTo("dana");
      assertThat(k.riskScore()).isEqualTo(91);
      assertThat(store.cases().notes("case-p-0")).extracting(n -> n.text()).containsExactly("called the manager");
      assertThat(store.cases().list()).extracting(Case::caseId).containsExactly("case-p-0", "case-p-1");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void lifecycle_refusesChangesToClosedCase_butAcceptsNotes(Backend backend) {
    try (Store store = open(backend, new MutableClock(T0))) {
      store.saveScan(Fixtures.snapshot(10, T0));
      store.cases().close("case-p-1", Resolution.CONFIRMED, "payroll routed to a mule account", null, "alice");

      assertThatThrownBy(() -> store.cases().escalate("case-p-1", "bob")).hasMessageContaining("closed as confirmed");
      assertThatThrownBy(() -> store.cases().close("case-p-1", Resolution.BENIGN, "x", null, "bob"))
          .hasMessageContaining("closed");
      assertThatThrownBy(() -> store.cases().assign("case-nope", "x", "bob")).hasMessageContaining("no such case: case-nope");
      assertThatThrownBy(() -> store.cases().close("case-p-0", Resolution.CONFIRMED, "x",
          SuppressionRequest.rule(null, Duration.ofDays(90)), "bob")).hasMessageContaining("confirmed case cannot");
      store.cases().note("case-p-1", "HR informed", "bob");
      assertThat(store.cases().notes("case-p-1")).extracting(n -> n.author()).containsExactly("alice", "bob");
      assertThat(store.cases().get("case-p-1").resolution()).isEqualTo(Resolution.CONFIRMED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void benignClose_suppressesThatPersonsRule_inLaterScans_untilItExpires(Backend backend) {
    MutableClock clock = new MutableClock(T0);
    try (Store store = open(backend, clock)) {
      ScanSnapshot scan = Fixtures.snapshot(50, T0);
      store.saveScan(scan);
      store.cases().close("case-p-0", Resolution.BENIGN, "approved helpdesk tool",
          SuppressionRequest.rule(Fixtures.RMM, Duration.ofDays(90)), "alice");

      Instant later = T0.plus(Duration.ofDays(10));
      Suppressions active = Suppressions.activeAt(store.activeSuppressions(later), later);
      List<Finding> kept = active.apply(scan.findings());
      List<Finding> dropped = scan.findings().stream().filter(active::suppresses).toList();
      assertThat(dropped).isNotEmpty()
          .allSatisfy(f -> {
            assertThat(f.entity().id()).isEqualTo("p-0");
            assertThat(f.ruleId()).isEqualTo(Fixtures.RMM);
          });
      assertThat(kept).hasSize(50 - dropped.size()).noneMatch(active::suppresses);
      // The store also marks them when a scan saves them unfiltered.
      assertThat(store.saveScan(Fixtures.snapshot(50, later)).suppressed()).isEqualTo(dropped.size());

      Instant expired = T0.plus(Duration.ofDays(91));
      assertThat(store.activeSuppressions(expired)).isEmpty();
      assertThat(Suppressions.activeAt(store.activeSuppressions(expired), expired).apply(scan.findings())).hasSize(50);
      assertThat(store.saveScan(Fixtures.snapshot(50, expired)).suppressed()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void networkSuppression_dropsFindingsThatPointIntoTheNetwork(Backend backend) {
    try (Store store = open(backend, new MutableClock(T0))) {
      ScanSnapshot scan = Fixtures.snapshot(500, T0);
      store.saveScan(scan);
      store.cases().close("case-p-1", Resolution.FALSE_POSITIVE, "co-working space egress",
          SuppressionRequest.network("203.0.113.0/28", Duration.ofDays(30)), "alice");

      Suppressions active = Suppressions.activeAt(store.activeSuppressions(T0.plusSeconds(60)), T0.plusSeconds(60));
      assertThat(active.allowedNetworks()).containsExactly("203.0.113.0/28");
      // Summaries name 203.0.113.(i % 250): 0..15 fall inside the /28.
      assertThat(scan.findings().stream().filter(active::suppresses).count()).isEqualTo(32);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void reveal_isRefusedWithoutRoleOrReason_andGrantedAndAuditedWithBoth(Backend backend) {
    try (Store store = open(backend, new MutableClock(T0))) {
      store.saveScan(Fixtures.snapshot(10, T0));

      assertThatThrownBy(() -> store.reveal("case-p-0", new RevealRequest("eve", null, "curious")))
          .isInstanceOf(RevealRefusedException.class).hasMessageContaining("--role analyst");
      assertThatThrownBy(() -> store.reveal("case-p-0", new RevealRequest("eve", "viewer", "curious")))
          .isInstanceOf(RevealRefusedException.class).hasMessageContaining("only analyst or admin");
      for (String unreadable : java.util.List.of("  ", "\u200b\u00a0", "\u0000", "?!")) { // blank to the eye, or nothing said
        assertThatThrownBy(() -> store.reveal("case-p-0", new RevealRequest("eve", "analyst", unreadable)))
            .isInstanceOf(RevealRefusedException.class).hasMessageContaining("--reason");
      }

      Identity who = store.reveal("case-p-0", new RevealRequest("alice", "analyst", "HR interview tomorrow"));
      assertThat(who.fields()).containsEntry("full_name", "Person Number0").containsEntry("email", "person0@example.com");

      List<AuditEntry> log = store.audit().entries();
      assertThat(log).extracting(AuditEntry::action)
          .containsSubsequence("identity.reveal.refused", "identity.reveal.refused", "identity.reveal.refused", "identity.reveal");
      assertThat(log.get(log.size() - 1).details()).contains("role=analyst").contains("HR interview tomorrow");
      assertThat(log.get(log.size() - 1).actor()).isEqualTo("alice");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void auditVerify_passesOnAnHonestLog_andNamesTheFirstRowAnUpdateBroke(Backend backend) throws Exception {
    try (Store store = open(backend, new MutableClock(T0))) {
      store.saveScan(Fixtures.snapshot(10, T0));
      store.cases().assign("case-p-0", "dana", "alice");
      store.cases().note("case-p-0", "n1", "alice");
      store.cases().close("case-p-1", Resolution.BENIGN, "fine", SuppressionRequest.rule(null, Duration.ofDays(5)), "bob");
      AuditVerification ok = store.audit().verify();
      assertThat(ok.intact()).isTrue();
      assertThat(ok.rows()).isEqualTo(store.audit().entries().size()).isGreaterThanOrEqualTo(6);

      store.database().transaction(c -> {
        try (Statement s = c.createStatement()) {
          return s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
        }
      });
      AuditVerification bad = store.audit().verify();
      assertThat(bad.intact()).isFalse();
      assertThat(bad.firstBadSeq()).isEqualTo(3);
      assertThat(bad.problem()).contains("edited");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void auditVerify_detectsDeletedRows_inTheMiddleAndAtTheEnd(Backend backend) {
    try (Store store = open(backend, new MutableClock(T0))) {
      store.saveScan(Fixtures.snapshot(10, T0));
      for (int i = 0; i < 4; i++) {
        store.cases().note("case-p-0", "note " + i, "alice");
      }
      long last = store.audit().entries().size();
      store.database().transaction(c -> {
        try (Statement s = c.createStatement()) {
          return s.executeUpdate("DELETE FROM audit_log WHERE seq = " + last);
        }
      });
      assertThat(store.audit().verify().firstBadSeq()).isEqualTo(last);

      store.database().transaction(c -> {
        try (Statement s = c.createStatement()) {
          return s.executeUpdate("DELETE FROM audit_log WHERE seq = 2");
        }
      });
      AuditVerification bad = store.audit().verify();
      assertThat(bad.firstBadSeq()).isEqualTo(2);
      assertThat(bad.problem()).contains("missing");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void purge_deletesOldEvidence_keepsOpenCasesEvidence_decisionsAndAudit(Backend backend) {
    MutableClock clock = new MutableClock(T0);
    try (Store store = open(backend, clock)) {
      store.saveScan(Fixtures.snapshot(100, T0));
      store.cases().close("case-p-1", Resolution.FALSE_POSITIVE, "travel was real", null, "alice");
      clock.advance(Duration.ofDays(200));

      PurgeReport report = store.purge(Duration.ofDays(180), "admin");

      // p-0's case is open: its 20 findings stay. The other 80 findings are past retention.
      assertThat(report.findings()).isEqualTo(80);
      assertThat(report.evidence()).isEqualTo(80);
      assertThat(report.identities()).isEqualTo(1);
      assertThat(store.counts()).containsEntry("findings", 20L).containsEntry("evidence", 20L)
          .containsEntry("cases", 2L).containsEntry("identities", 1L).containsEntry("case_notes", 1L);
      assertThat(store.cases().get("case-p-1").resolution()).isEqualTo(Resolution.FALSE_POSITIVE);
      List<AuditEntry> log = store.audit().entries();
      assertThat(log.get(log.size() - 1).action()).isEqualTo("purge");
      assertThat(log.get(log.size() - 1).details()).contains("findings=80");
      assertThat(store.audit().verify().intact()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void concurrentAnalysts_keepTheAuditChainWhole_andOnlyOneCloseWins(Backend backend) throws Exception {
    try (Store store = open(backend, new MutableClock(T0))) {
      store.saveScan(Fixtures.snapshot(10, T0));
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();
      java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String analyst = "analyst-" + t;
        work.add(pool.submit(() -> {
          for (int i = 0; i < 5; i++) {
            store.cases().note("case-p-0", analyst + " note " + i, analyst);
          }
          try {
            store.cases().close("case-p-1", Resolution.CONFIRMED, "by " + analyst, null, analyst);
            closes.incrementAndGet();
          } catch (StoreException refused) {
            assertThat(refused).hasMessageContaining("closed");
          }
          return null;
        }));
      }
      for (var f : work) {
        f.get();
      }
      pool.shutdown();

      assertThat(closes.get()).isEqualTo(1);
      assertThat(store.cases().notes("case-p-0")).hasSize(20)
          .extracting(n -> n.number()).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
      AuditVerification v = store.audit().verify();
      assertThat(v.intact()).isTrue();
      assertThat(v.rows()).isEqualTo(2 + 20 + 1);
    }
  }
}
