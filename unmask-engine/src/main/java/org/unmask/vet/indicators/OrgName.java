package org.unmask.vet.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.unmask.detect.EditDistance;
import org.unmask.vet.Words;

/**
 * Organisation names folded for comparison: lower case, punctuation dropped, legal-form words
 * ("LLC", "Ltd.", "Co.", "Inc", "Corporation", "Limited Liability Company") removed, so
 * "Yanbian Silverstar Network Technology Co., Ltd." and "yanbian silverstar network technology"
 * agree. {@link #near} tolerates one typo per eight characters (at most two).
 */
final class OrgName {

  static final Set<String> LEGAL_FORMS = Set.of("llc", "l", "c", "lc", "ltd", "limited", "liability", "company", "co",
      "inc", "incorporated", "corp", "corporation", "plc", "gmbh", "llp", "lp", "pte", "pty", "sa", "srl", "the");

  private OrgName() {}



  /** The distinctive words of a name (legal forms removed). */
  static List<String> core(String name) {
    List<String> out = new ArrayList<>();
    for (String w : Words.of(name)) {
      if (!LEGAL_FORMS.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  static String fold(String name) {
    return String.join(" ", core(name));
  }

  /** Equal after folding, or within a small edit distance for longer names. */
  static boolean near(String folded, String otherFolded) {
    if (folded.isEmpty() || otherFolded.isEmpty()) {
      return false;
    }
    if (folded.equals(otherFolded)) {
      return true;
    }
    int allowed = Math.min(2, Math.min(folded.length(), otherFolded.length()) / 8);
    return allowed > 0 && Math.abs(folded.length() - otherFolded.length()) <= allowed
        && EditDistance.atMost(folded, otherFolded, allowed) <= allowed;
  }

  /**
   * Whether the name's core words occur contiguously in the text's words. A core of one or two
   * words must be followed by a legal form ("Fortuna LLC", "Independent Lab LLC"), since short
   * names are often ordinary words ("an independent lab"); longer cores match on their own.
   */
  static boolean mentionedIn(List<String> core, List<String> textWords) {
    if (core.isEmpty()) {
      return false;
    }
    for (int i = 0; i + core.size() <= textWords.size(); i++) {
      boolean all = true;
      for (int k = 0; k < core.size() && all; k++) {
        all = textWords.get(i + k).equals(core.get(k));
      }
      if (all) {
        int after = i + core.size();
        if (core.size() >= 3 || (after < textWords.size() && LEGAL_FORMS.contains(textWords.get(after)))) {
          return true;
        }
      }
    }
    return false;
  }
}
