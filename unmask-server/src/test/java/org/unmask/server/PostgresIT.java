package org.unmask.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core flow on a real PostgreSQL: backfill, live events, cases worked, reveal, restart. */
class PostgresIT {

  @TempDir Path dir;

  @Test
  void coreFlow_onPostgres() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE unmask_server");
      }
      String url = pg.getJdbcUrl("postgres", "unmask_server");
      List<String> lines = Events.demoLines();
      String caseId;
      try (TestServer t = TestServer.start(url, dir, c -> c.withDataset(TestServer.DEMO))) {
        JsonNode cases = TestServer.json(t.get("/api/v1/cases", t.viewer)).get("items");
        assertThat(cases.size()).isGreaterThan(0);
        caseId = cases.get(0).get("case_id").asText();
        assertThat(t.postJson("/api/v1/cases/" + caseId + "/assign", t.analyst, "{\"assignee\":\"alice\"}").statusCode())
            .isEqualTo(200);
        assertThat(t.postJson("/api/v1/cases/" + caseId + "/notes", t.analyst, "{\"text\":\"looked at the KVM\"}").statusCode())
            .isEqualTo(201);
        HttpResponse<String> reveal = t.postJson("/api/v1/cases/" + caseId + "/reveal", t.analyst, "{\"reason\":\"HR call\"}");
        assertThat(reveal.statusCode()).as(reveal.body()).isEqualTo(200);
        // Live events on top of the backfill: the demo's own lines re-sent are all duplicates only
        // when they carry event ids; these do not, so they are new events from the API.
        JsonNode r = TestServer.json(t.postEvents(Events.ndjson(lines.subList(0, 5000)), true));
        assertThat(r.get("accepted").asInt()).isEqualTo(5000);
        HttpResponse<String> closed = t.postJson("/api/v1/cases/" + caseId + "/close", t.analyst,
            "{\"resolution\":\"benign\",\"note\":\"contractor with approved KVM\",\"suppress\":{}}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(TestServer.json(closed).get("status").asText()).isEqualTo("closed");
        assertThat(TestServer.json(t.get("/api/v1/suppressions", t.viewer)).get("items").size()).isGreaterThan(0);
        assertThat(TestServer.json(t.get("/api/v1/audit", t.analyst)).get("verified").asBoolean()).isTrue();
      }
      try (TestServer t = TestServer.start(url, dir, c -> c.withDataset(TestServer.DEMO))) {
        // The API events came back from the intake log; the case kept its human state.
        assertThat(t.server.engine().judged()).isGreaterThanOrEqualTo(lines.size() + 5000L);
        JsonNode k = TestServer.json(t.get("/api/v1/cases/" + caseId, t.viewer));
        assertThat(k.get("status").asText()).isEqualTo("closed");
        assertThat(k.get("assignee").asText()).isEqualTo("alice");
        assertThat(k.get("notes").size()).isEqualTo(2);
      }
    }
  }
}
