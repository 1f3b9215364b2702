package org.unmask.vet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splitting text into comparable words, the one way every vetting matcher does it. */
public final class Words {

  private Words() {}

  /** Words of a text, lower case, split on anything that is not a letter or digit; null is empty. */
  public static List<String> of(String s) {
    List<String> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    StringBuilder w = new StringBuilder();
    String lower = s.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        w.append(c);
      } else if (w.length() > 0) {
        out.add(w.toString());
        w.setLength(0);
      }
    }
    if (w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }
}
