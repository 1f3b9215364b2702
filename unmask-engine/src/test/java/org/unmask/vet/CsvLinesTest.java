package org.unmask.vet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLinesTest {

  @TempDir Path dir;

  @Test
  void linesAreWhereRecordsStart_acrossQuotedNewlines_firstOfARepeatedId() throws IOException {
    Files.writeString(dir.resolve("applicants.csv"), "applicant_id,referrer\n"
        + "A1,\"Referred by\nTwo Lines\"\n"
        + ",no id\n"
        + "A2,x\n"
        + "A1,again\n");
    assertThat(CsvLines.of(dir.resolve("applicants.csv"), "applicant_id"))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("A1", 2L, "A2", 5L));
  }

  @Test
  void aMissingFile_hasNoLines() {
    assertThat(CsvLines.of(dir.resolve("nope.csv"), "applicant_id")).isEmpty();
    assertThat(CsvLines.of(null, "applicant_id")).isEmpty();
  }
}
