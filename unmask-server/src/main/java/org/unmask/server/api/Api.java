package org.unmask.server.api;

import static org.unmask.server.auth.Access.PUBLIC;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unmask.server.auth.Authenticator;
import org.unmask.store.StoreException;
import org.unmask.store.privacy.RevealRefusedException;

/**
 * The whole HTTP surface: the route table, authentication, security headers, errors and the
 * console's static files.
 */
public final class Api {

  private static final Logger LOG = LoggerFactory.getLogger(Api.class);

  /** Where the console's files live on the classpath; served at {@code /} and {@code /console/}. */
  public static final String UI = "/org/unmask/server/ui";

  /** No inline script or style, nothing from elsewhere, never in a frame. */
  public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private static final String ANSWERED = "unmask.answered";

  private final List<Route> routes;
  private final Authenticator auth;

  public Api(Services services, Authenticator auth) {
    this.auth = auth;
    List<Route> all = new ArrayList<>();
    all.addAll(new AdminRoutes(services).routes());
    all.addAll(new CaseRoutes(services).routes());
    all.addAll(new PersonRoutes(services).routes());
    List<Route> withDoc = new ArrayList<>(all);
    withDoc.add(Route.get("/api/v1/openapi.json", PUBLIC, "This document", List.of(), "OpenAPI 3 document", this::openApi));
    this.routes = List.copyOf(withDoc);
  }

  private void openApi(Context ctx) {
    String version = Api.class.getPackage().getImplementationVersion();
    Json.ok(ctx, OpenApi.document(routes, version == null ? "dev" : version));
  }

  public List<Route> routes() {
    return routes;
  }

  /** Configures Javalin: limits, headers, auth, routes, errors, static files. */
  public void configure(JavalinConfig config, long maxRequestBytes) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = maxRequestBytes;
    config.http.defaultContentType = Json.CONTENT_TYPE;
    config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    config.router.ignoreTrailingSlashes = true;
    for (String hosted : List.of("/", "/console")) {
      config.staticFiles.add(sf -> {
        sf.hostedPath = hosted;
        sf.directory = UI;
        sf.location = Location.CLASSPATH;
        sf.headers = Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer", "Cache-Control", "no-cache");
      });
    }
    config.routes.before(Api::securityHeaders);
    config.routes.beforeMatched(auth::check);
    for (Route r : routes) {
      String verb = r.method().name();
      if (verb.equals("GET")) {
        config.routes.get(r.path(), r.handler(), r.access());
      } else if (verb.equals("POST")) {
        config.routes.post(r.path(), r.handler(), r.access());
      } else if (verb.equals("PUT")) {
        config.routes.put(r.path(), r.handler(), r.access());
      } else if (verb.equals("DELETE")) {
        config.routes.delete(r.path(), r.handler(), r.access());
      } else {
        throw new IllegalStateException("no verb for " + r.method());
      }
    }
    config.routes.exception(ApiError.class, (e, ctx) -> {
      ctx.attribute(ANSWERED, true);
      if (e.retryAfterSeconds() != null) {
        ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
      }
      Json.send(ctx, e.status(), Json.error(e.status(), e.code(), e.getMessage()));
    });
    config.routes.exception(RevealRefusedException.class, (e, ctx) ->
        Json.send(ctx, 403, Json.error(403, "forbidden", e.getMessage())));
    config.routes.exception(StoreException.class, (e, ctx) -> {
      ctx.attribute(ANSWERED, true); // a store's "no such suppression" is not the router's "no such route"
      String msg = e.getMessage() == null ? "refused" : e.getMessage();
      int status = msg.startsWith("no such") || msg.startsWith("no identity") ? 404 : 409;
      Json.send(ctx, status, Json.error(status, status == 404 ? "not_found" : "conflict", msg));
    });
    config.routes.exception(IllegalArgumentException.class, (e, ctx) ->
        Json.send(ctx, 400, Json.error(400, "bad_request", String.valueOf(e.getMessage()))));
    config.routes.exception(HttpResponseException.class, (e, ctx) -> {
      int status = e.getStatus();
      String msg = status == 413 ? "request body over the size limit; send smaller batches" : e.getMessage();
      Json.send(ctx, status, Json.error(status, status == 413 ? "payload_too_large" : "error", msg));
    });
    config.routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
      Json.send(ctx, 500, Json.error(500, "internal", "internal error; the server log has the details"));
    });
    config.routes.error(404, ctx -> {
      if (ctx.attribute(ANSWERED) == null) {
        Json.send(ctx, 404, Json.error(404, "not_found", "no such route: " + ctx.method() + " " + ctx.path()
            + " (GET /api/v1/openapi.json lists them)"));
      }
    });
    config.routes.error(405, ctx -> Json.send(ctx, 405, Json.error(405, "method_not_allowed",
        ctx.method() + " is not allowed on " + ctx.path() + " (GET /api/v1/openapi.json lists the methods)")));
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
  }
}
