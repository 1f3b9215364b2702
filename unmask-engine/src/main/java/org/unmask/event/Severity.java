package org.unmask.event;

import java.util.Locale;

/** The contract's severity levels, which are also Sigma's {@code level} values. */
public enum Severity {
  INFORMATIONAL,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The lower-case name used in findings.jsonl and in Sigma rules. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a Sigma {@code level} or contract severity; unknown or missing values are MEDIUM. */
  public static Severity parse(String level) {
    if (level == null) {
      return MEDIUM;
    }
    return switch (level.trim().toLowerCase(Locale.ROOT)) {
      case "informational", "info" -> INFORMATIONAL;
      case "low" -> LOW;
      case "high" -> HIGH;
      case "critical" -> CRITICAL;
      default -> MEDIUM;
    };
  }
}
