package org.unmask.detect.sigma.correlation;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A correlation's {@code condition}: one or more comparisons joined by AND (a range such as {@code
 * gt: 100, lte: 200}), and for the value_* types the field(s) the aggregate is taken over.
 *
 * @param bounds the comparisons; never empty
 * @param fields the {@code field} entry (several for value_count, linked by AND); empty otherwise
 */
public record CorrelationCondition(List<Bound> bounds, List<String> fields) {

  /** The six comparison operators of the specification. */
  public enum Operator {
    GT,
    GTE,
    LT,
    LTE,
    EQ,
    NEQ;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    boolean test(double actual, double threshold) {
      return switch (this) {
        case GT -> actual > threshold;
        case GTE -> actual >= threshold;
        case LT -> actual < threshold;
        case LTE -> actual <= threshold;
        case EQ -> actual == threshold;
        case NEQ -> actual != threshold;
      };
    }

    static Operator byLabel(String label) {
      for (Operator op : values()) {
        if (op.label().equals(label)) {
          return op;
        }
      }
      return null;
    }
  }

  /** One comparison: the aggregate {@code operator} {@code threshold}. */
  public record Bound(Operator operator, double threshold) {
    @Override
    public String toString() {
      return operator.label() + " " + render(threshold);
    }
  }

  public CorrelationCondition {
    bounds = List.copyOf(bounds);
    fields = List.copyOf(fields);
    if (bounds.isEmpty()) {
      throw new IllegalArgumentException("a condition needs at least one comparison");
    }
  }

  /** The default of temporal correlations without a condition: every referenced rule matched. */
  static CorrelationCondition allOf(int ruleCount) {
    return new CorrelationCondition(List.of(new Bound(Operator.GTE, ruleCount)), List.of());
  }

  /** True when the aggregate satisfies every comparison. NaN satisfies none. */
  public boolean test(double aggregate) {
    if (Double.isNaN(aggregate)) {
      return false;
    }
    for (Bound bound : bounds) {
      if (!bound.operator().test(aggregate, bound.threshold())) {
        return false;
      }
    }
    return true;
  }

  /** The largest lower bound a count must reach, or 0; used to check the per-group entry limit. */
  double requiredCount() {
    double required = 0;
    for (Bound bound : bounds) {
      switch (bound.operator()) {
        case GT -> required = Math.max(required, Math.floor(bound.threshold()) + 1);
        case GTE, EQ -> required = Math.max(required, Math.ceil(bound.threshold()));
        default -> {}
      }
    }
    return required;
  }

  @Override
  public String toString() {
    return bounds.stream().map(Bound::toString).collect(Collectors.joining(" and "));
  }

  static String render(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
