package org.unmask.detect.sigma;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The exact values a rule requires of a field: the rule can only match an event whose field holds
 * one of them. Read from the {@code and} spine of the rule's condition (the pipeline's logsource
 * guard {@code EventID: 1} is such a test), from field tests that compare the whole value,
 * case-insensitively, with plain strings: exactly what {@link Glob.Kind#EXACT} tests.
 */
final class ExactValues {

  private ExactValues() {}

  /** By field slot, the values (lower-cased) one of which the field must equal. */
  static Map<Integer, Set<String>> requiredBySlot(Node root) {
    Map<Integer, Set<String>> out = new HashMap<>();
    collect(root, out);
    return out;
  }

  /** The values one of which the field must equal for the rule to match, or null if it need not. */
  static Set<String> required(Node root, int slot) {
    return requiredBySlot(root).get(slot);
  }

  private static void collect(Node node, Map<Integer, Set<String>> out) {
    if (node instanceof Node.And and) {
      for (Node child : and.children) {
        collect(child, out);
      }
      return;
    }
    if (!(node instanceof Node.Field f) || f.neq || (f.all && f.matchers.length > 1)) {
      return;
    }
    Set<String> values = new LinkedHashSet<>();
    for (ValueMatcher m : f.matchers) {
      if (!(m instanceof Glob g) || g.kind != Glob.Kind.EXACT || g.cased) {
        return;
      }
      values.add(g.literal);
    }
    Set<String> before = out.get(f.slot);
    if (before == null) {
      out.put(f.slot, values);
    } else {
      before.retainAll(values); // two tests of one field: a single value must pass both
    }
  }
}
