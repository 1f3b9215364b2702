package org.unmask.detect.sigma.correlation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what a single document cannot show: that ids and names are unique, that every reference
 * resolves, that aliases name referenced rules, that chains have no cycles, and that a count
 * condition fits in the per-group state limit. Reports every problem at once.
 */
final class CorrelationSetCheck {

  private final List<CorrelationRule> rules;
  private final Collection<RuleRef> known;
  private final CorrelationEngine.Limits limits;
  private final List<CorrelationProblem> problems = new ArrayList<>();
  private final Map<String, CorrelationRule> byRef = new HashMap<>();

  CorrelationSetCheck(
      List<CorrelationRule> rules, Collection<RuleRef> known, CorrelationEngine.Limits limits) {
    this.rules = List.copyOf(rules);
    this.known = known;
    this.limits = limits;
  }

  void check() {
    Set<String> baseRefs = new HashSet<>();
    Map<String, String> otherSpelling = new HashMap<>(); // name -> id and id -> name
    if (known != null) {
      for (RuleRef ref : known) {
        if (ref.id() != null) {
          baseRefs.add(ref.id());
        }
        if (ref.name() != null) {
          baseRefs.add(ref.name());
        }
        if (ref.id() != null && ref.name() != null) {
          otherSpelling.put(ref.id(), ref.name());
          otherSpelling.put(ref.name(), ref.id());
        }
      }
    }
    for (CorrelationRule rule : rules) {
      register(rule, rule.id(), "id", baseRefs);
      register(rule, rule.name(), "name", baseRefs);
    }
    for (CorrelationRule rule : rules) {
      for (String ref : rule.rules()) {
        if (known != null && !byRef.containsKey(ref) && !baseRefs.contains(ref)) {
          List<String> names = new ArrayList<>(baseRefs);
          names.addAll(byRef.keySet());
          names.sort(null);
          problem(
              rule,
              "correlation.rules refers to '"
                  + ref
                  + "', but no loaded rule has that"
                  + " name or id"
                  + CorrelationRuleParser.suggest(ref, names));
        }
      }
      for (Map.Entry<String, Map<String, String>> alias : rule.aliases().entrySet()) {
        for (String aliased : alias.getValue().keySet()) {
          String spelling = otherSpelling.get(aliased);
          boolean referenced =
              rule.rules().contains(aliased)
                  || (spelling != null && rule.rules().contains(spelling))
                  || referencesCorrelationBy(rule, aliased);
          // Without the loaded rules, an alias by name for a rule referenced by id cannot be told
          // from a typo; only report what is certainly wrong.
          if (!referenced && known != null) {
            problem(
                rule,
                "alias '"
                    + alias.getKey()
                    + "' maps rule '"
                    + aliased
                    + "', which this correlation does not reference");
          }
        }
      }
      double required = rule.condition().requiredCount();
      boolean counts =
          rule.type() == CorrelationType.EVENT_COUNT || rule.type() == CorrelationType.VALUE_COUNT;
      if (counts && required > limits.maxMatchesPerGroup()) {
        problem(
            rule,
            "condition "
                + rule.condition()
                + " needs more matches per group than the "
                + "limit of "
                + limits.maxMatchesPerGroup()
                + " kept in one window");
      }
    }
    checkCycles();
    if (!problems.isEmpty()) {
      throw new CorrelationRuleException(problems);
    }
  }

  private void register(CorrelationRule rule, String ref, String what, Set<String> baseRefs) {
    if (ref == null) {
      return;
    }
    CorrelationRule previous = byRef.putIfAbsent(ref, rule);
    if (previous != null && previous != rule) {
      problem(
          rule,
          "correlation "
              + what
              + " '"
              + ref
              + "' is also used by "
              + previous.file()
              + ":"
              + previous.line()
              + "; ids and names must be unique");
    } else if (baseRefs.contains(ref)) {
      problem(
          rule,
          "correlation "
              + what
              + " '"
              + ref
              + "' is also a detection rule's name or id;"
              + " references to it would be ambiguous");
    }
  }

  private boolean referencesCorrelationBy(CorrelationRule rule, String aliased) {
    CorrelationRule target = byRef.get(aliased);
    if (target == null) {
      return false;
    }
    for (String ref : rule.rules()) {
      if (byRef.get(ref) == target) {
        return true;
      }
    }
    return false;
  }

  private void checkCycles() {
    Map<CorrelationRule, Integer> colour = new HashMap<>(); // absent: new, 1: on stack, 2: done
    for (CorrelationRule rule : rules) {
      visit(rule, colour, new ArrayList<>());
    }
  }

  private void visit(
      CorrelationRule rule, Map<CorrelationRule, Integer> colour, List<String> path) {
    Integer c = colour.get(rule);
    if (c != null && c == 2) {
      return;
    }
    path.add(rule.key());
    if (c != null) {
      problem(rule, "correlation chain loops: " + String.join(" -> ", path));
      path.remove(path.size() - 1);
      return;
    }
    colour.put(rule, 1);
    for (String ref : rule.rules()) {
      CorrelationRule target = byRef.get(ref);
      if (target != null) {
        visit(target, colour, path);
      }
    }
    colour.put(rule, 2);
    path.remove(path.size() - 1);
  }

  private void problem(CorrelationRule rule, String message) {
    problems.add(new CorrelationProblem(rule.file(), rule.line(), message));
  }
}
