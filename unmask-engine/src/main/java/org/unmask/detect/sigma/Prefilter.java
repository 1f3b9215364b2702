package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Necessary conditions of a rule, as literals: a conjunction of clauses, each clause a set of
 * (field, literal) of which at least one must occur in the lower-cased field for the rule to have
 * any chance. {@code and} concatenates its children's clauses; {@code or} keeps one clause per
 * child and unites them; {@code not}, numbers, regular expressions and short literals give none.
 * A rule without clauses is evaluated on every event of its partition.
 */
final class Prefilter {

  /** A literal that must occur in one field ({@code slot}), or in any string value (slot -1). */
  record Literal(int slot, String text) {}

  static final int MIN_LITERAL = 3;
  static final int MAX_LITERAL = 40;
  static final int MAX_CLAUSES = 3;

  private Prefilter() {}

  /** The best clauses of a rule, at most {@link #MAX_CLAUSES}. */
  static List<List<Literal>> of(Node root) {
    List<List<Literal>> clauses = clauses(root);
    clauses.sort(Comparator.comparingInt(Prefilter::score).reversed());
    return clauses.size() > MAX_CLAUSES ? new ArrayList<>(clauses.subList(0, MAX_CLAUSES)) : clauses;
  }

  private static int hexDigits(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) >= 0) {
        n++;
      }
    }
    return n;
  }

  private static final String RARE_PUNCTUATION = "`{}$^~|<>";

  /**
   * Non-ASCII characters (emoji, homoglyphs, bidi controls) and a few punctuation characters
   * (backtick, braces: the marks of obfuscated PowerShell) are rare in logs: one is selective.
   */
  private static boolean rare(String text) {
    boolean allRarePunctuation = !text.isEmpty();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        return true;
      }
      allRarePunctuation &= RARE_PUNCTUATION.indexOf(c) >= 0;
    }
    return allRarePunctuation;
  }

  private static int score(List<Literal> clause) {
    int min = Integer.MAX_VALUE;
    for (Literal l : clause) {
      min = Math.min(min, rare(l.text) ? MAX_LITERAL : l.text.length());
    }
    return min * 64 - Math.min(clause.size(), 63);
  }

  private static List<List<Literal>> clauses(Node node) {
    List<List<Literal>> out = new ArrayList<>();
    if (node instanceof Node.And and) {
      for (Node child : and.children) {
        out.addAll(clauses(child));
      }
    } else if (node instanceof Node.Or or) {
      LinkedHashSet<Literal> union = new LinkedHashSet<>();
      for (Node child : or.children) {
        List<List<Literal>> c = clauses(child);
        if (c.isEmpty()) {
          return out;
        }
        union.addAll(c.stream().max(Comparator.comparingInt(Prefilter::score)).orElseThrow());
      }
      out.add(new ArrayList<>(union));
    } else if (node instanceof Node.Field f && !f.neq) {
      leaf(f.slot, f.matchers, f.all, out);
    } else if (node instanceof Node.Keyword k) {
      leaf(-1, k.matchers, k.all, out);
    }
    return out;
  }

  private static void leaf(int slot, ValueMatcher[] matchers, boolean all, List<List<Literal>> out) {
    List<Literal> any = new ArrayList<>();
    for (ValueMatcher m : matchers) {
      String literal = literal(m);
      if (literal == null) {
        if (!all) {
          return;
        }
        continue;
      }
      Literal l = new Literal(slot, literal);
      if (all) {
        out.add(List.of(l));
      } else {
        any.add(l);
      }
    }
    if (!all && !any.isEmpty()) {
      out.add(new ArrayList<>(new LinkedHashSet<>(any)));
    }
  }

  private static String literal(ValueMatcher m) {
    String text;
    if (m instanceof Glob g && g.kind != Glob.Kind.ANYTHING) {
      text = g.literal.toLowerCase(Locale.ROOT);
    } else if (m instanceof ValueMatchers.Regex r) {
      text = RegexLiterals.required(r.pattern().pattern());
      if (text == null) {
        return null;
      }
      text = text.toLowerCase(Locale.ROOT);
    } else {
      return null;
    }
    if (text.length() < MIN_LITERAL && !rare(text)) {
      return null;
    }
    // Any part of a necessary substring is necessary. The tail of a path or flag is the telling
    // part; but the tail of a hash is random hex, and thousands of random tails make an automaton
    // that random hex input (the Hashes field) walks deep into on every character, so hashes are
    // indexed by their head ("imphash=3f") instead.
    if (text.length() <= MAX_LITERAL) {
      return text;
    }
    String tail = text.substring(text.length() - MAX_LITERAL);
    return hexDigits(tail) >= MAX_LITERAL - 2 ? text.substring(0, MAX_LITERAL) : tail;
  }
}
