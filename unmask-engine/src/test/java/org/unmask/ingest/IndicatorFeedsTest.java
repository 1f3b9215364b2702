package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.reference.WatchlistEntry;
import org.unmask.reference.WatchlistEntry.Type;

class IndicatorFeedsTest {

  @TempDir Path dir;
  private final List<Rejection> problems = new ArrayList<>();

  private List<WatchlistEntry> read(String json) throws IOException {
    Path file = dir.resolve("feed.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return IndicatorFeeds.read(file, "watchlists/feed.json", problems::add);
  }

  @Test
  void stixBundle_indicatorsWithEqualityPatterns_becomeRowsOfConcern() throws IOException {
    List<WatchlistEntry> rows = read("""
        {"type": "bundle", "id": "bundle--1", "objects": [
          {"type": "identity", "id": "identity--1", "name": "FBI"},
          {"type": "indicator", "id": "indicator--a", "name": "DPRK IT worker VPN exit", "pattern_type": "stix",
           "pattern": "[ipv4-addr:value = '142.214.202.2'] OR [ipv4-addr:value ISSUBSET '175.45.176.0/22']"},
          {"type": "indicator", "id": "indicator--b", "indicator_types": ["malicious-activity"], "pattern_type": "stix",
           "pattern": "[domain-name:value = 'relay.example' OR file:hashes.'SHA-256' = 'aabb']"},
          {"type": "indicator", "id": "indicator--c", "name": "persona", "pattern": "[email-addr:value = 'it\\\\'s@example.com']"},
          {"type": "indicator", "id": "indicator--d", "name": "tool", "pattern_type": "stix", "pattern": "[file:name = 'RustDesk.exe']"},
          {"type": "indicator", "id": "indicator--e", "name": "revoked", "revoked": true, "pattern": "[ipv4-addr:value = '1.1.1.1']"}
        ]}""");
    assertThat(rows).extracting(WatchlistEntry::type, WatchlistEntry::value, WatchlistEntry::label).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Type.IP, "142.214.202.2", "DPRK IT worker VPN exit"),
        org.assertj.core.groups.Tuple.tuple(Type.CIDR, "175.45.176.0/22", "DPRK IT worker VPN exit"),
        org.assertj.core.groups.Tuple.tuple(Type.DOMAIN, "relay.example", "malicious-activity"),
        org.assertj.core.groups.Tuple.tuple(Type.SHA256, "aabb", "malicious-activity"),
        org.assertj.core.groups.Tuple.tuple(Type.EMAIL, "it's@example.com", "persona"),
        org.assertj.core.groups.Tuple.tuple(Type.PROCESS_NAME, "RustDesk.exe", "tool"));
    assertThat(rows).allSatisfy(r -> assertThat(r.source()).startsWith("STIX indicator--"));
    assertThat(rows).noneMatch(WatchlistEntry::isAllow);
    assertThat(problems).isEmpty();
  }

  @Test
  void stixPatternsThisReaderCannotTakeWhole_areReported_notHalfRead() throws IOException {
    List<WatchlistEntry> rows = read("""
        {"type": "bundle", "objects": [
          {"type": "indicator", "id": "indicator--and", "pattern": "[ipv4-addr:value = '1.2.3.4' AND network-traffic:dst_port = 22]"},
          {"type": "indicator", "id": "indicator--seq", "pattern": "[file:name = 'a'] FOLLOWEDBY [file:name = 'b']"},
          {"type": "indicator", "id": "indicator--url", "pattern": "[url:value = 'https://github.com/evil']"},
          {"type": "indicator", "id": "indicator--sigma", "pattern_type": "sigma", "pattern": "title: x"},
          {"type": "indicator", "id": "indicator--ok", "name": "ok", "pattern": "[domain-name:value = 'ok.example']"}
        ]}""");
    assertThat(rows).extracting(WatchlistEntry::value).containsExactly("ok.example");
    assertThat(problems).extracting(Rejection::line).containsExactly(1L, 2L, 3L, 4L);
    assertThat(problems.get(3).reason()).contains("pattern_type \"sigma\" is not read");
  }

  @Test
  void anIndicatorWithoutId_isNamedByItsPlaceInTheBundle() throws IOException {
    List<WatchlistEntry> rows = read("""
        {"type": "bundle", "objects": [
          {"type": "identity", "id": "identity--x", "name": "feed owner"},
          {"type": "indicator", "pattern": "[url:value = 'https://github.com/evil']"},
          {"type": "indicator", "name": "no id, readable", "pattern": "[domain-name:value = 'ok.example']"}
        ]}""");
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.reason()).startsWith("indicator at object 2 (no id): pattern");
    });
    assertThat(rows).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo("STIX watchlists/feed.json object 3"));
  }

  @Test
  void mispEvent_idsAttributesAndObjectAttributes_becomeRows_contextIsSkipped() throws IOException {
    List<WatchlistEntry> rows = read("""
        {"Event": {"uuid": "5f0c", "info": "Laptop farm facilitator", "Attribute": [
            {"type": "ip-dst|port", "value": "63.75.253.223|3389", "to_ids": true},
            {"type": "domain|ip", "value": "kvm.example|198.51.100.7"},
            {"type": "filename|sha256", "value": "tool.exe|ccdd"},
            {"type": "btc", "value": "bc1qxyz"},
            {"type": "text", "value": "seen in 2025", "to_ids": false},
            {"type": "md5", "value": "0011"},
            {"type": "md5", "value": "2233"}],
          "Object": [{"name": "person", "Attribute": [{"type": "phone-number", "value": "+1 555 0100"},
                                                      {"type": "email-src", "value": "dev@example.com"}]}]}}""");
    assertThat(rows).extracting(WatchlistEntry::type, WatchlistEntry::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Type.IP, "63.75.253.223"),
        org.assertj.core.groups.Tuple.tuple(Type.DOMAIN, "kvm.example"),
        org.assertj.core.groups.Tuple.tuple(Type.IP, "198.51.100.7"),
        org.assertj.core.groups.Tuple.tuple(Type.SHA256, "ccdd"),
        org.assertj.core.groups.Tuple.tuple(Type.WALLET, "bc1qxyz"),
        org.assertj.core.groups.Tuple.tuple(Type.PHONE, "+1 555 0100"),
        org.assertj.core.groups.Tuple.tuple(Type.EMAIL, "dev@example.com"));
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.label()).isEqualTo("Laptop farm facilitator");
      assertThat(r.source()).isEqualTo("MISP event 5f0c");
    });
    // one line for the two md5s; the to_ids:false text is context, not a problem
    assertThat(problems).extracting(Rejection::reason)
        .containsExactly("2 MISP attributes of type \"md5\" not read (no telemetry field to match them against)");
  }

  @Test
  void aFileThatIsNeitherFeed_orNotJson_isOneProblem() throws IOException {
    assertThat(read("{\"hello\": 1}")).isEmpty();
    assertThat(read("not json")).isEmpty();
    assertThat(problems).extracting(Rejection::reason).satisfiesExactly(
        r -> assertThat(r).isEqualTo("neither a STIX 2.1 bundle nor a MISP event export"),
        r -> assertThat(r).startsWith("not a JSON feed"));
  }

  @Test
  void feedsOfTheRightKindButTheWrongShape_sayWhyNothingWasRead() throws IOException {
    for (String feed : List.of("{\"type\":\"bundle\",\"objects\":\"x\"}", "{\"type\":\"bundle\",\"objects\":null}",
        "[{\"Event\":null},{\"Event\":\"x\"},5]", "{\"response\":{\"Event\":{}}}")) {
      problems.clear();
      assertThat(read(feed)).as(feed).isEmpty();
      assertThat(problems).as(feed).isNotEmpty()
          .allSatisfy(p -> assertThat(p.reason()).containsAnyOf("no 'Attribute' or 'Object' list", "without an 'objects' array"));
    }
    problems.clear();
    assertThat(read("{\"Event\":{\"info\":\"nothing yet\",\"Attribute\":[]}}")).isEmpty();
    assertThat(problems).as("an event with an empty list is just empty").isEmpty();
  }

  @Test
  void mutatedFeeds_neverThrow_andEveryProblemIsAReportedRejection() throws IOException {
    String stix = "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\",\"name\":\"n\","
        + "\"pattern\":\"[ipv4-addr:value = '1.2.3.4' OR domain-name:value = 'a.example']\"}]}";
    String misp = "{\"Event\":{\"uuid\":\"u\",\"info\":\"i\",\"Attribute\":[{\"type\":\"domain|ip\",\"value\":\"a.example|1.2.3.4\"}],"
        + "\"Object\":[{\"Attribute\":[{\"type\":\"sha256\",\"value\":\"ab\"}]}]}}";
    java.util.Random random = new java.util.Random(7);
    String alphabet = "{}[]\":,'| \\ORANDx0/.-";
    for (int i = 0; i < 600; i++) {
      StringBuilder b = new StringBuilder(i % 2 == 0 ? stix : misp);
      for (int m = 0; m < 1 + random.nextInt(4); m++) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      problems.clear();
      List<WatchlistEntry> rows = read(b.toString());
      assertThat(rows).allSatisfy(r -> assertThat(r.value()).isNotBlank());
      assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo("watchlists/feed.json"));
    }
  }
}
