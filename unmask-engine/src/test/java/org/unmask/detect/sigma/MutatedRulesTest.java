package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;

/**
 * Rules as people break them: SigmaHQ rules with a line dropped, doubled or cut short, or a token
 * swapped for a stray one. Loading reports what is wrong and never throws; whatever loads also
 * matches without throwing, on events that carry the rules' own field names.
 */
class MutatedRulesTest {

  private static final String[] STRAYS = {":", "- ", "|", "null", "[", "]", "{", "}", "'", "\"", "*", "?", "\\", "|re",
      "|contains|all", "|base64offset", "|cidr", "|expand", "|fieldref", "|exists", "|gt", "1 of", "all of", "them", "not",
      "(", ")", " and ", " or ", "condition:", "detection:", "correlation:", "timespan: 5x", "- 'x'", "&a", "*a", "!!binary",
      "%placeholder%", "\t", "~", "0x7fffffffffffffffff", "1e999", "-"};

  @Test
  void brokenRules_areReported_neverThrown_andWhatLoadsStillMatches() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SigmaCorpusTest.SIGMA.resolve("rules/windows/process_creation"))) {
      files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().limit(300).toList();
    }
    // the mutation count per run: -Dunmask.fuzz.seeds scales it like the differential test's
    int rounds = Integer.getInteger("unmask.fuzz.seeds", 40) * 25;
    Random random = new Random(7);
    int loaded = 0;
    int reported = 0;
    for (int round = 0; round < rounds; round++) {
      Path file = files.get(random.nextInt(files.size()));
      String text = mutate(Files.readString(file), random);
      List<LoadProblem> problems = new ArrayList<>();
      SigmaRuleSet[] set = new SigmaRuleSet[1];
      assertThatCode(() -> set[0] = SigmaRuleSet.parse(text, "mutated.yml", Pipeline.named("evtx"), SigmaConfig.defaults(), problems::add))
          .as("loading\n%s", text).doesNotThrowAnyException();
      assertThat(problems).allSatisfy(p -> assertThat(p.line()).as("%s\n%s", p, text).isGreaterThanOrEqualTo(0));
      reported += problems.isEmpty() ? 0 : 1;
      if (!set[0].rules().isEmpty()) {
        loaded++;
        Event event = SigmaTesting.event(new java.util.HashMap<>(java.util.Map.of(
            "Event.System.Channel", "Microsoft-Windows-Sysmon/Operational", "Event.System.EventID", 1L,
            "Event.EventData.Image", "C:\\Windows\\System32\\cmd.exe", "Event.EventData.CommandLine", "cmd /c whoami /all",
            "Event.EventData.ParentImage", "C:\\Windows\\explorer.exe", "Event.EventData.OriginalFileName", "Cmd.Exe")));
        assertThatCode(() -> set[0].matches(event)).as("matching\n%s", text).doesNotThrowAnyException();
      }
    }
    assertThat(loaded).as("some mutants still load").isGreaterThan(rounds / 10);
    assertThat(reported).as("and many are reported").isGreaterThan(rounds / 10);
  }

  @Test
  void brokenCorrelations_areReported_neverThrown_andWhatCompilesStillCorrelates() throws IOException {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(SigmaCorpusTest.SIGMA.resolveSibling("sigma-specification/tests/schema/correlation"))) {
      for (Path p : walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        texts.add(Files.readString(p));
      }
    }
    assertThat(texts).hasSizeGreaterThanOrEqualTo(7);
    // the base rules the correlations name, then a correlation, mutated
    StringBuilder bases = new StringBuilder();
    String[][] names = {{"5638f7c0-ac70-491d-8465-2a65075e0d86", "process_creation"}, {"0c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f", "recon_cmd_a"},
        {"1c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f", "recon_cmd_b"}, {"2c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f", "recon_cmd_c"}};
    for (String[] n : names) {
      bases.append("title: base ").append(n[1]).append("\nid: ").append(n[0]).append("\nname: ").append(n[1])
          .append("\nlogsource:\n    product: test\ndetection:\n    s:\n        CommandLine|contains: whoami\n    condition: s\n---\n");
    }
    String base = bases.toString();
    int rounds = Integer.getInteger("unmask.fuzz.seeds", 40) * 10;
    Random random = new Random(11);
    int compiled = 0;
    for (int round = 0; round < rounds; round++) {
      String text = base + mutate(texts.get(random.nextInt(texts.size())), random);
      List<LoadProblem> problems = new ArrayList<>();
      assertThatCode(() -> {
        SigmaRuleSet set = SigmaRuleSet.parse(text, "mutated.yml", Pipeline.named("none"), SigmaConfig.defaults(), problems::add);
        var engine = set.correlations(new org.unmask.detect.sigma.correlation.MapStateProvider(), problems::add);
        for (int e = 0; e < 5; e++) {
          Event event = new Event(java.time.Instant.ofEpochSecond(1_700_000_000L + 60L * e), "test",
              java.util.Map.of("CommandLine", "whoami", "ComputerName", "pc", "User", "u", "bytes", 5L),
              new org.unmask.event.SourceRef("e.jsonl", e + 1));
          for (SigmaMatch m : set.matches(event)) {
            engine.onMatch(m.rule().id(), m.rule().name(), event, c -> { });
          }
        }
      }).as("%s", text).doesNotThrowAnyException();
      compiled += problems.stream().noneMatch(LoadProblem::isError) ? 1 : 0;
    }
    assertThat(compiled).as("some mutants still compile cleanly").isGreaterThan(0);
  }

  private static String mutate(String text, Random random) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (int m = 0, n = 1 + random.nextInt(3); m < n && !lines.isEmpty(); m++) {
      int at = random.nextInt(lines.size());
      switch (random.nextInt(5)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, lines.get(at));
        case 2 -> {
          String line = lines.get(at);
          int cut = line.isEmpty() ? 0 : random.nextInt(line.length());
          lines.set(at, line.substring(0, cut));
        }
        case 3 -> {
          String line = lines.get(at);
          int where = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
          lines.set(at, line.substring(0, where) + STRAYS[random.nextInt(STRAYS.length)] + line.substring(where));
        }
        default -> lines.subList(at, lines.size()).clear(); // the file cut short
      }
    }
    return String.join("\n", lines);
  }
}
