package org.unmask.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.ingest.IndicatorFeeds;
import org.unmask.ingest.Rejection;
import org.unmask.reference.WatchlistEntry;
import org.unmask.scan.ScanResult;
import org.unmask.scan.ScanStats;
import org.unmask.verdict.Farm;
import org.unmask.verdict.SharedAttribute;

class IndicatorExportTest {

  private static final ScanResult RESULT = new ScanResult(List.of(), List.of(), List.of(
      new Farm("farm-1", List.of("p1", "p2", "p3"), List.of("d1", "d2", "d3"), List.of(), List.of(
          new SharedAttribute("ip", "63.75.253.223"),
          new SharedAttribute("ip", "2601:1c0:4e01:9b20::/64"),
          new SharedAttribute("bssid", "de:de:05:62:f1:47"),
          new SharedAttribute("bank_account_id", "ba_secret"),
          new SharedAttribute("address", "sha256:1302b368")), 63.0)),
      List.of(), new ScanStats(10, 0, Map.of(), 0, Instant.parse("2026-05-01T00:00:00Z"),
          Instant.parse("2026-05-31T23:59:59.123456Z"), Duration.ofSeconds(1)));

  private static byte[] export() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IndicatorExport.writeStix(out, RESULT);
    return out.toByteArray();
  }

  @Test
  void aFarmsInfrastructure_isABundleOfIndicators_andNothingAboutItsPeople() throws IOException {
    JsonNode bundle = new ObjectMapper().readTree(export());
    assertThat(bundle.get("type").asText()).isEqualTo("bundle");
    assertThat(bundle.get("id").asText()).matches("bundle--[0-9a-f-]{36}");
    List<JsonNode> indicators = new ArrayList<>();
    bundle.get("objects").forEach(o -> {
      if (o.get("type").asText().equals("indicator")) {
        indicators.add(o);
      }
    });
    assertThat(indicators).extracting(i -> i.get("pattern").asText()).containsExactly(
        "[ipv4-addr:value = '63.75.253.223']",
        "[ipv6-addr:value = '2601:1c0:4e01:9b20::/64']",
        "[mac-addr:value = 'de:de:05:62:f1:47']");
    assertThat(indicators).allSatisfy(i -> {
      assertThat(i.get("spec_version").asText()).isEqualTo("2.1");
      assertThat(i.get("id").asText()).matches("indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(i.get("pattern_type").asText()).isEqualTo("stix");
      assertThat(i.get("valid_from").asText()).isEqualTo("2026-05-31T23:59:59.123Z");
      assertThat(i.get("created_by_ref").asText()).startsWith("identity--");
    });
    String text = new String(export(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("ba_secret").doesNotContain("sha256:1302b368").doesNotContain("\"p1\"");
    assertThat(export()).as("the same scan writes the same bytes").isEqualTo(export());
  }

  @Test
  void theMispEvent_holdsTheSameInfrastructure_andReadsBackAsWatchlistRows(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IndicatorExport.writeMisp(out, RESULT);
    JsonNode event = new ObjectMapper().readTree(out.toByteArray()).get("Event");
    assertThat(event.get("date").asText()).isEqualTo("2026-05-31");
    assertThat(event.get("Attribute")).extracting(a -> a.get("type").asText() + " " + a.get("value").asText()
        + " " + a.get("to_ids").asBoolean()).containsExactly(
        "ip-dst 63.75.253.223 true", "ip-dst 2601:1c0:4e01:9b20::/64 true", "mac-address de:de:05:62:f1:47 false");
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("ba_secret").doesNotContain("\"p1\"");
    Path file = dir.resolve("farms.misp.json");
    Files.write(file, out.toByteArray());
    List<Rejection> problems = new ArrayList<>();
    assertThat(IndicatorFeeds.read(file, "watchlists/farms.misp.json", problems::add))
        .extracting(WatchlistEntry::type, WatchlistEntry::value).containsExactly(
            org.assertj.core.groups.Tuple.tuple(WatchlistEntry.Type.IP, "63.75.253.223"),
            org.assertj.core.groups.Tuple.tuple(WatchlistEntry.Type.CIDR, "2601:1c0:4e01:9b20::/64"));
    assertThat(problems).isEmpty(); // the access point is context (to_ids false), not a problem
  }

  @Test
  void theBundle_readsBackAsWatchlistRows(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("farms.json");
    Files.write(file, export());
    List<Rejection> problems = new ArrayList<>();
    List<WatchlistEntry> rows = IndicatorFeeds.read(file, "watchlists/farms.json", problems::add);
    assertThat(rows).extracting(WatchlistEntry::type, WatchlistEntry::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple(WatchlistEntry.Type.IP, "63.75.253.223"),
        org.assertj.core.groups.Tuple.tuple(WatchlistEntry.Type.CIDR, "2601:1c0:4e01:9b20::/64"));
    // no telemetry field holds a neighbour's access point: reported, not matched
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.reason()).contains("mac-addr"));
  }
}
