package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A laptop's clock is its user's to set. One event from a clock set years ahead must not become
 * the scan's "now" (ageing every finding of every person until no case opens), and a time no
 * clock can mean (year 9999, overflowing milliseconds) is rejected with its reason.
 */
class WrongClockTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void oneLaptopWithItsClockYearsAhead_changesNoOnesVerdict(@TempDir Path tmp) throws IOException {
    Path world = tmp.resolve("world");
    String key = tmp.resolve("key").toString();
    assertThat(UnmaskCli.run("simulate", "--employees", "60", "--days", "14", "--seed", "29",
        "--hidden-share", "0.1", "--out", world.toString())).isZero();
    assertThat(UnmaskCli.run("scan", world.toString(), "--out", tmp.resolve("a").toString(), "--key-file", key, "-q")).isZero();

    String device = Files.readAllLines(world.resolve("devices.csv")).get(1).split(",")[0];
    Files.createDirectories(world.resolve("events/ahead"));
    Files.write(world.resolve("events/ahead/clock.jsonl"), List.of(
        "{\"@timestamp\":\"2031-01-01T00:00:00Z\",\"event\":{\"dataset\":\"endpoint.inventory\"},\"host\":{\"id\":\"" + device + "\"}}",
        "{\"@timestamp\":\"9999-12-31T23:59:59Z\",\"event\":{\"dataset\":\"endpoint.inventory\"},\"host\":{\"id\":\"" + device + "\"}}",
        "{\"@timestamp\":-9223372036854775808,\"event\":{\"dataset\":\"endpoint.inventory\"},\"host\":{\"id\":\"" + device + "\"}}"));
    assertThat(UnmaskCli.run("scan", world.toString(), "--out", tmp.resolve("b").toString(), "--key-file", key, "-q")).isZero();

    Map<String, String> before = verdicts(tmp.resolve("a/persons.jsonl"));
    assertThat(before).as("the world has cases to keep").anySatisfy((id, v) -> assertThat(v).contains("case"));
    assertThat(verdicts(tmp.resolve("b/persons.jsonl"))).isEqualTo(before);
    assertThat(Files.readAllLines(tmp.resolve("b/rejected.jsonl")))
        .filteredOn(l -> l.contains("events/ahead/clock.jsonl")).hasSize(2)
        .allSatisfy(l -> assertThat(l).contains("is outside 1980-2199"));
    assertThat(Files.readString(tmp.resolve("b/report.html"))).contains("Some events carry times up to 2031-01-01T00:00:00Z");
  }

  private static Map<String, String> verdicts(Path jsonl) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(jsonl)) {
      JsonNode n = JSON.readTree(line);
      out.put(n.get("person_id").asText(), n.get("risk_score").asText() + (n.get("case_opened").asBoolean() ? " case" : ""));
    }
    return out;
  }
}
