package org.unmask.server.api;

import static org.unmask.server.auth.Access.ADMIN;
import static org.unmask.server.auth.Access.ANALYST;
import static org.unmask.server.auth.Access.METRICS;
import static org.unmask.server.auth.Access.PUBLIC;
import static org.unmask.server.auth.Access.VIEWER;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unmask.ingest.Rejection;
import org.unmask.risk.Suppression;
import org.unmask.server.auth.Authenticator;
import org.unmask.server.auth.Principal;
import org.unmask.server.ingest.IntakeReceipt;
import org.unmask.server.live.ReferenceFolder;
import org.unmask.store.audit.AuditEntry;

/** Health, the caller, events and reference data in, suppressions, the audit log and metrics. */
final class AdminRoutes {

  /** The largest reference CSV accepted. */
  static final int MAX_CSV = 64 * 1024 * 1024;

  private final Services s;

  AdminRoutes(Services s) {
    this.s = s;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/health", PUBLIC, "Liveness and events judged", List.of(), "{status, events}", this::health),
        Route.get("/api/v1/me", VIEWER, "The caller's token name and role", List.of(), "{token_name, role}", this::me),
        Route.post("/api/v1/events", ADMIN,
            "Ingest NDJSON events (Content-Encoding: gzip allowed); acknowledged once durable; 429 + Retry-After when saturated",
            "NDJSON", "{accepted, rejected, duplicates, rejections:[{line, reason}]}", this::events),
        Route.put("/api/v1/reference/{kind}", ADMIN, "Replace people, devices, applicants or payroll (CSV, contract columns)",
            "CSV", "{rows, rejected, rejections}", this::reference),
        Route.put("/api/v1/reference/watchlists/{name}", ADMIN, "Replace or add one watchlist (CSV: type,value,label,source; or a STIX 2.1 bundle or MISP event as JSON)",
            "CSV", "{rows, rejected, rejections}", this::watchlist),
        Route.post("/api/v1/conclude", ADMIN, "Conclude and save now instead of at the next periodic publication", "{}",
            "{persons, farms, applicants, findings}", this::conclude),
        Route.get("/api/v1/suppressions", VIEWER, "Every suppression, expired or not", List.of(), "{items:[SUPPRESSION]}",
            this::suppressions),
        Route.post("/api/v1/suppressions", ANALYST, "Add a suppression: a person and rule, or a network",
            "{person_id, rule_id, days?} or {network, days?}", "SUPPRESSION", this::addSuppression),
        Route.delete("/api/v1/suppressions/{id}", ANALYST, "Delete a suppression", "{deleted}", this::deleteSuppression),
        Route.get("/api/v1/audit", ANALYST, "The audit log, newest first, and whether its hash chain verifies",
            List.of("limit"), "{items:[{seq, at, actor, action, target, details}], verified}", this::audit),
        // not public: counts of findings and events rising after someone's actions would tell a
        // watched insider that detection is on to them; a metrics token reads this and nothing else
        Route.get("/api/v1/tokens", ADMIN, "Every API token, newest first, without secrets", List.of(),
            "{items:[{token_id, name, role, created_at, created_by, revoked}]}", this::tokens),
        Route.post("/api/v1/tokens", ADMIN, "Create a token; its secret is in this answer only", "{role, name}",
            "{token_id, name, role, secret}", this::createToken),
        Route.delete("/api/v1/tokens/{id}", ADMIN, "Revoke a token: it stops working at once", "{revoked}", this::revokeToken),
        Route.get("/metrics", METRICS, "Prometheus metrics", List.of(), "text/plain; version=0.0.4", this::metrics));
  }

  private void health(Context ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    // a detection thread that died (out of memory) must not hide behind "ok" while batches pile up
    m.put("status", !s.engine().detecting() ? "failed" : s.intake().isOpen() ? "ok" : "draining");
    m.put("detection", s.engine().detecting() ? "running" : "stopped");
    m.put("events", s.engine().judged());
    m.put("backlog", s.intake().backlog());
    Json.ok(ctx, m);
  }

  private void me(Context ctx) {
    Principal p = Authenticator.principal(ctx);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token_name", p.tokenName());
    m.put("token_id", p.tokenId());
    m.put("role", p.role().label());
    Json.ok(ctx, m);
  }

  private void events(Context ctx) throws IOException {
    String encoding = ctx.header("Content-Encoding");
    boolean gzip = false;
    if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.strip())) {
      if (!"gzip".equalsIgnoreCase(encoding.strip())) {
        throw new ApiError(415, "unsupported_media_type", "Content-Encoding '" + encoding + "' is not supported; send gzip or nothing");
      }
      gzip = true;
    }
    IntakeReceipt r;
    try (InputStream in = ctx.bodyInputStream()) {
      r = s.intake().submit(in, gzip, ctx.req().getContentLengthLong());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accepted", r.accepted());
    m.put("rejected", r.rejected());
    m.put("duplicates", r.duplicates());
    m.put("rejections", r.rejections().stream().map(x -> {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("line", x.line());
      rm.put("reason", x.reason());
      return rm;
    }).toList());
    Json.ok(ctx, m);
  }

  private byte[] csv(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_CSV) {
      throw ApiError.tooLarge("CSV over the limit of " + MAX_CSV + " bytes", ctx.bodyInputStream(), declared);
    }
    byte[] bytes;
    try (InputStream in = org.unmask.server.ingest.BodyReader.withDeadline(ctx.bodyInputStream())) {
      bytes = in.readNBytes(MAX_CSV + 1); // a trickling upload would hold the one upload slot for ever
    }
    if (bytes.length > MAX_CSV) {
      throw ApiError.tooLarge("CSV over the limit of " + MAX_CSV + " bytes");
    }
    if (bytes.length == 0) {
      throw ApiError.badRequest("empty body: send the CSV file with its header row (see docs/contract.md)");
    }
    return bytes;
  }

  /**
   * One reference upload at a time. Each holds its body (up to {@code MAX_CSV}), reads the whole
   * reference to check it, and has the engine read it again: concurrent ones multiplied that until
   * the heap ran out. A second upload meanwhile is told to retry; uploads are rare and quick.
   */
  private final java.util.concurrent.Semaphore referenceUpload = new java.util.concurrent.Semaphore(1);

  private void reference(Context ctx) throws IOException {
    ReferenceFolder.Kind kind = ReferenceFolder.Kind.parse(ctx.pathParam("kind"));
    oneUploadAtATime(() -> respond(ctx, s.reference().replace(kind, csv(ctx))));
  }

  private void watchlist(Context ctx) throws IOException {
    oneUploadAtATime(() -> respond(ctx, s.reference().replaceWatchlist(ctx.pathParam("name"), csv(ctx))));
  }

  private interface Upload {
    void run() throws IOException;
  }

  private void oneUploadAtATime(Upload upload) throws IOException {
    if (!referenceUpload.tryAcquire()) {
      throw new ApiError(429, "busy", "another reference upload is being applied; retry in a few seconds", 5);
    }
    try {
      upload.run();
    } finally {
      referenceUpload.release();
    }
  }

  private void respond(Context ctx, ReferenceFolder.Update u) {
    s.engine().reloadReference();
    s.store().audit().append(Authenticator.principal(ctx).actor(), "reference.update", ctx.path(),
        "rows=" + u.rows() + "; rejected=" + u.rejected());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", u.rows());
    m.put("rejected", u.rejected());
    List<Map<String, Object>> rej = new ArrayList<>();
    for (Rejection r : u.rejections().stream().limit(100).toList()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("line", r.line());
      rm.put("reason", r.reason());
      rej.add(rm);
    }
    m.put("rejections", rej);
    Json.ok(ctx, m);
  }

  private void conclude(Context ctx) {
    var view = s.engine().publish();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("persons", view.persons().size());
    m.put("farms", view.farms().size());
    m.put("applicants", view.applicants().size());
    m.put("findings", s.engine().findings().size());
    Json.ok(ctx, m);
  }

  private static Map<String, Object> suppression(Suppression x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("suppression_id", x.id());
    m.put("scope", x.scope().label());
    m.put("person_id", x.personId());
    m.put("rule_id", x.ruleId());
    m.put("network", x.cidr());
    m.put("case_id", x.caseId());
    m.put("expires_at", Views.time(x.expiresAt()));
    m.put("active", x.activeAt(Instant.now()));
    return m;
  }

  private void suppressions(Context ctx) {
    Json.ok(ctx, Map.of("items", s.store().suppressions().all().stream().map(AdminRoutes::suppression).toList()));
  }

  private void addSuppression(Context ctx) {
    ObjectNode body = Json.object(ctx);
    int days = body.has("days") ? body.get("days").asInt(-1) : 90;
    if (days < 1 || days > 3650) {
      throw ApiError.badRequest("days must be between 1 and 3650");
    }
    Instant expires = Instant.now().plus(Duration.ofDays(days));
    String network = Json.text(body, "network", 100);
    String person = Json.text(body, "person_id", 300);
    String rule = Json.text(body, "rule_id", 300);
    Suppression sup;
    try {
      if (network != null) {
        sup = Suppression.network("sup-api-net-" + network.strip(), network.strip(), expires, null);
      } else if (person != null && rule != null) {
        sup = Suppression.personRule("sup-api-" + person.strip() + "-rule-" + rule.strip(), person.strip(), rule.strip(), expires, null);
      } else {
        throw ApiError.badRequest("send {\"person_id\":\"P\",\"rule_id\":\"R\"} or {\"network\":\"203.0.113.0/24\"}, with optional \"days\"");
      }
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    s.store().addSuppression(sup, Authenticator.principal(ctx).actor());
    Json.send(ctx, 201, suppression(sup));
  }

  private void deleteSuppression(Context ctx) {
    String id = ctx.pathParam("id");
    s.store().removeSuppression(id, Authenticator.principal(ctx).actor());
    Json.ok(ctx, Map.of("deleted", id));
  }

  // Tokens are managed here too because a running server holds the default H2 store's file lock:
  // `unmask tokens revoke` could only stop a leaked token after downtime.
  private void tokens(Context ctx) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (var t : s.store().tokens().list()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("token_id", t.tokenId());
      m.put("name", t.name());
      m.put("role", t.role().label());
      m.put("created_at", t.createdAt().toString());
      m.put("created_by", t.createdBy());
      m.put("revoked", t.revoked());
      items.add(m);
    }
    Json.ok(ctx, Map.of("items", items));
  }

  private void createToken(Context ctx) {
    ObjectNode body = Json.object(ctx);
    String roleName = Json.text(body, "role", 20);
    String name = Json.text(body, "name", 200);
    org.unmask.store.privacy.Role role = org.unmask.store.privacy.Role.parse(roleName);
    if (role == null || name == null || name.isBlank()) {
      throw ApiError.badRequest("send {\"role\":\"metrics|viewer|analyst|admin\",\"name\":\"who or what uses it\"}");
    }
    var created = s.store().tokens().create(role, name.strip(), Authenticator.principal(ctx).actor());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token_id", created.token().tokenId());
    m.put("name", created.token().name());
    m.put("role", created.token().role().label());
    m.put("secret", created.secret());
    Json.send(ctx, 201, m);
  }

  private void revokeToken(Context ctx) {
    String id = ctx.pathParam("id");
    if (id.equals(Authenticator.principal(ctx).tokenId())) {
      throw new ApiError(409, "conflict", "this request's own token: revoke it with another admin token, so one stays");
    }
    s.store().tokens().revoke(id, Authenticator.principal(ctx).actor());
    Json.ok(ctx, Map.of("revoked", id));
  }

  private void audit(Context ctx) {
    int limit = Params.limit(ctx, 200, 10_000);
    List<AuditEntry> all = s.store().audit().entries();
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && items.size() < limit; i--) {
      AuditEntry e = all.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seq", e.seq());
      m.put("at", Views.time(e.at()));
      m.put("actor", e.actor());
      m.put("action", e.action());
      m.put("target", e.target());
      m.put("details", e.details());
      items.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items);
    out.put("verified", s.store().audit().verify().intact());
    Json.ok(ctx, out);
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.metrics().scrape());
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
