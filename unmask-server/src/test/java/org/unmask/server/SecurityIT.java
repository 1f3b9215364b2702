package org.unmask.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.server.api.Route;
import org.unmask.server.ingest.Intake;
import org.unmask.store.privacy.Role;

/** Hostile callers: no token, wrong token, wrong role, oversized and malformed bodies, XSS payloads. */
class SecurityIT {

  static final String XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>\u2028\"&";

  @TempDir static Path dir;
  static TestServer t;

  @BeforeAll
  static void start() throws Exception {
    t = TestServer.h2(dir, c -> c.withDataset(TestServer.DEMO)
        .withLimits(Intake.Limits.defaults().withBody(1 << 20, 8 << 20)));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static String anyCase() throws Exception {
    return TestServer.json(t.get("/api/v1/cases?status=all", t.viewer)).get("items").get(0).get("case_id").asText();
  }

  private static void assertError(HttpResponse<String> r, int status, String messagePart) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode e = TestServer.json(r).get("error");
    assertThat(e.get("status").asInt()).isEqualTo(status);
    assertThat(e.get("code").asText()).isNotBlank();
    assertThat(e.get("message").asText()).containsIgnoringCase(messagePart);
  }

  @Test
  void missingWrongAndRevokedTokens_get401() throws Exception {
    assertError(t.get("/api/v1/cases", null), 401, "Authorization: Bearer");
    assertError(t.get("/api/v1/cases", "umk_not-a-real-token"), 401, "unknown or revoked");
    assertError(t.get("/api/v1/cases", "garbage"), 401, "unknown or revoked");
    var made = t.server.store().tokens().create(Role.ADMIN, "soon revoked", "test");
    assertThat(t.get("/api/v1/me", made.secret()).statusCode()).isEqualTo(200);
    t.server.store().tokens().revoke(made.token().tokenId(), "test");
    assertError(t.get("/api/v1/me", made.secret()), 401, "revoked");
    HttpResponse<String> basic = t.send("GET", "/api/v1/me", null, null, new byte[0], "Authorization", "Basic YTpi");
    assertError(basic, 401, "Bearer");
  }

  @Test
  void tokens_areCreatedAndRevokedThroughTheApi_whileTheServerRuns() throws Exception {
    // the default H2 store is locked by the running server: the API is how a leaked token is stopped now
    HttpResponse<String> created = t.send("POST", "/api/v1/tokens", t.admin, "application/json",
        "{\"role\":\"analyst\",\"name\":\"bob\"}".getBytes());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String secret = TestServer.json(created).get("secret").asText();
    String id = TestServer.json(created).get("token_id").asText();
    assertThat(t.get("/api/v1/audit?limit=1", secret).statusCode()).isEqualTo(200);
    assertThat(t.get("/api/v1/tokens", t.admin).body()).contains(id).doesNotContain(secret);
    assertError(t.get("/api/v1/tokens", secret), 403, "admin");

    assertThat(t.send("DELETE", "/api/v1/tokens/" + id, t.admin, "application/json", new byte[0]).statusCode()).isEqualTo(200);
    assertError(t.get("/api/v1/audit?limit=1", secret), 401, "revoked");
    assertError(t.send("DELETE", "/api/v1/tokens/tok-nope", t.admin, "application/json", new byte[0]), 404, "no such token");
    assertError(t.send("POST", "/api/v1/tokens", t.admin, "application/json", "{\"role\":\"root\",\"name\":\"x\"}".getBytes()),
        400, "metrics|viewer|analyst|admin");
    String ownId = TestServer.json(t.get("/api/v1/me", t.admin)).get("token_id").asText();
    assertError(t.send("DELETE", "/api/v1/tokens/" + ownId, t.admin, "application/json", new byte[0]), 409, "another admin token");
  }

  @Test
  void requestsJettyRefusesBeforeTheRouter_getTheApisJsonError() throws Exception {
    for (String target : List.of("/api/v1/%00", "/api/v1/%ff%fe", "/" + "a".repeat(20_000))) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", t.server.port())) {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer).as(target.substring(0, Math.min(30, target.length()))).startsWith("HTTP/1.1 4")
            .containsIgnoringCase("content-type: application/json").contains("{\"error\":{\"status\":4")
            .doesNotContain("<html");
      }
    }
  }

  @Test
  void everyRoute_checksItsRole() throws Exception {
    String id = anyCase();
    assertError(t.postJson("/api/v1/cases/" + id + "/notes", t.viewer, "{\"text\":\"hi\"}"), 403, "analyst role");
    assertError(t.postJson("/api/v1/cases/" + id + "/reveal", t.viewer, "{\"reason\":\"curious\"}"), 403, "analyst");
    assertError(t.postEventsAs(t.analyst, "{}"), 403, "admin role");
    assertError(t.get("/api/v1/audit", t.viewer), 403, "analyst");
    // a scraper's token reads the metrics and nothing else; the metrics need a token
    assertThat(t.get("/metrics", t.metrics).statusCode()).isEqualTo(200);
    assertThat(t.get("/metrics", t.viewer).statusCode()).isEqualTo(200);
    assertError(t.get("/metrics", null), 401, "Bearer");
    assertError(t.get("/api/v1/cases", t.metrics), 403, "viewer role");
    assertError(t.get("/api/v1/persons", t.metrics), 403, "viewer role");
    assertError(t.send("PUT", "/api/v1/reference/people", t.analyst, "text/csv", "person_id\n".getBytes()), 403, "admin");
    // Every non-public route refuses an anonymous call.
    for (Route r : t.server.api().routes()) {
      if (r.access() != org.unmask.server.auth.Access.PUBLIC) {
        String path = r.path().replace("{id}", id).replace("{kind}", "people").replace("{name}", "w");
        HttpResponse<String> resp = t.send(r.method().name(), path, null, "application/json", "{}".getBytes());
        assertThat(resp.statusCode()).as(r.method() + " " + r.path()).isEqualTo(401);
      }
    }
  }

  @Test
  void oversizedBodies_get413() throws Exception {
    byte[] big = new byte[(1 << 20) + 10];
    java.util.Arrays.fill(big, (byte) 'x');
    assertError(t.send("POST", "/api/v1/events", t.admin, "application/x-ndjson", big), 413, "limit");
    byte[] bigJson = ("{\"text\":\"" + "a".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertError(t.send("POST", "/api/v1/cases/" + anyCase() + "/notes", t.analyst, "application/json", bigJson), 413, "limit");
  }

  @Test
  void gzipBomb_isRefusedWithoutInflatingIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        z.write(zeros); // 200 MB of zeros, about 200 KB compressed
      }
    }
    assertThat(out.size()).isLessThan(1 << 20);
    HttpResponse<String> r = t.send("POST", "/api/v1/events", t.admin, "application/x-ndjson", out.toByteArray(),
        "Content-Encoding", "gzip");
    assertError(r, 413, "decompressed");
    assertError(t.send("POST", "/api/v1/events", t.admin, "application/x-ndjson", "not gzip".getBytes(),
        "Content-Encoding", "gzip"), 400, "gzip");
  }

  @Test
  void malformedJson_gets400_thatSaysWhatToFix() throws Exception {
    String id = anyCase();
    assertError(t.postJson("/api/v1/cases/" + id + "/notes", t.analyst, "{\"text\": "), 400, "not valid JSON");
    assertError(t.postJson("/api/v1/cases/" + id + "/notes", t.analyst, "[1,2]"), 400, "JSON object");
    assertError(t.postJson("/api/v1/cases/" + id + "/notes", t.analyst, "{\"text\": 5}"), 400, "must be a string");
    assertError(t.postJson("/api/v1/cases/" + id + "/close", t.analyst, "{\"resolution\":\"maybe\",\"note\":\"x\"}"), 400,
        "resolution");
    assertError(t.get("/api/v1/cases?limit=-3", t.viewer), 400, "limit");
    assertError(t.get("/api/v1/cases/nope", t.viewer), 404, "no such case");
    assertError(t.get("/api/v1/nothing-here", t.viewer), 404, "no such route");
  }

  @Test
  void badNdjsonLines_areRejectedOneByOne_goodOnesKept() throws Exception {
    List<String> good = Events.demoLines().subList(0, 3);
    String body = good.get(0) + "\n{not json\n" + good.get(1) + "\n{\"event.dataset\":\"idp.signin\"}\n" + good.get(2) + "\n";
    HttpResponse<String> r = t.postEvents(body, false);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode j = TestServer.json(r);
    assertThat(j.get("accepted").asInt() + j.get("duplicates").asInt()).isEqualTo(3);
    assertThat(j.get("rejected").asInt()).isEqualTo(2);
    assertThat(j.get("rejections").get(0).get("line").asInt()).isEqualTo(2);
    assertThat(j.get("rejections").get(1).get("line").asInt()).isEqualTo(4);
    assertThat(j.get("rejections").get(1).get("reason").asText()).contains("@timestamp");
  }

  @Test
  void xssPayloads_comeBackAsEscapedJsonData_neverMarkup() throws Exception {
    // In a rejection reason (the line's own text is quoted back).
    String line = "{\"@timestamp\":\"" + XSS.replace("\"", "\\\"") + "\",\"event.dataset\":\"idp.signin\"}";
    HttpResponse<String> r = t.postEvents(line + "\n", false);
    assertThat(r.body()).doesNotContain("<script").doesNotContain("<img").doesNotContain("\u2028");
    assertThat(TestServer.json(r).get("rejections").get(0).get("reason").asText()).contains("<script>alert('x')</script>");
    // In an event that is accepted and judged: its fields reach findings and the person page only as data.
    String id = anyCase();
    HttpResponse<String> note = t.postJson("/api/v1/cases/" + id + "/notes", t.analyst,
        TestServer.JSON.writeValueAsString(java.util.Map.of("text", XSS)));
    assertThat(note.statusCode()).as(note.body()).isEqualTo(201);
    HttpResponse<String> shown = t.get("/api/v1/cases/" + id, t.viewer);
    assertThat(shown.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(shown.body()).doesNotContain("<script").doesNotContain("<img");
    assertThat(shown.body().toLowerCase(Locale.ROOT)).contains("\\u003cscript\\u003e");
    boolean found = false;
    for (JsonNode n : TestServer.json(shown).get("notes")) {
      found |= XSS.equals(n.get("text").asText());
    }
    assertThat(found).as("the note comes back byte for byte as data").isTrue();
    HttpResponse<String> assign = t.postJson("/api/v1/cases/" + id + "/assign", t.analyst,
        TestServer.JSON.writeValueAsString(java.util.Map.of("assignee", XSS)));
    assertThat(assign.body()).doesNotContain("<script");
    assertThat(TestServer.json(assign).get("assignee").asText()).isEqualTo(XSS);
  }

  @Test
  void xssInEventFields_reachesFindingsAndThePersonPage_onlyAsEscapedData() throws Exception {
    // A KVM gadget on P00025's laptop whose product name is a payload: the rule that fires quotes it.
    String product = "PiKVM " + XSS;
    String line = TestServer.JSON.writeValueAsString(java.util.Map.of(
        "@timestamp", "2026-03-25T01:00:00Z",
        "event", java.util.Map.of("dataset", "endpoint.usb", "action", "connected"),
        "host", java.util.Map.of("id", "ec4e6a88a6fc", "name", XSS),
        "usb", java.util.Map.of("vendor_id", "1d6b", "product_id", "0104", "manufacturer", XSS, "product", product,
            "serial", "XSS1", "interface_classes", List.of("03", "03", "08"))));
    assertThat(TestServer.json(t.postEvents(line + "\n", false)).get("accepted").asInt()).isEqualTo(1);
    IngestIT.waitFor(() -> {
      try {
        return t.get("/api/v1/findings?person=P00025&limit=500", t.viewer).body().toLowerCase(Locale.ROOT).contains("\\u003cscript");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    for (String path : List.of("/api/v1/findings?person=P00025&limit=500", "/api/v1/persons/P00025")) {
      HttpResponse<String> r = t.get(path, t.viewer);
      assertThat(r.body()).as(path).doesNotContain("<script").doesNotContain("<img");
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }
    JsonNode person = TestServer.json(t.get("/api/v1/persons/P00025", t.viewer));
    boolean shown = false;
    for (JsonNode d : person.get("devices")) {
      for (JsonNode u : d.get("usb")) {
        shown |= product.equals(u.get("product").asText());
      }
    }
    assertThat(shown).as("the payload is kept as data on the device history").isTrue();
  }

  @Test
  void reveal_needsAReason_andIsAudited() throws Exception {
    String id = anyCase();
    assertError(t.postJson("/api/v1/cases/" + id + "/reveal", t.analyst, "{}"), 400, "reason");
    assertError(t.postJson("/api/v1/cases/" + id + "/reveal", t.analyst, "{\"reason\":\"   \"}"), 400, "reason");
    HttpResponse<String> ok = t.postJson("/api/v1/cases/" + id + "/reveal", t.analyst, "{\"reason\":\"HR interview\"}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(TestServer.json(ok).get("full_name").asText()).isNotBlank();
    JsonNode audit = TestServer.json(t.get("/api/v1/audit?limit=50", t.analyst));
    assertThat(audit.get("verified").asBoolean()).isTrue();
    Set<String> actions = new HashSet<>();
    audit.get("items").forEach(e -> actions.add(e.get("action").asText() + " " + e.get("details").asText()));
    assertThat(actions).anyMatch(a -> a.startsWith("identity.reveal ") && a.contains("HR interview"));
    assertThat(actions).anyMatch(a -> a.startsWith("identity.reveal.refused"));
    // Cases and persons never carry the real name.
    String realName = TestServer.json(ok).get("full_name").asText();
    assertThat(t.get("/api/v1/cases?status=all", t.viewer).body()).doesNotContain(realName);
    assertThat(t.get("/api/v1/persons", t.viewer).body()).doesNotContain(realName);
  }

  @Test
  void openApi_listsEveryRoute_andNothingElse_andParses() throws Exception {
    HttpResponse<String> r = t.get("/api/v1/openapi.json", null);
    assertThat(r.statusCode()).isEqualTo(200);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body());
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    Set<String> documented = new HashSet<>();
    JsonNode paths = TestServer.json(r).get("paths");
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String p = it.next();
      paths.get(p).fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p));
    }
    // What Javalin actually routes, read from its router, not from our table.
    Set<String> registered = new HashSet<>();
    for (var e : t.server.javalin().unsafe.internalRouter.allHttpHandlers()) {
      String method = e.endpoint.method.name();
      if (!method.equals("BEFORE") && !method.equals("AFTER") && !method.startsWith("BEFORE") && !method.startsWith("AFTER")
          && !method.equals("HEAD") && !method.equals("OPTIONS")) {
        registered.add(method + " " + e.endpoint.path);
      }
    }
    assertThat(documented).isEqualTo(registered);
    assertThat(registered).contains("POST /api/v1/events", "GET /metrics", "POST /api/v1/cases/{id}/reveal");
  }

  @Test
  void jsonResponses_carryTheSecurityHeaders() throws Exception {
    HttpResponse<String> r = t.get("/api/v1/cases", t.viewer);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'").contains("object-src 'none'");
  }
}
