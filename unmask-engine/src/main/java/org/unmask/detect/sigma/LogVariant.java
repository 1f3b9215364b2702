package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rule's condition as it can be judged on another log of the same activity, which lacks some of
 * the fields the rule reads (Security 4688 has no {@code OriginalFileName}, {@code Hashes} or
 * {@code ParentCommandLine} for process creation).
 *
 * <p>Every test of a lacking field is replaced by the constant that can only make the rule match
 * less: false where the test counts for the match, true where it sits under a {@code not} (a
 * filter). Keyword searches count as such tests, since they read every field. The condition's
 * other operators are monotone, so the variant matches an event only if the rule would match it
 * whatever the lacking fields held: a selection with an {@code OriginalFileName} alternative keeps
 * its {@code Image} one, and a filter on {@code ParentCommandLine} keeps excluding (everything)
 * rather than silently letting its false positives through. Fields the other log has by name but
 * may leave empty (4688's command line without the audit policy, its parent before Windows 10) are
 * guarded too ({@link #compile}).
 */
final class LogVariant {

  private LogVariant() {}

  /**
   * A detection (or a filter's, {@code negated}) compiled through an additional log's field
   * names, as {@link #underApproximate} makes it. A field the log has by name may still be empty
   * in an event (4688's command line without the audit policy, its parent before Windows 10): the
   * variant needs each one it reads to hold a value, and a filter excludes when one is empty, as
   * it could not say otherwise. Problems were reported when the detection was compiled as
   * written; they are not repeated.
   */
  static Node compile(Pipeline pipeline, SigmaConfig config, Slots slots, Pipeline.LogsourceMapping log,
      Map<String, Object> section, YamlDocument doc, String path, Set<String> skip, boolean negated) {
    Set<Integer> lacking = new HashSet<>();
    Set<String> named = new TreeSet<>();
    Pipeline names = pipeline.renamedFor(log, field -> lacking.add(slots.slot(pipeline.eventFields(field))), named::add);
    Node node = new DetectionCompiler(names, config, slots, doc, p -> { }).compile(section, path, skip);
    if (node == null) {
      return new Node.Const(negated);
    }
    Node variant = underApproximate(node, lacking, negated);
    if (variant instanceof Node.Const || named.isEmpty()) {
      return variant;
    }
    YamlDocument guard = new YamlDocument(doc.file(), doc.line(), Map.of(), Map.of());
    List<Node> parts = new ArrayList<>(List.of(variant));
    for (String field : named) {
      Node present = new DetectionCompiler(names, config, slots, guard, p -> { }).selection(Map.of(field, "?*"));
      parts.add(negated ? new Node.Not(present) : present);
    }
    return negated ? Node.or(parts) : Node.and(parts);
  }

  /**
   * The condition with the tests of the {@code lacking} slots replaced as above; constants are
   * folded, so a condition that can never match is {@code Const(false)}.
   *
   * @param negated whether the condition itself sits under a {@code not} (a filter document's,
   *     which excludes matches)
   */
  static Node underApproximate(Node node, Set<Integer> lacking, boolean negated) {
    if (node instanceof Node.And and) {
      List<Node> kept = new ArrayList<>();
      for (Node child : and.children) {
        Node c = underApproximate(child, lacking, negated);
        if (c instanceof Node.Const k) {
          if (!k.value) {
            return c;
          }
        } else {
          kept.add(c);
        }
      }
      return kept.isEmpty() ? new Node.Const(true) : Node.and(kept);
    }
    if (node instanceof Node.Or or) {
      List<Node> kept = new ArrayList<>();
      for (Node child : or.children) {
        Node c = underApproximate(child, lacking, negated);
        if (c instanceof Node.Const k) {
          if (k.value) {
            return c;
          }
        } else {
          kept.add(c);
        }
      }
      return kept.isEmpty() ? new Node.Const(false) : Node.or(kept);
    }
    if (node instanceof Node.Not not) {
      Node c = underApproximate(not.child, lacking, !negated);
      return c instanceof Node.Const k ? new Node.Const(!k.value) : new Node.Not(c);
    }
    return reads(node, lacking) ? new Node.Const(negated) : node;
  }

  /**
   * Whether a test reads one of the slots, directly or through a field reference. A keyword search
   * reads every field, those the other log lacks included (a keyword that Sysmon would find in
   * {@code ParentCommandLine}), so it counts as reading a lacking field whatever the rule names.
   */
  private static boolean reads(Node test, Set<Integer> slots) {
    if (test instanceof Node.Keyword) {
      return true;
    }
    if (test instanceof Node.Field f) {
      if (slots.contains(f.slot)) {
        return true;
      }
      for (ValueMatcher m : f.matchers) {
        if (m instanceof ValueMatchers.FieldRef ref && slots.contains(ref.slot())) {
          return true;
        }
      }
      return false;
    }
    if (test instanceof Node.IsNull n) {
      return slots.contains(n.slot);
    }
    if (test instanceof Node.Exists e) {
      return slots.contains(e.slot);
    }
    return false;
  }
}
