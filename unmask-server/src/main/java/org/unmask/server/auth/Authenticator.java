package org.unmask.server.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.Set;
import org.unmask.server.api.ApiError;
import org.unmask.store.tokens.ApiToken;
import org.unmask.store.tokens.TokenBook;

/** Checks the bearer token and the route's role before any handler runs. */
public final class Authenticator {

  private static final String ATTRIBUTE = "unmask.principal";

  private final TokenBook tokens;

  public Authenticator(TokenBook tokens) {
    this.tokens = tokens;
  }

  /** A before-matched handler: passes, or throws 401/403. */
  public void check(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    Access needed = roles.stream().filter(Access.class::isInstance).map(Access.class::cast).findFirst().orElse(null);
    if (needed == null || needed == Access.PUBLIC) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"unmask\"");
      throw new ApiError(401, "unauthorized",
          "no token: send Authorization: Bearer TOKEN (unmask tokens create --role metrics|viewer|analyst|admin prints one)");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"unmask\"");
      throw new ApiError(401, "unauthorized", "the Authorization header must be 'Bearer TOKEN'");
    }
    Optional<ApiToken> token = tokens.authenticate(header.substring(7).strip());
    if (token.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"unmask\", error=\"invalid_token\"");
      throw new ApiError(401, "unauthorized", "unknown or revoked token; ask an admin for a new one (unmask tokens create)");
    }
    ApiToken t = token.get();
    if (t.role() == null || !t.role().includes(needed.role())) {
      throw new ApiError(403, "forbidden", "this needs the " + needed.label() + " role; your token '" + t.name() + "' has the "
          + (t.role() == null ? "no" : t.role().label()) + " role");
    }
    ctx.attribute(ATTRIBUTE, new Principal(t.tokenId(), t.name(), t.role()));
  }

  /** The caller of an authenticated route. */
  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(ATTRIBUTE);
    if (p == null) {
      throw new IllegalStateException("no principal: the route is public");
    }
    return p;
  }
}
