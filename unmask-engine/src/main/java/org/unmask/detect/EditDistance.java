package org.unmask.detect;

/**
 * Levenshtein distance for "did you mean" in messages about rules (a modifier, a key, a rule
 * name). Bounded: words are attacker-controlled text from rule files, and no useful suggestion
 * lies between words of very different lengths.
 */
public final class EditDistance {

  /** Longest word compared; longer ones are {@link #FAR}. */
  static final int MAX_LENGTH = 200;
  /** Words whose lengths differ by more than this are {@link #FAR}: their distance is at least that. */
  static final int MAX_LENGTH_DIFFERENCE = 8;
  /** The distance of words too different to compare. */
  public static final int FAR = Integer.MAX_VALUE;

  private EditDistance() {}

  /** Insertions, deletions and substitutions that turn {@code a} into {@code b}, or {@link #FAR}. */
  public static int between(String a, String b) {
    if (Math.abs(a.length() - b.length()) > MAX_LENGTH_DIFFERENCE || a.length() > MAX_LENGTH || b.length() > MAX_LENGTH) {
      return FAR;
    }
    return atMost(a, b, FAR - 1);
  }

  /**
   * The same distance when it is at most {@code limit}, else some number above {@code limit}:
   * gives up with {@code limit + 1} as soon as a whole row of the table exceeds the limit, which
   * no later row can bring back under it.
   */
  public static int atMost(String a, String b, int limit) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Whether a word this far from a known one of {@code length} characters is worth suggesting (a third changed at most). */
  public static boolean isClose(int distance, int length) {
    return distance <= Math.max(2, length / 3);
  }
}
