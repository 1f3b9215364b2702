package org.unmask.vet.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Measures the photo matcher on synthetic portraits: the true-match rate over edited copies of
 * each portrait, and the false-match rate over all pairs of unrelated portraits. The figures go
 * to docs/EVALUATION.md ("Photo matcher"); the assertions keep them from regressing.
 */
class PhotoMatcherEvaluation {

  static final int PORTRAITS = Integer.getInteger("vet.eval.portraits", 200);
  static final int VARIANTS_PER_EDIT = 2;

  @Test
  void matcher_findsEditedCopies_andSeparatesUnrelatedPortraits() {
    List<PhotoMatcher.Fingerprint> originals = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    for (int i = 0; i < PORTRAITS; i++) {
      BufferedImage img = SyntheticPortraits.portrait(i);
      images.add(img);
      originals.add(SyntheticPortraits.hash(img));
    }
    Random r = new Random(42);
    Random smallJpegs = new Random(43);
    Map<SyntheticPortraits.Edit, int[]> perEdit = new EnumMap<>(SyntheticPortraits.Edit.class);
    int tp = 0;
    int total = 0;
    int[] pDist = new int[65];
    int[] corrCopies = new int[101];
    int[] corrUnrelated = new int[101];
    int candidates = 0;
    int[] detailCopies = new int[101];
    int[] detailUnrelated = new int[101];
    int[] straightCopies = new int[101];
    int[] straightUnrelated = new int[101];
    double detailUnrelatedHighRaw = -1;
    for (int i = 0; i < 100; i++) {
      for (SyntheticPortraits.Edit edit : SyntheticPortraits.Edit.values()) {
        for (int v = 0; v < VARIANTS_PER_EDIT; v++) {
          // small JPEGs draw from a generator of their own, so the other edits' copies stay those of the figures before it
          Random draws = edit == SyntheticPortraits.Edit.SMALL_JPEG ? smallJpegs : r;
          PhotoMatcher.Fingerprint copy = SyntheticPortraits.hash(SyntheticPortraits.variant(images.get(i), edit, draws));
          boolean hit = PhotoMatcher.similarity(originals.get(i), copy) > 0;
          pDist[originals.get(i).hash().phashDistance(copy.hash())]++;
          Thumbnail.Alignment al = originals.get(i).thumbnail().align(copy.thumbnail());
          corrCopies[(int) Math.max(0, Math.round(al.raw() * 100))]++;
          detailCopies[(int) Math.max(0, Math.round(al.detail() * 100))]++;
          straightCopies[(int) Math.max(0, Math.round(al.straight() * 100))]++;
          int[] c = perEdit.computeIfAbsent(edit, e -> new int[2]);
          c[0] += hit ? 1 : 0;
          c[1]++;
          tp += hit ? 1 : 0;
          total++;
        }
      }
    }
    int fp = 0;
    int pairs = 0;
    int[] unrelated = new int[65];
    for (int i = 0; i < PORTRAITS; i++) {
      for (int j = i + 1; j < PORTRAITS; j++) {
        fp += PhotoMatcher.similarity(originals.get(i), originals.get(j)) > 0 ? 1 : 0;
        unrelated[originals.get(i).hash().phashDistance(originals.get(j).hash())]++;
        if (PhotoMatcher.candidate(originals.get(i), originals.get(j))) {
          candidates++;
          Thumbnail.Alignment al = originals.get(i).thumbnail().align(originals.get(j).thumbnail());
          corrUnrelated[(int) Math.max(0, Math.round(al.raw() * 100))]++;
          detailUnrelated[(int) Math.max(0, Math.round(al.detail() * 100))]++;
          straightUnrelated[(int) Math.max(0, Math.round(al.straight() * 100))]++;
          if (al.raw() >= 0.9) {
            detailUnrelatedHighRaw = Math.max(detailUnrelatedHighRaw, al.detail());
          }
        }
        pairs++;
      }
    }
    double tpr = tp / (double) total;
    double fpr = fp / (double) pairs;
    StringBuilder report = new StringBuilder();
    report.append(String.format("photo matcher: true-match %d/%d = %.4f; false-match %d/%d = %.6f%n", tp, total, tpr,
        fp, pairs, fpr));
    perEdit.forEach((e, c) -> report.append(String.format("  %-11s %d/%d%n", e, c[0], c[1])));
    report.append("  pHash distance, copies:    ").append(hist(pDist)).append('\n');
    report.append("  pHash distance, unrelated: ").append(hist(unrelated)).append('\n');
    report.append("  correlation x100, copies:    ").append(hist(corrCopies)).append('\n');
    report.append("  correlation x100, unrelated candidates (" + candidates + "): ").append(hist(corrUnrelated)).append('\n');
    report.append("  detail x100, copies:    ").append(hist(detailCopies)).append('\n');
    report.append("  detail x100, unrelated candidates: ").append(hist(detailUnrelated)).append('\n');
    report.append("  straight x100, copies:    ").append(hist(straightCopies)).append('\n');
    report.append("  straight x100, unrelated candidates: ").append(hist(straightUnrelated)).append('\n');
    report.append("  highest detail among unrelated with raw >= 0.9: ").append(detailUnrelatedHighRaw).append('\n');
    System.out.print(report);
    int[] small = perEdit.get(SyntheticPortraits.Edit.SMALL_JPEG);
    double classic = (tp - small[0]) / (double) (total - small[1]);
    assertThat(classic).as("edits other than small JPEGs\n" + report).isGreaterThanOrEqualTo(0.96);
    // the near-duplicate rule's case: a pHash match whose fine detail the compression smeared
    assertThat(small[0] / (double) small[1]).as("small JPEGs\n" + report).isGreaterThanOrEqualTo(0.8);
    assertThat(fpr).as(report.toString()).isLessThanOrEqualTo(0.0005);
  }

  private static String hist(int[] h) {
    StringBuilder b = new StringBuilder();
    for (int d = 0; d < h.length; d++) {
      if (h[d] > 0) {
        b.append(d).append(':').append(h[d]).append(' ');
      }
    }
    return b.toString();
  }
}
