package org.unmask.ingest.entra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.Event;
import org.unmask.ingest.AdapterHarness;
import org.unmask.ingest.TestDatasets;

class EntraAdapterTest {

  @TempDir Path dir;

  @Test
  void pantherAzureMonitorSamples_signinsBecomeIdpSignin_auditKept() {
    List<String> logs = TestDatasets.pantherLogs("panther_azure_signin_test_events.jsonl", null);
    AdapterHarness h = AdapterHarness.read(dir, "export.jsonl", logs);

    assertThat(h.rejections).isEmpty();
    assertThat(h.events).hasSize(logs.size());
    assertThat(h.dataset("idp.signin")).hasSize(18).allSatisfy(e -> assertThat(e.text("user.email")).contains("@"));
    assertThat(h.dataset("entra.service_signin")).hasSize(8).allSatisfy(e -> assertThat(e.text("source.ip")).isEqualTo("12.12.12.12"));
    assertThat(h.events).allSatisfy(e -> assertThat(e.dataset()).isIn("idp.signin", "entra.service_signin", "entra.audit"));

    Event boromir = h.dataset("idp.signin").stream()
        .filter(e -> "boromir@lotr.com".equals(e.text("user.email"))).findFirst().orElseThrow();
    assertThat(boromir.timestamp()).isEqualTo(Instant.parse("2025-01-15T08:15:23.456Z"));
    assertThat(boromir.text("source.ip")).isEqualTo("4.4.4.4");
    assertThat(boromir.text("event.outcome")).isEqualTo("failure");
    assertThat(boromir.get("properties.status.errorCode")).isEqualTo(50053L); // raw kept

    Event aragorn = h.dataset("idp.signin").stream()
        .filter(e -> "aragorn@lotr.com".equals(e.text("user.email"))).findFirst().orElseThrow();
    assertThat(aragorn.text("event.outcome")).isEqualTo("success");
    assertThat(aragorn.text("user_agent.original")).startsWith("Mozilla/5.0");
  }

  @Test
  void graphSignin_mapsUserAddressLocationAndErrorCode() {
    String line = """
        {"id":"66ea","createdDateTime":"2026-05-04T14:01:26Z","userDisplayName":"Ana Ruiz","userPrincipalName":"ana.ruiz@example.com",\
        "userId":"d7c4","appDisplayName":"Office 365","ipAddress":"175.45.176.12","clientAppUsed":"Browser",\
        "status":{"errorCode":0,"failureReason":null},"deviceDetail":{"operatingSystem":"Windows 10","browser":"Edge"},\
        "location":{"city":"Pyongyang","state":"Pyongyang","countryOrRegion":"KP","geoCoordinates":{"latitude":39.03,"longitude":125.75}}}""";
    AdapterHarness h = AdapterHarness.read(dir, "entra/signins.jsonl", List.of(line));

    Event e = h.events.get(0);
    assertThat(e.dataset()).isEqualTo("idp.signin");
    assertThat(e.fields())
        .containsEntry("user.email", "ana.ruiz@example.com")
        .containsEntry("source.ip", "175.45.176.12")
        .containsEntry("event.outcome", "success")
        .containsEntry("source.geo.country_iso_code", "KP")
        .containsEntry("source.geo.location.lon", 125.75)
        .containsEntry("location.city", "Pyongyang");
  }
}
