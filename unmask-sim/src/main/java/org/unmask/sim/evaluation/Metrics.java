package org.unmask.sim.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The arithmetic of evaluation, kept apart so it can be checked on hand-made numbers. */
public final class Metrics {

  /** tp / (tp + fp); 1 when nothing was predicted (no false alarm was raised). */
  public static double precision(int truePositives, int falsePositives) {
    int predicted = truePositives + falsePositives;
    return predicted == 0 ? 1.0 : (double) truePositives / predicted;
  }

  /** tp / positives; 1 when there was nothing to find. */
  public static double recall(int truePositives, int positives) {
    return positives == 0 ? 1.0 : (double) truePositives / positives;
  }

  /**
   * Average precision of a ranking: the mean, over every positive, of the precision at the rank where
   * it appears; positives missing from the ranking count as zero.
   */
  public static double averagePrecision(List<String> ranking, Set<String> positives) {
    if (positives.isEmpty()) {
      return 1.0;
    }
    double sum = 0;
    int hits = 0;
    Set<String> seen = new HashSet<>();
    int rank = 0;
    for (String id : ranking) {
      if (!seen.add(id)) {
        continue;
      }
      rank++;
      if (positives.contains(id)) {
        hits++;
        sum += (double) hits / rank;
      }
    }
    return sum / positives.size();
  }

  /** |a ∩ b| / |a ∪ b|; 0 for two empty sets. */
  public static double jaccard(Collection<String> a, Collection<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    if (union.isEmpty()) {
      return 0;
    }
    Set<String> inter = new HashSet<>(a);
    inter.retainAll(new HashSet<>(b));
    return (double) inter.size() / union.size();
  }

  /** The median, or NaN for no values. */
  public static double median(Collection<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private Metrics() {}
}
