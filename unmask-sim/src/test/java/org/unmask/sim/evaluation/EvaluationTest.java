package org.unmask.sim.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.sim.truth.Truth;

/** Evaluation of hand-made scan outputs against a hand-made truth. */
class EvaluationTest {

  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  static Truth truth() {
    return new Truth(Truth.SCHEMA, 1, 6, 10, "2026-03-02",
        List.of(hidden("P1", T0), hidden("P2", T0), hidden("P3", T0.plusSeconds(86_400)), hidden("P4", T0)),
        List.of(new Truth.Farm("F1", List.of("P1", "P2", "P3", "P4"), List.of("d1", "d2", "d3", "d4"), "1 Oak St", "1.2.3.4", "02:00:00:00:00:01", "x")),
        List.of(new Truth.Ring("R1", List.of("A1", "A2"), List.of("P1"), List.of("photo"))),
        Map.of("cgnat", List.of("P5"), "traveller", List.of("P6")), Map.of());
  }

  static Truth.HiddenPerson hidden(String id, Instant first) {
    return new Truth.HiddenPerson(id, "farmed", List.of("laptop_farm"), "F1", null, "d" + id, null, "Asia/Shanghai", "2026-03-01", first, first);
  }

  @Test
  void figures_matchHandComputedValues(@TempDir Path out) throws IOException {
    Files.writeString(out.resolve("persons.jsonl"), String.join("\n",
        line("P1", 95, true, "2026-03-04T00:00:00Z"),
        line("P5", 90, true, "2026-03-03T00:00:00Z"),
        line("P2", 80, true, "2026-03-08T00:00:00Z"),
        line("P3", 70, true, "2026-03-03T00:00:00Z"),
        line("P6", 20, false, null),
        line("P4", 10, false, null)) + "\n");
    Files.writeString(out.resolve("farms.jsonl"), "{\"farm_id\":\"x\",\"persons\":[\"P1\",\"P2\",\"P3\"],\"score\":70}\n");
    Files.writeString(out.resolve("applicants.jsonl"),
        "{\"applicant_id\":\"A1\",\"flagged\":true}\n{\"applicant_id\":\"A3\",\"flagged\":true}\n{\"applicant_id\":\"A2\",\"flagged\":false}\n");
    Evaluation e = Evaluation.of(truth(), ScanOutput.read(out));
    Map<String, Double> f = e.figures();
    assertThat(f.get("case_precision")).isEqualTo(0.75);
    assertThat(f.get("case_recall")).isEqualTo(0.75);
    // Ranking P1,P5,P2,P3,P6,P4: hits at 1,3,4,6 -> (1 + 2/3 + 3/4 + 4/6) / 4.
    assertThat(f.get("average_precision")).isCloseTo((1 + 2.0 / 3 + 3.0 / 4 + 4.0 / 6) / 4, within(1e-12));
    // Days to flag: P1 2, P2 6, P3 1 -> median 2.
    assertThat(f.get("median_days_to_flag")).isEqualTo(2.0);
    // Jaccard {P1,P2,P3} vs {P1..P4} = 0.75: recovered.
    assertThat(f.get("farm_recall")).isEqualTo(1.0);
    assertThat(f.get("applicant_precision")).isEqualTo(0.5);
    assertThat(f.get("applicant_recall")).isEqualTo(0.5);
    assertThat(f.get("false_cases.cgnat")).isEqualTo(1.0);
    assertThat(f.get("false_cases.traveller")).isZero();
    assertThat(f.get("false_cases.kvm_switch")).as("kinds absent from truth still appear").isZero();
    e.write(out.resolve("evaluation.json"));
    assertThat(Files.readString(out.resolve("evaluation.json"))).contains("\"case_recall\" : 0.75");
  }

  @Test
  void farmBelowJaccardThreshold_isNotRecovered(@TempDir Path out) throws IOException {
    Files.writeString(out.resolve("persons.jsonl"), line("P1", 10, false, null) + "\n");
    Files.writeString(out.resolve("farms.jsonl"), "{\"farm_id\":\"x\",\"persons\":[\"P1\",\"P2\"]}\n");
    assertThat(Evaluation.of(truth(), ScanOutput.read(out)).figures().get("farm_recall")).isZero();
  }

  @Test
  void gate_reportsEveryBrokenBound(@TempDir Path dir) throws IOException {
    Path gate = dir.resolve("gate.txt");
    Files.writeString(gate, "# bounds\ncase_recall >= 0.8\ncase_precision >= 0.5\nfalse_cases.cgnat <= 0\n");
    List<String> broken = Gate.read(gate).violations(Map.of("case_recall", 0.75, "case_precision", 0.75, "false_cases.cgnat", 1.0));
    assertThat(broken).hasSize(2);
    assertThat(broken.get(0)).contains("case_recall");
    assertThat(broken.get(1)).contains("false_cases.cgnat");
  }

  @Test
  void gate_rejectsMalformedLines_withFileAndLine(@TempDir Path dir) throws IOException {
    Path gate = dir.resolve("gate.txt");
    Files.writeString(gate, "case_recall > 0.8\ncase_precision >= lots\n");
    assertThatThrownBy(() -> Gate.read(gate)).hasMessageContaining("gate.txt:1").hasMessageContaining("gate.txt:2");
  }

  @Test
  void missingPersonsFile_saysWhatToPass(@TempDir Path out) {
    assertThatThrownBy(() -> ScanOutput.read(out)).hasMessageContaining("persons.jsonl");
  }

  private static String line(String id, int score, boolean opened, String flagged) {
    return "{\"person_id\":\"" + id + "\",\"risk_score\":" + score + ",\"case_opened\":" + opened + ",\"first_flagged_at\":"
        + (flagged == null ? "null" : "\"" + flagged + "\"") + ",\"reasons\":[]}";
  }
}
