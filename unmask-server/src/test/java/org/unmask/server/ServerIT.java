package org.unmask.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    assertThat(TestServer.json(r).get("detection").asText()).isEqualTo("running");
    assertThat(TestServer.json(r).get("events").asLong()).isGreaterThan(1000);
  }

  @Test
  void health_saysFailed_whenTheDetectionThreadHasDied(@TempDir Path own) throws Exception {
    // what an OutOfMemoryError in the detection thread does: the thread ends, and the API, still
    // taking events, must not go on answering "ok". An interrupt ends the idle thread just as
    // surely; Thread.stop, which threw an Error into it, is gone from Java 20 on, and the suite
    // runs on any Java from 17
    java.util.Set<Thread> before = detectionThreads();
    try (TestServer lone = TestServer.h2(own, c -> c)) {
      java.util.Set<Thread> started = detectionThreads();
      started.removeAll(before);
      Thread detection = started.iterator().next();
      assertThat(TestServer.json(lone.get("/api/v1/health", null)).get("status").asText()).isEqualTo("ok");
      detection.interrupt();
      detection.join(5_000);
      JsonNode h = TestServer.json(lone.get("/api/v1/health", null));
      assertThat(h.get("status").asText()).isEqualTo("failed");
      assertThat(h.get("detection").asText()).isEqualTo("stopped");
    }
  }

  private static java.util.Set<Thread> detectionThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(th -> th.getName().equals("unmask-detection") && th.isAlive())
        .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
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
    assertThat(persons.get(0).get("display_name").asText()).isNotBlank();
    // The risk timeline is rebuilt from the findings, so a backfilled person shows how risk grew.
    JsonNode timeline = p.get("risk_timeline");
    assertThat(timeline.size()).isGreaterThan(1);
    for (int i = 1; i < timeline.size(); i++) {
      assertThat(timeline.get(i).get("at").asText()).isGreaterThanOrEqualTo(timeline.get(i - 1).get("at").asText());
    }
    assertThat(timeline.get(timeline.size() - 1).get("risk").asDouble()).isGreaterThan(timeline.get(0).get("risk").asDouble());
    assertThat(TestServer.json(t.get("/api/v1/findings?limit=3", t.viewer)).get("items").size()).isEqualTo(3);
    JsonNode farms = TestServer.json(t.get("/api/v1/farms", t.viewer)).get("items");
    if (farms.size() > 0) {
      JsonNode farm = TestServer.json(t.get("/api/v1/farms/" + farms.get(0).get("farm_id").asText(), t.viewer));
      assertThat(farm.get("graph").get("nodes").size()).isGreaterThan(1);
    }
  }

  @Test
  void vendorLines_areRecognisedByShape_andReachThePersonPage() throws Exception {
    // An Okta System Log sign-in from North Korean address space, for a person of the demo roster.
    String okta = "{\"uuid\":\"srv-okta-1\",\"published\":\"2026-03-20T03:00:00Z\",\"eventType\":\"user.session.start\","
        + "\"outcome\":{\"result\":\"SUCCESS\"},\"actor\":{\"alternateId\":\"Daniel.Ward@acme-corp.com\",\"type\":\"User\"},"
        + "\"client\":{\"ipAddress\":\"175.45.176.10\"}}";
    JsonNode r = TestServer.json(t.postEvents(okta + "\n", false));
    assertThat(r.get("accepted").asInt()).as(r.toString()).isEqualTo(1);
    IngestIT.waitFor(() -> {
      try {
        JsonNode p = TestServer.json(t.get("/api/v1/persons/P00001", t.viewer));
        for (JsonNode c : p.get("signins_by_country")) {
          if ("KP".equals(c.get("country").asText())) {
            return true;
          }
        }
        return false;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    JsonNode again = TestServer.json(t.postEvents(okta + "\n", false));
    assertThat(again.get("duplicates").asInt()).isEqualTo(1);
  }

  @Test
  void suppressions_areAddedListedAndDeleted_byAnalysts_andAudited() throws Exception {
    HttpResponse<String> add = t.postJson("/api/v1/suppressions", t.analyst,
        "{\"person_id\":\"P00001\",\"rule_id\":\"unmask.hours.foreign_workday\",\"days\":30}");
    assertThat(add.statusCode()).as(add.body()).isEqualTo(201);
    String id = TestServer.json(add).get("suppression_id").asText();
    assertThat(t.postJson("/api/v1/suppressions", t.viewer, "{\"network\":\"203.0.113.0/24\"}").statusCode()).isEqualTo(403);
    assertThat(t.postJson("/api/v1/suppressions", t.analyst, "{\"network\":\"not a network\"}").statusCode()).isEqualTo(400);
    assertThat(t.postJson("/api/v1/suppressions", t.analyst, "{\"rule_id\":\"x\"}").statusCode()).isEqualTo(400);
    assertThat(t.get("/api/v1/suppressions", t.viewer).body()).contains(id);
    HttpResponse<String> del = t.send("DELETE", "/api/v1/suppressions/" + id, t.analyst, null, new byte[0]);
    assertThat(del.statusCode()).as(del.body()).isEqualTo(200);
    assertThat(t.send("DELETE", "/api/v1/suppressions/" + id, t.analyst, null, new byte[0]).statusCode()).isEqualTo(404);
    String audit = t.get("/api/v1/audit?limit=20", t.analyst).body();
    assertThat(audit).contains("suppression.create").contains("suppression.delete");
  }

  @Test
  void watchlists_areReplacedThroughTheApi_withRowsCountedAndBadRowsRejected() throws Exception {
    byte[] csv = "type,value,label,source\nip,198.51.100.7,known farm egress,test\nnonsense,x,y,z\n".getBytes();
    HttpResponse<String> r = t.send("PUT", "/api/v1/reference/watchlists/test-list", t.admin, "text/csv", csv);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(TestServer.json(r).get("rows").asInt()).isEqualTo(1);
    assertThat(TestServer.json(r).get("rejected").asInt()).isEqualTo(1);
    assertThat(t.send("PUT", "/api/v1/reference/watchlists/..%2Fescape", t.admin, "text/csv", csv).statusCode())
        .isIn(400, 404);
    assertThat(t.send("PUT", "/api/v1/reference/nothing", t.admin, "text/csv", csv).statusCode()).isEqualTo(404);
    // a threat-intelligence feed goes in the same way, as JSON
    byte[] stix = ("{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\",\"name\":\"farm\","
        + "\"pattern\":\"[ipv4-addr:value = '198.51.100.8' OR domain-name:value = 'kvm.example']\"}]}").getBytes();
    HttpResponse<String> feed = t.send("PUT", "/api/v1/reference/watchlists/fbi", t.admin, "application/json", stix);
    assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
    assertThat(TestServer.json(feed).get("rows").asInt()).isEqualTo(2);
    assertThat(TestServer.json(feed).get("rejected").asInt()).isEqualTo(0);
  }

  @Test
  void anUploadThatCannotBeTheRoster_isRefused_andTheRosterKept() throws Exception {
    Path people = dir.resolve("state/reference/people.csv");
    byte[] before = Files.readAllBytes(people);
    for (byte[] body : List.of("{}".getBytes(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}, "id,name\nP1,Ana\n".getBytes())) {
      HttpResponse<String> r = t.send("PUT", "/api/v1/reference/people", t.admin, "text/csv", body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(TestServer.json(r).get("error").get("message").asText())
          .contains("no 'person_id' column").contains("nothing was replaced");
    }
    assertThat(Files.readAllBytes(people)).isEqualTo(before);
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
