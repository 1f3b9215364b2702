package org.unmask.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.server.ingest.Intake;

/** Durability, idempotency, backpressure and the graceful stop. */
class IngestIT {

  @TempDir Path dir;

  @Test
  void events_areJudgedAsTheyArrive_andRestartReplaysThem_andResendsAreDuplicates() throws Exception {
    List<String> lines = Events.demoLines();
    String body = Events.ndjson(lines);
    int accepted;
    long findings;
    // The whole demo (22,604 events) in one batch: the backlog must hold it.
    java.util.function.UnaryOperator<ServerConfig> roomy = c -> c.withLimits(Intake.Limits.defaults().withBacklog(50_000));
    try (TestServer t = TestServer.h2(dir, roomy)) {
      // Reference data through the API first: people and devices are what findings are about.
      for (String kind : List.of("people", "devices", "payroll")) {
        HttpResponse<String> put = t.send("PUT", "/api/v1/reference/" + kind, t.admin, "text/csv",
            java.nio.file.Files.readAllBytes(TestServer.DEMO.resolve(kind + ".csv")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(TestServer.json(put).get("rows").asInt()).isGreaterThan(0);
        assertThat(TestServer.json(put).get("rejected").asInt()).isZero();
      }
      HttpResponse<String> badCsv = t.send("PUT", "/api/v1/reference/devices", t.admin, "text/csv",
          "device_id,person_id,shipped_at\nD1,P1,yesterday\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(TestServer.json(badCsv).get("rejected").asInt()).isEqualTo(1);
      HttpResponse<String> restore = t.send("PUT", "/api/v1/reference/devices", t.admin, "text/csv",
          java.nio.file.Files.readAllBytes(TestServer.DEMO.resolve("devices.csv")));
      assertThat(restore.statusCode()).isEqualTo(200);
      HttpResponse<String> r = t.postEvents(body, true);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode j = TestServer.json(r);
      accepted = j.get("accepted").asInt();
      assertThat(accepted).isEqualTo(lines.size() - j.get("rejected").asInt());
      assertThat(j.get("rejected").asInt()).isZero();
      // Findings are queryable once the batch is judged; the cases follow the next conclusion.
      waitFor(() -> t.server.engine().judged() == accepted);
      HttpResponse<String> concluded = t.postJson("/api/v1/conclude", t.admin, "{}");
      assertThat(concluded.statusCode()).as(concluded.body()).isEqualTo(200);
      findings = t.server.engine().findings().size();
      assertThat(findings).isGreaterThan(0);
      assertThat(TestServer.json(t.get("/api/v1/cases", t.viewer)).get("items").size()).isGreaterThan(0);
      String metrics = t.get("/metrics", t.metrics).body();
      assertThat(metrics).contains("unmask_events_accepted_total " + (double) accepted)
          .contains("unmask_detection_latency_p99_seconds").contains("unmask_queue_depth 0.0");
    }
    try (TestServer t = TestServer.h2(dir, roomy)) {
      // The intake log rebuilt detector state: the same events, the same findings.
      assertThat(t.server.engine().judged()).isEqualTo(accepted);
      assertThat(t.server.engine().findings().size()).isEqualTo((int) findings);
      JsonNode again = TestServer.json(t.postEvents(body, false));
      assertThat(again.get("accepted").asInt()).isZero();
      assertThat(again.get("duplicates").asInt()).isEqualTo(accepted);
      assertThat(t.server.store().counts().get("findings")).isGreaterThan(0);
    }
  }

  @Test
  void aLineOverOneMebibyte_isRejected_andTheLinesAroundItKept() throws Exception {
    List<String> lines = Events.demoLines();
    String huge = lines.get(1).replace("\"event\":{", "\"pad\":\"" + "x".repeat(1_100_000) + "\",\"event\":{");
    try (TestServer t = TestServer.h2(dir, c -> c)) {
      JsonNode r = TestServer.json(t.postEvents(Events.ndjson(List.of(lines.get(0), huge, lines.get(2))), false));
      assertThat(r.get("accepted").asInt()).isEqualTo(2);
      assertThat(r.get("rejected").asInt()).isEqualTo(1);
      assertThat(r.get("rejections").get(0).get("line").asInt()).isEqualTo(2);
      assertThat(r.get("rejections").get(0).get("reason").asText()).isEqualTo("line longer than 1048576 bytes");
    }
  }

  @Test
  void anEventDatedDaysAheadOfTheServersClock_isRejected() throws Exception {
    // live telemetry cannot come from the future: a laptop clock set ahead would move its person's
    // detectors there, and every real event after it would look late
    String line = Events.demoLines().get(0);
    String ts = line.substring(line.indexOf("\"@timestamp\":\"") + 14, line.indexOf('"', line.indexOf("\"@timestamp\":\"") + 14));
    String ahead = line.replace(ts, java.time.Instant.now().plus(java.time.Duration.ofDays(3)).toString());
    String tomorrow = line.replace(ts, java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString());
    try (TestServer t = TestServer.h2(dir, c -> c)) {
      JsonNode r = TestServer.json(t.postEvents(Events.ndjson(List.of(ahead, tomorrow)), false));
      assertThat(r.get("accepted").asInt()).isEqualTo(1);
      assertThat(r.get("rejections").get(0).get("line").asInt()).isEqualTo(1);
      assertThat(r.get("rejections").get(0).get("reason").asText()).contains("is more than 2 days ahead of the server's clock");
    }
    // replaying a simulated world dated later: the bound is off
    try (TestServer t = TestServer.h2(java.nio.file.Files.createDirectories(dir.resolve("unbounded")),
        c -> c.withLimits(Intake.Limits.defaults().withDaysAhead(0)))) {
      assertThat(TestServer.json(t.postEvents(Events.ndjson(List.of(ahead)), false)).get("accepted").asInt()).isEqualTo(1);
    }
  }

  @Test
  void fullBacklog_gets429WithRetryAfter_andNothingIsKept() throws Exception {
    List<String> lines = Events.demoLines();
    try (TestServer t = TestServer.h2(dir, c -> c.withLimits(Intake.Limits.defaults().withBacklog(1000)))) {
      try (AutoCloseable paused = t.server.engine().pause()) {
        JsonNode first = TestServer.json(t.postEvents(Events.ndjson(lines.subList(0, 800)), false));
        assertThat(first.get("accepted").asInt()).isEqualTo(800);
        HttpResponse<String> refused = t.postEvents(Events.ndjson(lines.subList(800, 1100)), false);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(TestServer.json(refused).get("error").get("message").asText()).contains("backlog is full");
        HttpResponse<String> tooBig = t.postEvents(Events.ndjson(lines.subList(0, 1001)), false);
        assertThat(tooBig.statusCode()).isEqualTo(413);
      }
      waitFor(() -> t.server.intake().backlog() == 0);
      // Nothing of the refused batch was remembered: sent again, it is accepted whole.
      JsonNode retried = TestServer.json(t.postEvents(Events.ndjson(lines.subList(800, 1100)), false));
      assertThat(retried.get("accepted").asInt()).isEqualTo(300);
      assertThat(t.get("/metrics", t.metrics).body()).contains("unmask_batches_refused_total 1.0");
    }
  }

  @Test
  void stop_refusesNewEvents_andJudgesEverythingAcknowledged() throws Exception {
    List<String> lines = Events.demoLines();
    TestServer t = TestServer.h2(dir, c -> c);
    int acked = 0;
    CompletableFuture<Void> stopping;
    try (AutoCloseable paused = t.server.engine().pause()) {
      for (int i = 0; i < 3; i++) {
        acked += TestServer.json(t.postEvents(Events.ndjson(lines.subList(i * 2000, (i + 1) * 2000)), true)).get("accepted").asInt();
      }
      assertThat(t.server.intake().backlog()).isEqualTo(acked);
      stopping = CompletableFuture.runAsync(t::close);
      waitFor(() -> !t.server.intake().isOpen());
      HttpResponse<String> late = t.postEvents(lines.get(7000), false);
      assertThat(late.statusCode()).isEqualTo(503);
      assertThat(late.headers().firstValue("Retry-After")).isPresent();
    }
    stopping.get();
    assertThat(t.server.engine().judged()).isEqualTo(acked);
    assertThat(t.server.intake().backlog()).isZero();
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(20);
    }
  }
}
