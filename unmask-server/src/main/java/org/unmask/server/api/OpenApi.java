package org.unmask.server.api;

import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unmask.server.auth.Access;

/**
 * The OpenAPI 3 document, built from the route table itself: every route the router has is in the
 * document, with its role, parameters, body and responses, and nothing else is.
 */
final class OpenApi {

  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  private OpenApi() {}

  static Map<String, Object> document(List<Route> routes, String version) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of("title", "Unmask API", "version", version,
        "description", "Live ingestion, cases and the analysts' console. Roles: metrics < viewer < analyst < admin; send"
            + " Authorization: Bearer TOKEN (unmask tokens create). Errors: {\"error\":{\"status\",\"code\",\"message\"}}."
            + " Identities are pseudonymised everywhere except the reveal response."));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Route r : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
      item.put(r.method().name().toLowerCase(Locale.ROOT), operation(r));
    }
    doc.put("paths", paths);
    Map<String, Object> components = new LinkedHashMap<>();
    components.put("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")));
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "object");
    error.put("required", List.of("error"));
    error.put("properties", Map.of("error", Map.of("type", "object", "required", List.of("status", "code", "message"),
        "properties", Map.of("status", Map.of("type", "integer"), "code", Map.of("type", "string"),
            "message", Map.of("type", "string")))));
    components.put("schemas", Map.of("Error", error));
    doc.put("components", components);
    return doc;
  }

  private static Map<String, Object> operation(Route r) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", operationId(r));
    op.put("summary", r.summary());
    op.put("description", "Role: " + r.access().label() + ". Response: " + r.response()
        + (r.body() == null ? "" : ". Body: " + r.body()));
    op.put("tags", List.of(tag(r.path())));
    List<Map<String, Object>> params = new ArrayList<>();
    Matcher m = PARAM.matcher(r.path());
    while (m.find()) {
      params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
    }
    for (String q : r.query()) {
      params.add(Map.of("name", q, "in", "query", "required", false,
          "schema", Map.of("type", "limit".equals(q) ? "integer" : "string")));
    }
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    if (r.body() != null) {
      String type = switch (r.body()) {
        case "NDJSON" -> "application/x-ndjson";
        case "CSV" -> "text/csv";
        default -> "application/json";
      };
      Map<String, Object> schema = "application/json".equals(type) ? Map.of("type", "object") : Map.of("type", "string");
      op.put("requestBody", Map.of("required", !HandlerType.POST.equals(r.method()) || !"{}".equals(r.body()),
          "description", r.body(), "content", Map.of(type, Map.of("schema", schema))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    String okType = r.path().equals("/metrics") ? "text/plain" : "application/json";
    responses.put(r.path().endsWith("/notes") || r.path().equals("/api/v1/suppressions") && HandlerType.POST.equals(r.method())
        ? "201" : "200", Map.of("description", r.response(), "content", Map.of(okType, Map.of("schema", Map.of("type",
        okType.equals("text/plain") ? "string" : "object")))));
    Map<String, Object> err = Map.of("description", "error", "content",
        Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
    responses.put("400", err);
    if (r.access() != Access.PUBLIC) {
      responses.put("401", err);
      responses.put("403", err);
      op.put("security", List.of(Map.of("bearer", List.of())));
    }
    if (r.path().contains("{")) {
      responses.put("404", err);
    }
    if (r.body() != null) {
      responses.put("413", err);
    }
    if (r.path().equals("/api/v1/events")) {
      responses.put("429", err);
      responses.put("503", err);
    }
    op.put("responses", responses);
    return op;
  }

  private static String operationId(Route r) {
    StringBuilder b = new StringBuilder(r.method().name().toLowerCase(Locale.ROOT));
    for (String part : r.path().split("/")) {
      if (part.isEmpty() || part.equals("api") || part.equals("v1")) {
        continue;
      }
      String clean = part.replaceAll("[{}]", "");
      b.append(Character.toUpperCase(clean.charAt(0))).append(clean.substring(1));
    }
    return b.toString().replaceAll("[^A-Za-z0-9]", "");
  }

  private static String tag(String path) {
    String[] parts = path.split("/");
    return parts.length > 3 ? parts[3] : parts[parts.length - 1];
  }
}
