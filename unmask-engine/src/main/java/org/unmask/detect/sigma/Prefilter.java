package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Necessary conditions of a rule, as literals: a conjunction of clauses, each clause a set of
 * (field, literal) of which at least one must occur in the lower-cased field for the rule to have
 * any chance. {@code and} concatenates its children's clauses; {@code or} unites each child's
 * best clause, then each child's second best, and so on ({@code (a and b) or c} is {@code (a or c)
 * and (b or c)}); {@code not} and numeric comparisons give none; a regular expression gives the
 * literal every match contains; a whole value too short to search for gives an exact literal.
 * A rule without clauses is evaluated on every event of its partition.
 */
final class Prefilter {

  /**
   * A literal that must occur in one field ({@code slot}), or in any string value (slot -1); or,
   * when {@code exact}, that one value of the field must equal, lower-cased ({@code DestinationPort:
   * 88}: too short to search for, yet a hash lookup finds it).
   */
  record Literal(int slot, String text, boolean exact) {
    Literal(int slot, String text) {
      this(slot, text, false);
    }

    // Written out rather than left to the record's generated methods, which go through method
    // handles: a bucket is built when the first event of its kind arrives, mostly in interpreted
    // code, and keys its thousands of literals by this in a hash map
    @Override
    public boolean equals(Object o) {
      return o instanceof Literal l && slot == l.slot && exact == l.exact && text.equals(l.text);
    }

    @Override
    public int hashCode() {
      return (31 * slot + text.hashCode()) * 2 + (exact ? 1 : 0);
    }
  }

  static final int MIN_LITERAL = 3;
  static final int MAX_LITERAL = 40;
  static final int MAX_CLAUSES = 3;

  private Prefilter() {}

  /** The best clauses of a rule, at most {@link #MAX_CLAUSES}. */
  static List<List<Literal>> of(Node root) {
    return of(root, -1);
  }

  /**
   * The same, leaving out clauses on the field a {@link Partition} is split by: in its bucket every
   * event already has the value the rule requires, so such a clause would pass every time.
   */
  static List<List<Literal>> of(Node root, int splitSlot) {
    List<List<Literal>> all = clauses(root);
    List<List<Literal>> clauses = new ArrayList<>(all.size());
    for (List<Literal> c : all) {
      if (splitSlot < 0 || !names(c, splitSlot)) {
        clauses.add(c);
      }
    }
    clauses.sort(BEST_FIRST);
    return clauses.size() > MAX_CLAUSES ? new ArrayList<>(clauses.subList(0, MAX_CLAUSES)) : clauses;
  }

  /**
   * Clauses by score, best first. One comparator for every sort: a bucket is built when the first
   * event of its kind arrives, mostly in interpreted code, where making one per rule showed.
   */
  private static final Comparator<List<Literal>> BEST_FIRST = Comparator.comparingInt(Prefilter::score).reversed();

  private static boolean names(List<Literal> clause, int slot) {
    for (Literal l : clause) {
      if (l.slot() == slot) {
        return true;
      }
    }
    return false;
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
      // an exact value is more telling than a substring as long: "88" as a whole port
      int worth = l.exact ? Math.min(MAX_LITERAL, 4 + 4 * l.text.length()) : rare(l.text) ? MAX_LITERAL : l.text.length();
      min = Math.min(min, worth);
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
      // (a and b) or c is (a or c) and (b or c): clause j unites each child's j-th best clause
      // (its best when it has fewer), so a child with two conditions keeps both
      List<List<List<Literal>>> ranked = new ArrayList<>();
      int width = 0;
      for (Node child : or.children) {
        List<List<Literal>> c = clauses(child);
        if (c.isEmpty()) {
          return out;
        }
        c.sort(BEST_FIRST);
        ranked.add(c);
        width = Math.max(width, Math.min(c.size(), MAX_CLAUSES));
      }
      LinkedHashSet<List<Literal>> distinct = new LinkedHashSet<>();
      for (int j = 0; j < width; j++) {
        LinkedHashSet<Literal> union = new LinkedHashSet<>();
        for (List<List<Literal>> c : ranked) {
          union.addAll(c.get(Math.min(j, c.size() - 1)));
        }
        distinct.add(new ArrayList<>(union));
      }
      out.addAll(distinct);
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
      Literal l = exact(slot, m);
      String literal = l != null ? l.text : literal(m);
      if (literal == null) {
        if (!all) {
          return;
        }
        continue;
      }
      l = l != null ? l : new Literal(slot, literal);
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

  /**
   * A whole-value test of a field too short to search for ({@code 88}), as an exact literal, keyed
   * as the field's lower-cased value is when the test passes: a case-insensitive test compares
   * that very value with its literal. Longer values are searched for with the others: the memory
   * of recent values makes that cheaper than lower-casing and hashing each value for a lookup.
   */
  private static Literal exact(int slot, ValueMatcher m) {
    if (slot < 0 || !(m instanceof Glob g) || g.kind != Glob.Kind.EXACT || literal(m) != null) {
      return null;
    }
    return new Literal(slot, g.cased ? SigmaString.lower(g.literal) : g.literal, true);
  }

  private static String literal(ValueMatcher m) {
    String text;
    if (m instanceof Glob g && g.kind != Glob.Kind.ANYTHING) {
      text = SigmaString.lower(g.literal);
    } else if (m instanceof ValueMatchers.Regex r) {
      text = RegexLiterals.required(r.source());
      if (text != null && RegexLiterals.foldsCase(r.pattern(), r.source())) {
        text = RegexLiterals.caseFoldSafe(text);
      }
      if (text == null) {
        return null;
      }
      text = SigmaString.lower(text);
    } else {
      return null;
    }
    if (text.length() < MIN_LITERAL && !rare(text)) {
      return null;
    }
    // Any part of a necessary substring is necessary. The tail of a path or flag is the telling
    // part; but the tail of a hash is random hex, and thousands of random tails make an automaton
    // that random hex input (the Hashes field) walks deep into on every character, so hashes are
    // indexed by their head ("imphash=3f") instead. Literals were cut at 10 characters for that
    // automaton; the literal index compares a literal only where its last characters matched, so
    // 40 now keep hash heads and long paths selective ("imphash=" and two hex digits let one event
    // in five through the imphash rules).
    if (text.length() <= MAX_LITERAL) {
      return text;
    }
    String tail = text.substring(text.length() - MAX_LITERAL);
    return hexDigits(tail) >= MAX_LITERAL - 2 ? text.substring(0, MAX_LITERAL) : tail;
  }
}
