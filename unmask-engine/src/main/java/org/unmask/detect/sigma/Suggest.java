package org.unmask.detect.sigma;

import java.util.Collection;
import java.util.Locale;
import org.unmask.detect.EditDistance;

/** "Did you mean" by edit distance, for messages. */
final class Suggest {

  private Suggest() {}

  /** The candidate closest to the word, or null when none is close (more than a third changed). */
  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String w = word.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best != null && EditDistance.isClose(bestDistance, word.length()) ? best : null;
  }

  static int distance(String a, String b) {
    return EditDistance.between(a, b);
  }
}
