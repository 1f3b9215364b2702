package org.unmask.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.unmask.sim.ContractConformanceTest.Csv;
import org.unmask.sim.truth.Truth;

/** The hiring pipeline's records look like real candidates' records. */
class HiringRealismTest {

  private static final Pattern CLAIM = Pattern.compile("with (\\d+) years? of experience");
  private static final Pattern RANGE_START = Pattern.compile("\\((\\d{4}) - ");

  @Test
  void newGraduatesResumes_claimAYearOrTwo_andListNoOlderJob() throws IOException {
    Path d = SmallWorld.dir();
    Set<String> newGrads = Set.copyOf(Truth.read(d.resolve("truth.json")).hardNegatives().getOrDefault("new_grad", List.of()));
    int checked = 0;
    for (List<String> row : Csv.rows(d.resolve("applicants.csv"))) {
      String hired = row.get(22);
      String resume = row.get(19);
      if (!newGrads.contains(hired) || !resume.endsWith(".txt")) {
        continue;
      }
      String text = Files.readString(d.resolve("files").resolve(resume));
      Matcher claim = CLAIM.matcher(text);
      assertThat(claim.find()).as(resume).isTrue();
      assertThat(Integer.parseInt(claim.group(1))).as(resume).isLessThanOrEqualTo(2);
      Matcher start = RANGE_START.matcher(text);
      while (start.find()) {
        assertThat(Integer.parseInt(start.group(1))).as(resume).isGreaterThanOrEqualTo(2023);
      }
      checked++;
    }
    assertThat(checked).isPositive();
  }
}
