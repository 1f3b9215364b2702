package org.unmask.store.privacy;

import java.util.Locale;

/**
 * What a person (or a program) may do: metrics tokens read the server's metrics and nothing else
 * (a Prometheus scraper), viewers read pseudonymised cases, analysts also work cases and may reveal
 * identities (with a reason), admins also feed events and reference data and manage tokens. Each
 * role may do everything the roles before it may.
 */
public enum Role {
  METRICS,
  VIEWER,
  ANALYST,
  ADMIN;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this role includes {@code other}. */
  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /** Only analysts and admins may see who is behind a pseudonym. */
  public boolean mayReveal() {
    return includes(ANALYST);
  }

  /** The role by name (any case), or null when there is no such role. */
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
