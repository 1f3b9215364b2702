package org.unmask.store.privacy;

import java.util.Locale;

/** Who may reveal an identity. Viewers and everyone else see pseudonyms only. */
public enum Role {
  ANALYST,
  ADMIN;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role by name, or null when it is not one that may reveal. */
  public static Role parse(String label) {
    if (label == null) {
      return null;
    }
    try {
      return valueOf(label.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
