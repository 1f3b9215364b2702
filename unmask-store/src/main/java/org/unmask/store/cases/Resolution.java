package org.unmask.store.cases;

import java.util.Locale;

/** How a closed case ended. Only benign and false-positive closes may create suppressions. */
public enum Resolution {
  CONFIRMED,
  BENIGN,
  FALSE_POSITIVE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Resolution parse(String label) {
    try {
      return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown resolution '" + label + "'; use confirmed, benign or false_positive", e);
    }
  }

  public boolean allowsSuppression() {
    return this != CONFIRMED;
  }
}
