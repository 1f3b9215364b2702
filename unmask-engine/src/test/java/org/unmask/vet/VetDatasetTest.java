package org.unmask.vet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.ingest.Rejection;
import org.unmask.reference.Applicant;

class VetDatasetTest {

  @TempDir Path dir;
  final List<Rejection> rejects = new ArrayList<>();

  @Test
  void read_keepsGoodRows_rejectsBadOnes_andCountsLinesAcrossQuotedNewlines() throws IOException {
    Files.writeString(dir.resolve("applicants.csv"), TestDataset.APPLICANT_HEADER + "\n"
        + "A1,2026-03-01T10:00:00Z,Ann Lee,,,,,,,,,,,,,,,,,,,\"Referred by\nTwo Lines\",\n"
        + ",2026-03-01T10:00:00Z,No Id,,,,,,,,,,,,,,,,,,,,\n"
        + "A2,yesterday,Bo Kim,,,,,,,,1990-13-45,,,,lots,,,,,,,,\n"
        + "A1,2026-03-01T10:00:00Z,Ann Again,,,,,,,,,,,,,,,,,,,,\n");
    Files.createDirectories(dir.resolve("watchlists"));
    Files.writeString(dir.resolve("watchlists/a.csv"), "type,value,label,source\nphone,+14155550100,x,y\n"
        + "telepathy,brainwave,x,y\n");
    Files.writeString(dir.resolve("payroll.csv"), "person_id,changed_at,field,old_value,new_value\n"
        + "P1,2026-04-01T00:00:00Z,bank_account_id,a,b\nP1,2026-04-01T00:00:00Z,shoe_size,9,10\n");
    VetDataset.Loaded loaded = VetDataset.read(dir, rejects::add);
    assertThat(loaded.reference().applicants()).extracting(Applicant::applicantId).containsExactly("A1", "A2");
    assertThat(loaded.applicantLines()).containsEntry("A1", 2L).containsEntry("A2", 5L);
    Applicant a2 = loaded.reference().applicants().get(1);
    assertThat(a2.appliedAt()).isNull();
    assertThat(a2.dob()).isNull();
    assertThat(a2.linkedinConnections()).isNull();
    assertThat(loaded.reference().applicants().get(0).referrer()).isEqualTo("Referred by\nTwo Lines");
    assertThat(loaded.reference().watchlist()).hasSize(1);
    assertThat(loaded.reference().payroll()).hasSize(1);
    assertThat(rejects).extracting(r -> r.file() + ":" + r.line()).containsExactly(
        "applicants.csv:4", "applicants.csv:5", "applicants.csv:5", "applicants.csv:5", "applicants.csv:6",
        "payroll.csv:3", "watchlists/a.csv:3");
    assertThat(CsvLines.of(dir.resolve("applicants.csv"), "applicant_id")).containsEntry("A2", 5L);
  }

  @Test
  void read_failsClearly_forAMissingFolder() {
    assertThatThrownBy(() -> VetDataset.read(dir.resolve("nope"), rejects::add)).hasMessageContaining("no such folder");
  }
}
