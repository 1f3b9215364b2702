package org.unmask.server.api;

import static org.unmask.server.auth.Access.ANALYST;
import static org.unmask.server.auth.Access.VIEWER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.Suppression;
import org.unmask.server.auth.Authenticator;
import org.unmask.server.auth.Principal;
import org.unmask.store.cases.Case;
import org.unmask.store.cases.CaseStatus;
import org.unmask.store.cases.Resolution;
import org.unmask.store.cases.SuppressionRequest;
import org.unmask.store.privacy.Identity;
import org.unmask.store.privacy.RevealRequest;

/** Cases: the queue, one case, and every lifecycle action. Actions are audited by the store. */
final class CaseRoutes {

  private final Services s;

  CaseRoutes(Services s) {
    this.s = s;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/cases", VIEWER, "The case queue, highest risk first", List.of("status", "limit"),
            "{items:[CASE]}", this::list),
        Route.get("/api/v1/cases/{id}", VIEWER, "One case with its notes and findings", List.of(), "CASE + notes + findings",
            this::show),
        Route.post("/api/v1/cases/{id}/assign", ANALYST, "Assign the case (open -> investigating)", "{assignee}", "CASE",
            this::assign),
        Route.post("/api/v1/cases/{id}/notes", ANALYST, "Add a note (allowed in every state)", "{text}", "note", this::note),
        Route.post("/api/v1/cases/{id}/escalate", ANALYST, "Escalate to HR or legal", "{}", "CASE", this::escalate),
        Route.post("/api/v1/cases/{id}/close", ANALYST, "Close with a resolution and a note; benign or false_positive may suppress",
            "{resolution, note, suppress?:{rule?|network?, days?}}", "CASE", this::close),
        Route.post("/api/v1/cases/{id}/reveal", ANALYST, "Reveal the identity behind the case (needs a reason; audited)",
            "{reason}", "identity", this::reveal));
  }

  private ReferenceData ref() {
    return s.engine().reference();
  }

  private Map<String, Object> view(Case k) {
    return Views.caseView(k, ref(), s.engine().pseudonyms());
  }

  private void list(Context ctx) {
    String status = Params.text(ctx, "status");
    int limit = Params.limit(ctx, 200, 5000);
    boolean all = "all".equalsIgnoreCase(status);
    CaseStatus only = null;
    if (status != null && !all && !"open".equalsIgnoreCase(status)) {
      try {
        only = CaseStatus.parse(status);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("status must be open, all, investigating, escalated or closed (got '" + status + "')");
      }
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Case k : s.store().cases().list()) {
      boolean keep = all || (only != null ? k.status() == only : k.status() != CaseStatus.CLOSED);
      if (keep && items.size() < limit) {
        items.add(view(k));
      }
    }
    Json.ok(ctx, Map.of("items", items));
  }

  private Case existing(Context ctx) {
    String id = ctx.pathParam("id");
    return s.store().cases().find(id)
        .orElseThrow(() -> ApiError.notFound("no such case: " + id + " (GET /api/v1/cases lists the case ids)"));
  }

  private void show(Context ctx) {
    Case k = existing(ctx);
    Map<String, Object> m = new LinkedHashMap<>(view(k));
    m.put("notes", s.store().cases().notes(k.caseId()).stream().map(Views::note).toList());
    m.put("findings", Views.findings(s.store().cases().findings(k.caseId(), 200)));
    Json.ok(ctx, m);
  }

  private void assign(Context ctx) {
    Case k = existing(ctx);
    String assignee = Json.text(Json.object(ctx), "assignee", 200);
    if (assignee == null || assignee.isBlank()) {
      throw ApiError.badRequest("assign needs {\"assignee\":\"NAME\"}");
    }
    Json.ok(ctx, view(s.store().cases().assign(k.caseId(), assignee.strip(), actor(ctx))));
  }

  private void note(Context ctx) {
    Case k = existing(ctx);
    String text = Json.text(Json.object(ctx), "text", 20_000);
    if (text == null || text.isBlank()) {
      throw ApiError.badRequest("a note needs {\"text\":\"...\"}");
    }
    Json.send(ctx, 201, Views.note(s.store().cases().note(k.caseId(), text, actor(ctx))));
  }

  private void escalate(Context ctx) {
    Case k = existing(ctx);
    Json.object(ctx);
    Json.ok(ctx, view(s.store().cases().escalate(k.caseId(), actor(ctx))));
  }

  private void close(Context ctx) {
    Case k = existing(ctx);
    ObjectNode body = Json.object(ctx);
    String res = Json.text(body, "resolution", 40);
    if (res == null) {
      throw ApiError.badRequest("close needs {\"resolution\":\"confirmed|benign|false_positive\",\"note\":\"why\"}");
    }
    Resolution resolution;
    try {
      resolution = Resolution.parse(res);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    String note = Json.text(body, "note", 20_000);
    SuppressionRequest suppress = suppression(body.get("suppress"));
    Json.ok(ctx, view(s.store().cases().close(k.caseId(), resolution, note, suppress, actor(ctx))));
  }

  private static SuppressionRequest suppression(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiError.badRequest("suppress must be an object: {\"rule\":\"RULE_ID\"} or {\"network\":\"CIDR\"}, with optional \"days\"");
    }
    ObjectNode o = (ObjectNode) node;
    int days = o.has("days") ? o.get("days").asInt(-1) : 90;
    if (days < 1 || days > 3650) {
      throw ApiError.badRequest("suppress.days must be between 1 and 3650");
    }
    String network = Json.text(o, "network", 100);
    String rule = Json.text(o, "rule", 300);
    try {
      return network != null ? SuppressionRequest.network(network, Duration.ofDays(days))
          : SuppressionRequest.rule(rule, Duration.ofDays(days));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private void reveal(Context ctx) {
    Case k = existing(ctx);
    String reason = Json.text(Json.object(ctx), "reason", 2000);
    Principal p = Authenticator.principal(ctx);
    if (reason == null || reason.isBlank()) {
      // Still goes through the vault, so the refusal is audited like every other.
      try {
        s.store().reveal(k.caseId(), new RevealRequest(p.actor(), p.role().label(), reason));
      } catch (org.unmask.store.privacy.RevealRefusedException e) {
        throw ApiError.badRequest("revealing an identity needs a written reason: {\"reason\":\"why you need to know who this is\"}");
      }
    }
    Identity id = s.store().reveal(k.caseId(), new RevealRequest(p.actor(), p.role().label(), reason));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case_id", k.caseId());
    m.put("person_id", id.subjectId());
    id.fields().forEach(m::put);
    m.put("stored_at", Views.time(id.storedAt()));
    Json.ok(ctx, m);
  }

  private static String actor(Context ctx) {
    return Authenticator.principal(ctx).actor();
  }

  static String scopeLabel(Suppression s) {
    return s.scope().label().toLowerCase(Locale.ROOT);
  }
}
