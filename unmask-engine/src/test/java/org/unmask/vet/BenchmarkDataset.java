package org.unmask.vet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.unmask.vet.photo.SyntheticPortraits;
import org.unmask.vet.resume.SyntheticResumes;

/**
 * Writes a vetting benchmark dataset: N applicants, each with a synthetic portrait (JPEG) and a
 * generated resume; every 50th applicant reuses the previous one's photo (cropped 5%, resized,
 * brightened, re-encoded) and resume (renamed, two lines rewritten). See docs/BENCHMARKS.md.
 * Usage: {@code java -cp <engine test-classes:classes> org.unmask.vet.BenchmarkDataset DIR N}.
 */
public final class BenchmarkDataset {

  private BenchmarkDataset() {}

  public static void main(String[] args) throws IOException {
    Path d = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    Files.createDirectories(d.resolve("files"));
    StringBuilder csv = new StringBuilder(TestDataset.APPLICANT_HEADER).append('\n');
    Random r = new Random(5);
    for (int i = 0; i < n; i++) {
      String name = SyntheticResumes.name(i);
      boolean copy = i % 50 == 49;
      int src = copy ? i - 1 : i;
      var img = SyntheticPortraits.portrait(src);
      if (copy) {
        img = SyntheticPortraits.variant(img, SyntheticPortraits.Edit.COMBINED, r);
      }
      SyntheticPortraits.write(img, "jpeg", d.resolve("files/p" + i + ".jpg"));
      String text = SyntheticResumes.resume(src, SyntheticResumes.name(src));
      if (copy) {
        text = SyntheticResumes.copy(text, SyntheticResumes.name(src), name, 2, r);
      }
      Files.writeString(d.resolve("files/r" + i + ".txt"), text);
      csv.append(String.format("A%05d,2026-03-01T10:00:00Z,%s,a%d@example.org,+1 212 %03d %04d,%d Elm St,City,NY,"
          + "%05d,US,1990-01-01,nid%d,,2015-01-01,300,,,,,r%d.txt,p%d.jpg,,%n", i, name, i, 200 + i % 700, 1000 + i, i,
          10000 + i, i, i, i));
    }
    Files.writeString(d.resolve("applicants.csv"), csv.toString());
  }
}
