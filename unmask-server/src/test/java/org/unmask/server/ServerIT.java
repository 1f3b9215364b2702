package org.unmask.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skeleton: the server starts over the demo dataset, authenticates, and serves the live picture. */
class ServerIT {

  @TempDir static Path dir;
  static TestServer t;

  @BeforeAll
  static void start() throws Exception {
    t = TestServer.h2(dir, c -> c.withDataset(TestServer.DEMO));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @Test
  void health_isPublic_andCountsTheBackfill() throws Exception {
    HttpResponse<String> r = t.get("/api/v1/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("").replace(" ", "")).isEqualTo("application/json;charset=utf-8");
    assertThat(TestServer.json(r).get("status").asText()).isEqualTo("ok");
    assertThat(TestServer.json(r).get("events").asLong()).isGreaterThan(1000);
  }

  @Test
  void me_tellsTheTokenAndRole() throws Exception {
    JsonNode me = TestServer.json(t.get("/api/v1/me", t.analyst));
    assertThat(me.get("role").asText()).isEqualTo("analyst");
    assertThat(me.get("token_name").asText()).isEqualTo("test analyst");
  }

  @Test
  void cases_areOpenedFromTheBackfill_sortedByRisk() throws Exception {
    HttpResponse<String> r = t.get("/api/v1/cases?status=all", t.viewer);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode items = TestServer.json(r).get("items");
    assertThat(items.size()).isGreaterThan(0);
    double last = Double.MAX_VALUE;
    for (JsonNode c : items) {
      assertThat(c.get("risk").asDouble()).isLessThanOrEqualTo(last);
      last = c.get("risk").asDouble();
      assertThat(c.get("case_id").asText()).startsWith("case-");
    }
  }

  @Test
  void personsFindingsFarms_areServed() throws Exception {
    JsonNode persons = TestServer.json(t.get("/api/v1/persons?limit=5", t.viewer)).get("items");
    assertThat(persons.size()).isEqualTo(5);
    String top = persons.get(0).get("person_id").asText();
    HttpResponse<String> person = t.get("/api/v1/persons/" + top, t.viewer);
    assertThat(person.statusCode()).as(person.body()).isEqualTo(200);
    JsonNode p = TestServer.json(person);
    assertThat(p.get("work_hours").get("utc_hour_histogram").size()).isEqualTo(24);
    assertThat(p.get("findings").size()).isGreaterThan(0);
    assertThat(TestServer.json(t.get("/api/v1/findings?limit=3", t.viewer)).get("items").size()).isEqualTo(3);
    JsonNode farms = TestServer.json(t.get("/api/v1/farms", t.viewer)).get("items");
    if (farms.size() > 0) {
      JsonNode farm = TestServer.json(t.get("/api/v1/farms/" + farms.get(0).get("farm_id").asText(), t.viewer));
      assertThat(farm.get("graph").get("nodes").size()).isGreaterThan(1);
    }
  }

  @Test
  void console_isServedWithSecurityHeaders() throws Exception {
    HttpResponse<String> r = t.get("/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<html");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(t.get("/console/index.html", null).statusCode()).isEqualTo(200);
  }
}
