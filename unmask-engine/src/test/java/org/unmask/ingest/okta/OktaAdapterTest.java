package org.unmask.ingest.okta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.Event;
import org.unmask.ingest.AdapterHarness;
import org.unmask.ingest.Rejection;
import org.unmask.ingest.TestDatasets;

class OktaAdapterTest {

  @TempDir Path dir;

  @Test
  void pantherSamples_signinsBecomeIdpSignin_othersStayOktaSystem() {
    List<String> logs = TestDatasets.pantherLogs("panther_okta_test_events.jsonl", "Okta.SystemLog");
    AdapterHarness h = AdapterHarness.read(dir, "okta-export.jsonl", logs); // no folder hint: shape alone

    assertThat(h.events.size() + h.rejections.size()).isEqualTo(logs.size());
    // the only lines lost are those Panther stripped of their time ("published" absent or "redacted")
    // the samples' redacted times are said as the log wrote them; lines without one are missing it
    assertThat(h.rejections).extracting(Rejection::reason)
        .containsOnly("missing @timestamp", "published is not RFC 3339: \"redacted\"");
    assertThat(h.events).hasSize(58); // of 66 Okta.SystemLog samples, 8 have no usable published
    assertThat(h.events).allSatisfy(e -> assertThat(e.dataset()).isIn("idp.signin", "okta.system"));
    assertThat(h.dataset("idp.signin")).isNotEmpty().allSatisfy(e ->
        assertThat(e.text("event.action")).matches("user\\.session\\.start|user\\.authentication\\..*"));

    Event homer = h.dataset("idp.signin").stream()
        .filter(e -> e.timestamp().equals(Instant.parse("2022-03-22T14:21:53.225Z"))).findFirst().orElseThrow();
    assertThat(homer.text("user.email")).isEqualTo("homer@springfield.gov");
    assertThat(homer.text("source.ip")).isEqualTo("1.1.1.1");
    assertThat(homer.text("user_agent.original")).startsWith("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)");
    assertThat(homer.text("actor.displayName")).isEqualTo("Homer Simpson"); // vendor fields kept
  }

  @Test
  void systemLogRecord_mapsOutcomeGeoAndAutonomousSystem() {
    String line = """
        {"uuid":"f5a1","published":"2026-05-04T14:01:26.618Z","eventType":"user.session.start","outcome":{"result":"FAILURE","reason":"INVALID_CREDENTIALS"},\
        "actor":{"id":"00u1","type":"User","alternateId":"Ana.Ruiz@Example.com","displayName":"Ana Ruiz"},\
        "client":{"ipAddress":"73.162.10.24","userAgent":{"rawUserAgent":"Mozilla/5.0 (Windows NT 10.0)"},\
        "geographicalContext":{"city":"Austin","state":"Texas","country":"United States","geolocation":{"lat":30.26,"lon":-97.74}}},\
        "securityContext":{"asNumber":7922,"asOrg":"comcast","isp":"comcast cable","domain":"comcast.net","isProxy":false}}""";
    AdapterHarness h = AdapterHarness.read(dir, "okta/2026-05.jsonl", List.of(line));

    Event e = h.events.get(0);
    assertThat(e.dataset()).isEqualTo("idp.signin");
    assertThat(e.fields())
        .containsEntry("user.email", "ana.ruiz@example.com")
        .containsEntry("event.outcome", "failure")
        .containsEntry("source.geo.city_name", "Austin")
        .containsEntry("source.geo.country_name", "United States")
        .containsEntry("source.geo.location.lat", 30.26)
        .containsEntry("source.as.number", 7922L)
        .containsEntry("source.as.organization.name", "comcast")
        .containsEntry("eventType", "user.session.start");
  }
}
