package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unmask scan examples/demo} end to end through the CLI: all six outputs, byte-identical
 * findings and persons on a second run, and the same findings and persons as the checked-in golden
 * files (regenerate them with {@code -Dgolden.update=true} when detection changes on purpose).
 */
class GoldenDemoTest {

  static final Path DEMO = Path.of("..", "examples", "demo");
  static final Path EXPECTED = Path.of("..", "examples", "demo-expected");
  /** A demo-only pseudonym key, committed so the golden files do not depend on the machine's key. */
  static final String KEY = EXPECTED.resolve("pseudonym.key").toString();
  static final List<String> OUTPUTS = List.of(
      "findings.jsonl", "persons.jsonl", "farms.jsonl", "applicants.jsonl", "rejected.jsonl", "report.html",
      "indicators.stix.json", "indicators.misp.json");

  @Test
  void scanOfTheDemo_writesEveryOutput_deterministically_andMatchesTheGoldenFiles(@TempDir Path tmp) throws IOException {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    assertThat(UnmaskCli.run("scan", DEMO.toString(), "--out", first.toString(), "--key-file", KEY, "--quiet")).isZero();
    assertThat(UnmaskCli.run("scan", DEMO.toString(), "--out", second.toString(), "--key-file", KEY, "--quiet")).isZero();
    for (String output : OUTPUTS) {
      assertThat(first.resolve(output)).as(output).isRegularFile();
    }
    for (String output : List.of("findings.jsonl", "persons.jsonl", "indicators.stix.json", "indicators.misp.json")) {
      assertThat(Files.readAllBytes(second.resolve(output))).as("second run's " + output)
          .isEqualTo(Files.readAllBytes(first.resolve(output)));
    }
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(EXPECTED);
      for (String output : List.of("findings.jsonl", "persons.jsonl")) {
        Files.copy(first.resolve(output), EXPECTED.resolve(output), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (String output : List.of("findings.jsonl", "persons.jsonl")) {
      assertThat(Files.readAllLines(first.resolve(output))).as("golden " + output)
          .containsExactlyElementsOf(Files.readAllLines(EXPECTED.resolve(output)));
    }
    try (Stream<Path> left = Files.list(first)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("no temporary files left behind")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void scanOfAMissingFolder_exitsNonZero(@TempDir Path tmp) {
    assertThat(UnmaskCli.run("scan", tmp.resolve("nope").toString(), "--out", tmp.resolve("out").toString(), "-q"))
        .isEqualTo(2);
  }

  @Test
  void badLines_areRejectedWithAReason_andTheGoodOnesAroundThemStillCount(@TempDir Path tmp) throws IOException {
    Path dataset = tmp.resolve("ds");
    Files.createDirectories(dataset.resolve("events"));
    Files.writeString(dataset.resolve("people.csv"), """
        person_id,full_name,email,hire_date,timezone,home_city,home_country
        p1,Ana Ruiz,ana@example.com,2026-01-05,America/Chicago,Dallas,US
        """);
    Files.writeString(dataset.resolve("events").resolve("a.jsonl"), """
        {"@timestamp":"2026-05-04T14:01:26Z","event":{"dataset":"idp.signin","outcome":"success"},"user":{"email":"ana@example.com"},"source":{"ip":"175.45.176.3"}}
        this is not json
        {"event":{"dataset":"idp.signin"},"user":{"email":"ana@example.com"}}
        {"@timestamp":"2026-05-04T15:01:26Z","event":{"dataset":"idp.signin","outcome":"success"},"user":{"email":"ana@example.com"},"source":{"ip":"175.45.176.4"}}
        """);
    Files.createDirectories(dataset.resolve("watchlists"));
    Files.writeString(dataset.resolve("watchlists").resolve("intel.csv"), """
        type,value,label,source
        cidr,10.0.0.0/99,bad-prefix,test
        ip,203.0.113.7,allow:office,test
        """);
    Path out = tmp.resolve("out");
    assertThat(UnmaskCli.run("scan", dataset.toString(), "--out", out.toString(), "--key-file",
        tmp.resolve("key").toString(), "-q")).isZero();
    List<String> rejected = Files.readAllLines(out.resolve("rejected.jsonl"));
    assertThat(rejected).hasSize(3);
    assertThat(rejected).filteredOn(r -> r.contains("events/a.jsonl")).satisfiesExactly(
        r -> assertThat(r).contains("\"line\":2").contains("not JSON"),
        r -> assertThat(r).contains("\"line\":3").contains("@timestamp"));
    assertThat(rejected).filteredOn(r -> r.contains("10.0.0.0/99")).singleElement()
        .satisfies(r -> assertThat(r).contains("prefix length"));
    assertThat(Files.readString(out.resolve("persons.jsonl"))).contains("\"person_id\":\"p1\"").contains("\"case_opened\":true");
  }
}
