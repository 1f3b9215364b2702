package org.unmask.store.cases;

import java.util.Locale;

/** Where a case is in its lifecycle. */
public enum CaseStatus {
  OPEN,
  INVESTIGATING,
  /** Handed to HR or legal. */
  ESCALATED,
  CLOSED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CaseStatus parse(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }
}
