package org.unmask.detect.sigma.correlation;

import java.util.Locale;

/** The seven correlation types of the Sigma correlation specification v2.1.0. */
public enum CorrelationType {
  EVENT_COUNT,
  VALUE_COUNT,
  TEMPORAL,
  TEMPORAL_ORDERED,
  VALUE_SUM,
  VALUE_AVG,
  VALUE_PERCENTILE;

  /** The name used in YAML, e.g. {@code value_count}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the types that aggregate a field named by {@code condition.field}. */
  public boolean needsField() {
    return this == VALUE_COUNT
        || this == VALUE_SUM
        || this == VALUE_AVG
        || this == VALUE_PERCENTILE;
  }

  /** True for temporal and temporal_ordered, whose condition is optional. */
  public boolean isTemporal() {
    return this == TEMPORAL || this == TEMPORAL_ORDERED;
  }

  /** The type with this YAML name, or null. Matching is exact: the specification is lower case. */
  static CorrelationType byLabel(String label) {
    for (CorrelationType type : values()) {
      if (type.label().equals(label)) {
        return type;
      }
    }
    return null;
  }
}
