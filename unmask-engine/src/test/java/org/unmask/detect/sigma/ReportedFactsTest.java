package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.detect.sigma.correlation.StateProvider;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.event.SourceRef;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.RiskPolicy;

/**
 * One finding per rule, entity and UTC day, remembered only for the days events still arrive for:
 * a server that judges events for months keeps a bounded memory of what it reported.
 */
class ReportedFactsTest {

  @TempDir
  Path dir;

  @Test
  void inProcessMemory_remembersEachDaysFacts_andForgetsTheDaysBeforeItIsTold() {
    SigmaEventRules.Memory memory = SigmaEventRules.inProcess();
    LocalDate monday = LocalDate.parse("2026-05-04");
    assertThat(memory.firstReport(monday, "rmm|person:P1")).isTrue();
    assertThat(memory.firstReport(monday, "rmm|person:P1")).isFalse();
    assertThat(memory.firstReport(monday.plusDays(1), "rmm|person:P1")).as("another day, another fact").isTrue();
    memory.forgetDaysBefore(monday.plusDays(1));
    assertThat(memory.firstReport(monday, "rmm|person:P1")).as("forgotten").isTrue();
    assertThat(memory.firstReport(monday.plusDays(1), "rmm|person:P1")).as("kept").isFalse();
  }

  @Test
  void theRules_reportOncePerDay_andForgetDaysOlderThanAWeek_asTheirEventsMoveOn() throws IOException {
    Path rule = dir.resolve("anydesk.yml");
    Files.writeString(rule, "title: AnyDesk\nid: 61111111-2222-4333-8444-555555555555\nlevel: high\n"
        + "logsource:\n    product: unmask\n    category: process\n"
        + "detection:\n    selection:\n        process.name: 'anydesk.exe'\n    condition: selection\n");
    List<LocalDate> forgotten = new ArrayList<>();
    SigmaEventRules.Memory inProcess = SigmaEventRules.inProcess();
    SigmaEventRules.Memory recording = new SigmaEventRules.Memory() {
      @Override
      public boolean firstReport(LocalDate day, String fact) {
        return inProcess.firstReport(day, fact);
      }

      @Override
      public void forgetDaysBefore(LocalDate day) {
        forgotten.add(day);
        inProcess.forgetDaysBefore(day);
      }

      @Override
      public StateProvider correlations() {
        return inProcess.correlations();
      }
    };
    SigmaEventRules rules = SigmaEventRules.load(List.of(rule), false, RiskPolicy.defaults(), recording);
    List<Finding> findings = new ArrayList<>();
    for (int day = 0; day < 20; day++) {
      for (int hour = 9; hour < 12; hour++) {
        Instant at = Instant.parse("2026-05-04T00:00:00Z").plusSeconds(day * 86_400L + hour * 3_600L);
        rules.match(process("d1", "anydesk.exe", at, day * 10L + hour), ReferenceData.empty(), findings::add);
      }
    }
    assertThat(findings).as("one per day").hasSize(20);
    assertThat(forgotten).last().isEqualTo(LocalDate.parse("2026-05-23").minusDays(SigmaEventRules.REPORTED_DAYS_KEPT - 1));
  }

  @Test
  void oneEventFromAClockAMonthAhead_doesNotMakeTheRulesForgetToday() throws IOException {
    Path rule = dir.resolve("anydesk.yml");
    Files.writeString(rule, "title: AnyDesk\nid: 61111111-2222-4333-8444-555555555556\nlevel: high\n"
        + "logsource:\n    product: unmask\n    category: process\n"
        + "detection:\n    selection:\n        process.name: 'anydesk.exe'\n    condition: selection\n");
    SigmaEventRules rules = SigmaEventRules.load(List.of(rule), false, RiskPolicy.defaults());
    List<Finding> findings = new ArrayList<>();
    Instant nine = Instant.parse("2026-05-04T09:00:00Z");
    rules.match(process("d1", "anydesk.exe", nine, 1), ReferenceData.empty(), findings::add);
    rules.match(process("d2", "notepad.exe", nine.plusSeconds(30 * 86_400L), 2), ReferenceData.empty(), findings::add);
    rules.match(process("d1", "anydesk.exe", nine.plusSeconds(600), 3), ReferenceData.empty(), findings::add);
    assertThat(findings).as("still reported today").hasSize(1);
  }

  @Test
  void oneEventFromAClockAMonthAhead_doesNotDropTheCorrelationWindowsInProgress() throws IOException {
    Files.writeString(dir.resolve("tool.yml"), "title: Remote tool\nid: 61111111-2222-4333-8444-555555555557\n"
        + "name: remote_tool\nlevel: low\nlogsource:\n    product: unmask\n    category: process\n"
        + "detection:\n    selection:\n        process.name: 'anydesk.exe'\n    condition: selection\n");
    Files.writeString(dir.resolve("twice.yml"), "title: Remote tool twice in an hour\nid: 61111111-2222-4333-8444-555555555558\n"
        + "level: high\ncorrelation:\n    type: event_count\n    rules:\n        - remote_tool\n"
        + "    group-by:\n        - host.id\n    timespan: 1h\n    condition:\n        gte: 2\n");
    SigmaEventRules rules = SigmaEventRules.load(List.of(dir.resolve("tool.yml"), dir.resolve("twice.yml")), false,
        RiskPolicy.defaults());
    List<Finding> findings = new ArrayList<>();
    Instant nine = Instant.parse("2026-05-04T09:00:00Z");
    rules.match(process("d1", "anydesk.exe", nine, 1), ReferenceData.empty(), findings::add);
    rules.match(process("d2", "notepad.exe", nine.plusSeconds(30 * 86_400L), 2), ReferenceData.empty(), findings::add);
    rules.match(process("d1", "anydesk.exe", nine.plusSeconds(600), 3), ReferenceData.empty(), findings::add);
    assertThat(findings).extracting(Finding::ruleId).contains("61111111-2222-4333-8444-555555555558");
  }

  private static Event process(String host, String name, Instant at, long line) {
    return new Event(at, "endpoint.process", Map.of("event.dataset", "endpoint.process", "host.id", host, "process.name", name),
        new SourceRef("p.jsonl", line));
  }
}
