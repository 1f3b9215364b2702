package org.unmask.detect.sigma;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A compiled detection: the condition tree with the search identifiers inlined. Children of
 * {@code and}/{@code or} are ordered cheapest first, which is safe because evaluation has no side
 * effects.
 */
abstract class Node {

  abstract boolean eval(EventView view);

  abstract int cost();

  static Node and(List<Node> children) {
    if (children.size() == 1) {
      return children.get(0);
    }
    return new And(sorted(children));
  }

  static Node or(List<Node> children) {
    if (children.size() == 1) {
      return children.get(0);
    }
    return new Or(sorted(children));
  }

  private static Node[] sorted(List<Node> children) {
    Node[] array = children.toArray(Node[]::new);
    Arrays.sort(array, Comparator.comparingInt(Node::cost));
    return array;
  }

  static final class And extends Node {
    final Node[] children;

    And(Node[] children) {
      this.children = children;
    }

    @Override
    boolean eval(EventView view) {
      for (Node child : children) {
        if (!child.eval(view)) {
          return false;
        }
      }
      return true;
    }

    @Override
    int cost() {
      int c = 0;
      for (Node child : children) {
        c += child.cost();
      }
      return c;
    }
  }

  static final class Or extends Node {
    final Node[] children;

    Or(Node[] children) {
      this.children = children;
    }

    @Override
    boolean eval(EventView view) {
      for (Node child : children) {
        if (child.eval(view)) {
          return true;
        }
      }
      return false;
    }

    @Override
    int cost() {
      int c = 0;
      for (Node child : children) {
        c += child.cost();
      }
      return c;
    }
  }

  static final class Not extends Node {
    final Node child;

    Not(Node child) {
      this.child = child;
    }

    @Override
    boolean eval(EventView view) {
      return !child.eval(view);
    }

    @Override
    int cost() {
      return child.cost();
    }
  }

  /**
   * A costly rule whose verdict is remembered for the values it read ({@link EventView#remembered}).
   * A condition is a function of the fields it reads, and those repeat together: the same image
   * started by the same parent with the same command line, from every host, all day. Long
   * {@code endswith} lists and filters of dozens of networks are then evaluated once per distinct
   * combination instead of once per event. Only for rules that read a few fields, none of them
   * through keyword search (which reads every field).
   */
  static final class Remembered extends Node {
    /** Rules cheaper than this are evaluated faster than their verdicts are looked up. */
    static final int MIN_COST = 24;
    static final int MAX_FIELDS = 4;
    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS = new java.util.concurrent.atomic.AtomicInteger();

    final Node inner;
    /** The fields the rule reads. */
    final int[] slots;
    final int number = NUMBERS.getAndIncrement() & Integer.MAX_VALUE;

    private Remembered(Node inner, int[] slots) {
      this.inner = inner;
      this.slots = slots;
    }

    /** The rule, remembering its verdicts when that is worth it and possible. */
    static Node of(Node root) {
      java.util.Set<Integer> read = new java.util.TreeSet<>();
      if (root.cost() < MIN_COST || !fieldsRead(root, read) || read.isEmpty() || read.size() > MAX_FIELDS) {
        return root;
      }
      return new Remembered(root, read.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Adds the fields a condition reads to {@code read}; false when it searches every field. */
    private static boolean fieldsRead(Node node, java.util.Set<Integer> read) {
      if (node instanceof And and) {
        return Arrays.stream(and.children).allMatch(c -> fieldsRead(c, read));
      } else if (node instanceof Or or) {
        return Arrays.stream(or.children).allMatch(c -> fieldsRead(c, read));
      } else if (node instanceof Not not) {
        return fieldsRead(not.child, read);
      } else if (node instanceof Field field) {
        read.add(field.slot);
        for (ValueMatcher m : field.matchers) {
          if (m instanceof ValueMatchers.FieldRef ref) {
            read.add(ref.slot());
          }
        }
        return true;
      } else if (node instanceof IsNull isNull) {
        read.add(isNull.slot);
        return true;
      } else if (node instanceof Exists exists) {
        read.add(exists.slot);
        return true;
      }
      return node instanceof Const; // a Keyword, or a node this method does not know
    }

    @Override
    boolean eval(EventView view) {
      return view.remembered(this);
    }

    @Override
    int cost() {
      return inner.cost();
    }
  }

  /** A constant, e.g. an empty {@code 1 of} or a placeholder with no values. */
  static final class Const extends Node {
    final boolean value;

    Const(boolean value) {
      this.value = value;
    }

    @Override
    boolean eval(EventView view) {
      return value;
    }

    @Override
    int cost() {
      return 0;
    }
  }

  /**
   * Values of one field. Several values are or-ed ({@code all}: and-ed); a list field matches when
   * any element does. {@code neq}: the field has a value and no element matches any value.
   */
  static final class Field extends Node {
    final String field;
    final int slot;
    final ValueMatcher[] matchers;
    final boolean all;
    final boolean neq;

    /**
     * This test's number in the per-thread decision cache, or -1 when it is not worth caching (a
     * cheap test) or cannot be (it compares with another field).
     */
    final int decision;

    /** Tests at least this costly remember their verdict per value: see {@link EventView#decided}. */
    private static final int MIN_COST_TO_REMEMBER = 6;
    private static final java.util.concurrent.atomic.AtomicInteger DECISIONS = new java.util.concurrent.atomic.AtomicInteger();

    Field(String field, int slot, List<ValueMatcher> matchers, boolean all, boolean neq) {
      this.field = field;
      this.slot = slot;
      this.matchers = matchers.toArray(ValueMatcher[]::new);
      Arrays.sort(this.matchers, Comparator.comparingInt(ValueMatcher::cost));
      this.all = all;
      this.neq = neq;
      boolean pure = matchers.stream().noneMatch(m -> m instanceof ValueMatchers.FieldRef);
      this.decision = pure && cost() >= MIN_COST_TO_REMEMBER ? DECISIONS.getAndIncrement() & Integer.MAX_VALUE : -1;
    }

    @Override
    boolean eval(EventView view) {
      EventView.FieldValue v = view.value(slot);
      if (v.count == 0) {
        return false;
      }
      if (decision >= 0 && v.count == 1) {
        return view.decided(this, v);
      }
      return evalValues(v, view);
    }

    /** The verdict on the field's values, computed. */
    boolean evalValues(EventView.FieldValue v, EventView view) {
      if (neq) {
        return !any(v, view);
      }
      if (!all) {
        return any(v, view);
      }
      for (ValueMatcher m : matchers) {
        boolean hit = false;
        for (int i = 0; i < v.count && !hit; i++) {
          hit = m.test(v.original(i), v.lower(i), view);
        }
        if (!hit) {
          return false;
        }
      }
      return true;
    }

    private boolean any(EventView.FieldValue v, EventView view) {
      for (int i = 0; i < v.count; i++) {
        for (ValueMatcher m : matchers) {
          if (m.test(v.original(i), v.lower(i), view)) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    int cost() {
      int c = 1;
      for (ValueMatcher m : matchers) {
        c += m.cost();
      }
      return c;
    }
  }

  /** {@code field: null}: the field is absent or null. */
  static final class IsNull extends Node {
    final int slot;

    IsNull(int slot) {
      this.slot = slot;
    }

    @Override
    boolean eval(EventView view) {
      return view.value(slot).count == 0;
    }

    @Override
    int cost() {
      return 1;
    }
  }

  /** {@code field|exists: true|false}. */
  static final class Exists extends Node {
    final int slot;
    final boolean expected;

    Exists(int slot, boolean expected) {
      this.slot = slot;
      this.expected = expected;
    }

    @Override
    boolean eval(EventView view) {
      return view.value(slot).present == expected;
    }

    @Override
    int cost() {
      return 1;
    }
  }

  /** Field-less values: searched in every string value of the event. */
  static final class Keyword extends Node {
    final ValueMatcher[] matchers;
    final boolean all;

    Keyword(List<ValueMatcher> matchers, boolean all) {
      this.matchers = matchers.toArray(ValueMatcher[]::new);
      this.all = all;
    }

    @Override
    boolean eval(EventView view) {
      List<String> originals = view.allOriginal();
      List<String> lowers = view.allLower();
      for (ValueMatcher m : matchers) {
        boolean hit = false;
        for (int i = 0; i < lowers.size() && !hit; i++) {
          hit = m.test(originals.get(i), lowers.get(i), view);
        }
        if (hit && !all) {
          return true;
        }
        if (!hit && all) {
          return false;
        }
      }
      return all;
    }

    @Override
    int cost() {
      return 20 * matchers.length;
    }
  }
}
