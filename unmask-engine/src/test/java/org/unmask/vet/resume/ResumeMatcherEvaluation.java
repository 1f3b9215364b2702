package org.unmask.vet.resume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Measures the resume matcher on generated resumes: the true-match rate over renamed copies with
 * 1–4 rewritten lines, and the false-match rate over all pairs of unrelated resumes (which share
 * the stock phrases of one generator, as real resumes share boilerplate). Both go through LSH
 * banding as in production. Figures: docs/EVALUATION.md, "Resume matcher".
 */
class ResumeMatcherEvaluation {

  static final int RESUMES = 1000;
  static final int COPIES = 500;

  @Test
  void matcher_findsRenamedEditedCopies_andSeparatesUnrelatedResumes() {
    Map<String, long[]> sigs = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < RESUMES; i++) {
      String name = SyntheticResumes.name(i);
      String text = SyntheticResumes.resume(i, name);
      names.put("u" + i, text);
      sigs.put(String.format("u%04d", i), MinHash.signature(MinHash.words(text, name)));
    }
    int unrelatedPairs = RESUMES * (RESUMES - 1) / 2;
    long unrelatedHits = ResumeMatcher.matches(sigs).size();

    Random r = new Random(7);
    int found = 0;
    int[] byEdits = new int[5];
    int[] totalByEdits = new int[5];
    for (int i = 0; i < COPIES; i++) {
      String name = SyntheticResumes.name(i);
      String newName = SyntheticResumes.name(100_000 + i);
      int edits = 1 + i % 4;
      String copy = SyntheticResumes.copy(names.get("u" + i), name, newName, edits, r);
      Map<String, long[]> pair = new LinkedHashMap<>();
      pair.put("a", sigs.get(String.format("u%04d", i)));
      pair.put("b", MinHash.signature(MinHash.words(copy, newName)));
      boolean hit = !ResumeMatcher.matches(pair).isEmpty();
      found += hit ? 1 : 0;
      byEdits[edits] += hit ? 1 : 0;
      totalByEdits[edits]++;
    }
    double tpr = found / (double) COPIES;
    double fpr = unrelatedHits / (double) unrelatedPairs;
    String report = String.format("resume matcher: true-match %d/%d = %.4f (1 edit %d/%d, 2 %d/%d, 3 %d/%d, 4 %d/%d);"
            + " false-match %d/%d = %.6f%n", found, COPIES, tpr, byEdits[1], totalByEdits[1], byEdits[2],
        totalByEdits[2], byEdits[3], totalByEdits[3], byEdits[4], totalByEdits[4], unrelatedHits, unrelatedPairs, fpr);
    System.out.print(report);
    assertThat(tpr).as(report).isGreaterThanOrEqualTo(0.97);
    assertThat(fpr).as(report).isLessThanOrEqualTo(0.0001);
  }

  @Test
  void similarity_ofUnrelatedResumes_staysWellBelowTheThreshold() {
    double max = 0;
    long[][] sigs = new long[200][];
    for (int i = 0; i < 200; i++) {
      sigs[i] = MinHash.signature(MinHash.words(SyntheticResumes.resume(i, "A B"), "A B"));
    }
    for (int i = 0; i < 200; i++) {
      for (int j = i + 1; j < 200; j++) {
        max = Math.max(max, MinHash.similarity(sigs[i], sigs[j]));
      }
    }
    System.out.printf("resume matcher: highest similarity among 19,900 unrelated pairs %.3f%n", max);
    assertThat(max).isLessThan(ResumeMatcher.MIN_SIMILARITY);
  }

}
