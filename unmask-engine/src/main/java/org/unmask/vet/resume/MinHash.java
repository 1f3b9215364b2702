package org.unmask.vet.resume;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.unmask.vet.Words;

/**
 * MinHash signatures of a resume's word 3-shingles. The text is reduced to what a copier keeps:
 * lower-case words, with numbers and the applicant's own name words removed (a reused resume gets
 * a new name, phone and email on top; the rest stays). The fraction of equal signature slots
 * estimates the Jaccard similarity of the two shingle sets, with a standard error of about
 * {@code sqrt(J(1-J)/128)}, at most 0.044.
 */
final class MinHash {

  static final int SLOTS = 128;
  static final int SHINGLE = 3;
  private static final long[] SEEDS = new long[SLOTS];

  static {
    long s = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < SLOTS; i++) {
      s = mix(s + 0x9E3779B97F4A7C15L);
      SEEDS[i] = s;
    }
  }

  private MinHash() {}

  /** Words of the text that survive a copy-and-rename: no digits, no name words. */
  static List<String> words(String text, String fullName) {
    Set<String> name = new HashSet<>(Words.of(fullName == null ? "" : fullName));
    List<String> out = new ArrayList<>();
    for (String w : Words.of(text)) {
      if (!name.contains(w) && !isNumber(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** The signature, or null when the text has too few words for shingles. */
  static long[] signature(List<String> words) {
    if (words.size() < SHINGLE) {
      return null;
    }
    long[] sig = new long[SLOTS];
    java.util.Arrays.fill(sig, Long.MAX_VALUE);
    Set<Long> shingles = new HashSet<>();
    for (int i = 0; i + SHINGLE <= words.size(); i++) {
      long h = 0xcbf29ce484222325L;
      for (int k = 0; k < SHINGLE; k++) {
        String w = words.get(i + k);
        for (int c = 0; c < w.length(); c++) {
          h = (h ^ w.charAt(c)) * 0x100000001b3L;
        }
        h = (h ^ ' ') * 0x100000001b3L;
      }
      shingles.add(h);
    }
    for (long sh : shingles) {
      for (int i = 0; i < SLOTS; i++) {
        long v = mix(sh ^ SEEDS[i]);
        if (Long.compareUnsigned(v, sig[i]) < 0) {
          sig[i] = v;
        }
      }
    }
    return sig;
  }

  /** Estimated Jaccard similarity of two signatures. */
  static double similarity(long[] a, long[] b) {
    int same = 0;
    for (int i = 0; i < SLOTS; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return same / (double) SLOTS;
  }



  private static boolean isNumber(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (!Character.isDigit(w.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** SplitMix64's finaliser: a fast, well-mixed 64-bit permutation. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
