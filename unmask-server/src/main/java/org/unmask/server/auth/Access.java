package org.unmask.server.auth;

import io.javalin.security.RouteRole;
import org.unmask.store.privacy.Role;

/** The least role a route needs; {@link #PUBLIC} needs no token. */
public enum Access implements RouteRole {
  PUBLIC(null),
  METRICS(Role.METRICS),
  VIEWER(Role.VIEWER),
  ANALYST(Role.ANALYST),
  ADMIN(Role.ADMIN);

  private final Role role;

  Access(Role role) {
    this.role = role;
  }

  /** The store role needed, or null for public routes. */
  public Role role() {
    return role;
  }

  public String label() {
    return role == null ? "none" : role.label();
  }
}
