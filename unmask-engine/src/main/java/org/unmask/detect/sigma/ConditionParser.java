package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The condition grammar, by recursive descent. Precedence from loosest to tightest: {@code or},
 * {@code and}, {@code not}, {@code x of}, brackets.
 *
 * <pre>
 * or      := and ('or' and)*
 * and     := not ('and' not)*
 * not     := 'not' not | primary
 * primary := '(' or ')' | ('1' | 'any' | 'all') 'of' (pattern | 'them') | identifier
 * </pre>
 *
 * A pattern may hold {@code *} anywhere; {@code them} means every identifier not starting with
 * an underscore.
 */
final class ConditionParser {

  /** A condition that cannot be parsed, with a way out. */
  static final class ConditionException extends Exception {
    final String suggestion;

    ConditionException(String message, String suggestion) {
      super(message);
      this.suggestion = suggestion;
    }
  }

  private final List<String> tokens;
  private final Map<String, Node> identifiers;
  private final Set<String> used;
  private int pos;
  /** Brackets and {@code not}s open at this point: each is a level of this parser's recursion. */
  private int depth;
  /**
   * The deepest a condition may nest, as for the YAML under {@code detection}: a rule is
   * attacker-controlled input too (a shared rule pack), and a condition of thousands of brackets
   * would overflow the stack of whoever loads it.
   */
  static final int MAX_DEPTH = 64;

  private ConditionParser(List<String> tokens, Map<String, Node> identifiers, Set<String> used) {
    this.tokens = tokens;
    this.identifiers = identifiers;
    this.used = used;
  }

  /**
   * @param identifiers the compiled search identifiers, in rule order
   * @param used receives the identifiers the condition refers to
   */
  static Node parse(String condition, Map<String, Node> identifiers, Set<String> used) throws ConditionException {
    List<String> tokens = tokenize(condition);
    if (tokens.isEmpty()) {
      throw new ConditionException("empty condition", "write e.g. 'condition: selection and not filter'");
    }
    ConditionParser p = new ConditionParser(tokens, identifiers, used);
    Node node = p.or();
    if (p.pos < tokens.size()) {
      String keyword = operatorTypo(tokens.get(p.pos));
      throw new ConditionException("unexpected '" + tokens.get(p.pos) + "' in condition", keyword != null
          ? "did you mean '" + keyword + "'?" : "join expressions with 'and' / 'or' and balance the brackets");
    }
    return node;
  }

  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == ')' || Character.isWhitespace(c)) {
        if (word.length() > 0) {
          out.add(word.toString());
          word.setLength(0);
        }
        if (!Character.isWhitespace(c)) {
          out.add(String.valueOf(c));
        }
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      out.add(word.toString());
    }
    return out;
  }

  private String peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private boolean accept(String keyword) {
    String t = peek();
    if (t != null && t.equalsIgnoreCase(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  private Node or() throws ConditionException {
    List<Node> parts = new ArrayList<>();
    parts.add(and());
    while (accept("or")) {
      parts.add(and());
    }
    return Node.or(parts);
  }

  private Node and() throws ConditionException {
    List<Node> parts = new ArrayList<>();
    parts.add(not());
    while (accept("and")) {
      parts.add(not());
    }
    return Node.and(parts);
  }

  private Node not() throws ConditionException {
    if (accept("not")) {
      enter();
      Node negated = new Node.Not(not());
      depth--;
      return negated;
    }
    return primary();
  }

  private void enter() throws ConditionException {
    if (++depth > MAX_DEPTH) {
      throw new ConditionException("condition nested deeper than " + MAX_DEPTH + " levels (brackets and 'not's)",
          "a Sigma condition never needs that; split it into search identifiers");
    }
  }

  private Node primary() throws ConditionException {
    String t = peek();
    if (t == null) {
      throw new ConditionException("condition ends too early", "an operator needs an expression on both sides");
    }
    if (t.equals("(")) {
      pos++;
      enter();
      Node inner = or();
      if (!accept(")")) {
        throw new ConditionException("missing ')' in condition", "balance the brackets");
      }
      depth--;
      return inner;
    }
    if (t.equals(")")) {
      throw new ConditionException("unexpected ')' in condition", "balance the brackets");
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (pos + 1 < tokens.size() && tokens.get(pos + 1).equalsIgnoreCase("of")) {
      boolean all;
      if (lower.equals("all")) {
        all = true;
      } else if (lower.equals("1") || lower.equals("any")) {
        all = false;
      } else {
        throw new ConditionException("'" + t + " of' is not Sigma", "use '1 of' or 'all of'");
      }
      pos += 2;
      String target = peek();
      if (target == null || target.equals("(") || target.equals(")")) {
        throw new ConditionException("'" + t + " of' needs a pattern or 'them'", "write e.g. '1 of selection_*'");
      }
      pos++;
      List<Node> matched = new ArrayList<>();
      for (Map.Entry<String, Node> e : identifiers.entrySet()) {
        boolean fits = target.equalsIgnoreCase("them") ? !e.getKey().startsWith("_") : wildcardMatch(target, e.getKey());
        if (fits) {
          matched.add(e.getValue());
          used.add(e.getKey());
        }
      }
      if (matched.isEmpty()) {
        throw new ConditionException("'" + target + "' matches no search identifier", suggestion(target));
      }
      return all ? Node.and(matched) : Node.or(matched);
    }
    if (lower.equals("and") || lower.equals("or") || lower.equals("of")) {
      throw new ConditionException("'" + t + "' where an identifier was expected", "check for doubled or missing operators");
    }
    pos++;
    Node node = identifiers.get(t);
    if (node == null) {
      throw new ConditionException("unknown search identifier '" + t + "' in condition", suggestion(t));
    }
    used.add(t);
    return node;
  }

  /** The condition's words, for "did you mean" when a typo of one reads as an identifier. */
  private static final List<String> OPERATORS = List.of("and", "or", "not", "of", "them", "all");

  /**
   * The operator a word is a typo of, or null: its letters swapped ({@code adn}, {@code nto},
   * {@code tehm}) or one letter off. Looser than that, an unknown identifier would be offered an
   * operator it has nothing to do with.
   */
  private static String operatorTypo(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    char[] sorted = w.toCharArray();
    java.util.Arrays.sort(sorted);
    for (String op : OPERATORS) {
      char[] letters = op.toCharArray();
      java.util.Arrays.sort(letters);
      if (!w.equals(op) && (java.util.Arrays.equals(sorted, letters) || (w.length() > 2 && Suggest.distance(w, op) == 1))) {
        return op;
      }
    }
    return null;
  }

  private String suggestion(String name) {
    String best = Suggest.closest(name.replace("*", ""), identifiers.keySet());
    if (best == null) {
      best = operatorTypo(name);
    }
    return best == null ? "define it under 'detection:'" : "did you mean '" + best + "'?";
  }

  static boolean wildcardMatch(String pattern, String name) {
    return Glob.of(SigmaString.parse(pattern), true).test(name, name, null);
  }

  static Map<String, Node> ordered() {
    return new LinkedHashMap<>();
  }
}
