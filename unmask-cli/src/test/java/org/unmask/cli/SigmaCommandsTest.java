package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code unmask rules lint} and {@code unmask match} as a user runs them. */
class SigmaCommandsTest {

  @TempDir Path dir;

  static final String RULE = "title: AnyDesk started\nid: 0c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f\nstatus: test\ndescription: d\n"
      + "tags:\n    - attack.t1219\nlogsource:\n    product: windows\n    category: process_creation\ndetection:\n"
      + "    selection:\n        Image|endswith: '\\anydesk.exe'\n    condition: selection\nfalsepositives:\n    - IT\nlevel: high\n";

  private record Run(int status, String out, String err) {}

  private Run run(Object command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    if (command instanceof MatchCommand m) {
      m.out = new PrintStream(out, true, StandardCharsets.UTF_8);
      m.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    } else if (command instanceof RulesLintCommand l) {
      l.out = new PrintStream(out, true, StandardCharsets.UTF_8);
      l.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    }
    int status = new CommandLine(command).execute(args);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void lint_reportsEveryProblemWithFileAndLine_andFailsOnlyOnErrors() throws IOException {
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, "title: x\nlogsource:\n    product: windows\ndetection:\n    selection:\n"
        + "        CommandLine|contians: evil\n    condition: selection\nlevel: hgh\n");
    Run r = run(new RulesLintCommand(), bad.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains(bad + ":6: unknown modifier 'contians'; did you mean 'contains'?")
        .contains(bad + ":8: warning: level 'hgh'").contains(bad + ":1: warning: rule has no id");

    Path good = dir.resolve("good.yml");
    Files.writeString(good, RULE.replace("id: 0c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f\n", ""));
    Run styleOnly = run(new RulesLintCommand(), good.toString());
    assertThat(styleOnly.status()).isZero();
    assertThat(styleOnly.out()).contains("warning: rule has no id");
  }

  @Test
  void lint_reportsCorrelationProblems_thatMatchAndScanWouldRefuse() throws IOException {
    Path rules = dir.resolve("chain.yml");
    String correlation = "---\ntitle: %s\nid: %s\nname: %s\ncorrelation:\n    type: event_count\n    rules: [%s]\n"
        + "    group-by: [Image]\n    timespan: %s\n    condition: {gte: 2}\n";
    Files.writeString(rules, RULE + "name: anydesk\n"
        + correlation.formatted("loop a", "6f1b1c2e-0000-4000-8000-000000000001", "loop_a", "loop_b", "5m")
        + correlation.formatted("loop b", "6f1b1c2e-0000-4000-8000-000000000002", "loop_b", "loop_a", "5m")
        + correlation.formatted("no window", "6f1b1c2e-0000-4000-8000-000000000003", "bad_window", "anydesk", "soon"));
    Run lint = run(new RulesLintCommand(), rules.toString());
    assertThat(lint.status()).isEqualTo(1);
    assertThat(lint.out()).contains(rules + ":19: correlation chain loops").contains(rules + ":46: timespan 'soon'");
    assertThat(lint.err()).contains("2 errors");

    Path events = dir.resolve("e.jsonl");
    Files.writeString(events, "{\"Image\": \"C:\\\\x\\\\anydesk.exe\"}\n");
    Run match = run(new MatchCommand(), "--rules", rules.toString(), "--", events.toString());
    assertThat(match.err()).contains(rules + ":19: correlation chain loops");
  }

  @Test
  void match_saysWhenMatchesCameTooLateToCorrelate() throws IOException {
    Path rules = dir.resolve("burst.yml");
    Files.writeString(rules, "title: login\nid: 5a5a5a5a-0000-4000-8000-000000000001\nname: login\nlogsource: {product: test}\n"
        + "detection:\n  selection: {action: login}\n  condition: selection\n---\n"
        + "title: burst\nid: 5a5a5a5a-0000-4000-8000-000000000002\ncorrelation:\n  type: event_count\n  rules: [login]\n"
        + "  group-by: [user]\n  timespan: 5m\n  condition: {gte: 2}\n");
    String line = "{\"@timestamp\":\"2026-05-04T10:%s:00Z\",\"action\":\"login\",\"user\":\"ana\"}\n";
    Path later = Files.writeString(dir.resolve("a-later.jsonl"), line.formatted("30"));
    Path earlier = Files.writeString(dir.resolve("b-earlier.jsonl"), line.formatted("00") + line.formatted("01"));
    Run r = run(new MatchCommand(), "--pipeline", "none", "--rules", rules.toString(), "--", later.toString(), earlier.toString());
    assertThat(r.status()).isZero();
    assertThat(r.err()).contains("2 matches came more than a correlation window after later ones and were not correlated");
    Run inOrder = run(new MatchCommand(), "--pipeline", "none", "--rules", rules.toString(), "--", earlier.toString(), later.toString());
    assertThat(inOrder.err()).doesNotContain("not correlated");
    assertThat(inOrder.out()).contains("5a5a5a5a-0000-4000-8000-000000000002");
  }

  @Test
  void match_failsLoudly_whenItsRulesAreMissingOrDoNotLoad() throws IOException {
    Path events = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(events.resolve("winlogbeat-20250106.ndjson"), "{\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
        + "\"event_id\":1,\"event_data\":{\"Image\":\"C:\\\\Tools\\\\AnyDesk.exe\"}}}\n");
    Run missing = run(new MatchCommand(), "--rules", dir.resolve("rulez").toString(), "--", events.toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("no such rules file or folder");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(run(new MatchCommand(), "--rules", empty.toString(), "--", events.toString()).err()).contains("no Sigma rule files");

    Path rules = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(rules.resolve("good.yml"), RULE);
    Files.writeString(rules.resolve("bad.yml"), RULE.replace("Image|endswith", "Image|endswth").replace("0c3a2d6e", "1c3a2d6e"));
    Run mixed = run(new MatchCommand(), "--rules", rules.toString(), "--", events.toString());
    assertThat(mixed.status()).as("a rule did not load").isEqualTo(1);
    assertThat(mixed.out()).as("the .ndjson in the folder was read, and the good rule ran").contains("0c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f");
  }

  @Test
  void match_printsOneJsonLinePerMatch_withFileAndLine_forEachInputShape() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules/sub"));
    Files.writeString(rules.resolve("anydesk.yml"), RULE);
    String evtx = "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"},"
        + "\"EventData\":{\"Image\":\"C:\\\\Users\\\\Public\\\\AnyDesk.exe\"}}}";
    String quiet = "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"},"
        + "\"EventData\":{\"Image\":\"C:\\\\Windows\\\\notepad.exe\"}}}";
    String ecs = "{\"@timestamp\":\"2026-05-04T14:05:00Z\",\"event\":{\"dataset\":\"endpoint.process\"},"
        + "\"process\":{\"executable\":\"C:\\\\Program Files (x86)\\\\AnyDesk\\\\AnyDesk.exe\"}}";
    String winlogbeat = "{\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_id\":1,"
        + "\"event_data\":{\"Image\":\"C:\\\\AnyDesk.exe\"}}}";
    Path jsonl = dir.resolve("events.jsonl");
    Files.writeString(jsonl, quiet + "\nnot json\n" + evtx + "\n" + ecs + "\n" + winlogbeat + "\n");
    Path gz = dir.resolve("events.jsonl.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((quiet + "\n" + evtx + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Path array = dir.resolve("array.json");
    Files.writeString(array, "[" + quiet + "," + evtx + "]");
    Path single = dir.resolve("single.json");
    Files.writeString(single, evtx);

    Run r = run(new MatchCommand(), "--rules", dir.resolve("rules").toString(), "--", jsonl.toString(), gz.toString(), array.toString(), single.toString());
    assertThat(r.status()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).containsExactly(
        "{\"file\":\"" + json(jsonl) + "\",\"line\":3,\"rule_id\":\"0c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f\",\"title\":\"AnyDesk started\",\"level\":\"high\"}",
        "{\"file\":\"" + json(jsonl) + "\",\"line\":4,\"rule_id\":\"0c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f\",\"title\":\"AnyDesk started\",\"level\":\"high\"}",
        "{\"file\":\"" + json(jsonl) + "\",\"line\":5,\"rule_id\":\"0c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f\",\"title\":\"AnyDesk started\",\"level\":\"high\"}",
        "{\"file\":\"" + json(gz) + "\",\"line\":2,\"rule_id\":\"0c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f\",\"title\":\"AnyDesk started\",\"level\":\"high\"}",
        "{\"file\":\"" + json(array) + "\",\"line\":2,\"rule_id\":\"0c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f\",\"title\":\"AnyDesk started\",\"level\":\"high\"}",
        "{\"file\":\"" + json(single) + "\",\"line\":1,\"rule_id\":\"0c3a2d6e-4b7b-4b1e-9f0e-2a3b4c5d6e7f\",\"title\":\"AnyDesk started\",\"level\":\"high\"}");
    assertThat(r.err()).contains(jsonl + ":2: rejected: invalid JSON");
  }

  @Test
  void match_runsCorrelations_andHidesTheirBaseRuleUnlessGenerated() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("corr-rules"));
    Files.writeString(rules.resolve("anydesk.yml"), RULE.replace("title: AnyDesk started\n", "title: AnyDesk started\nname: anydesk_started\n"));
    Files.writeString(rules.resolve("many.yml"), "title: AnyDesk started three times on one host\n"
        + "id: 5b1e9f3a-7c2d-4e8f-9a0b-1c2d3e4f5a6b\nstatus: test\nlevel: critical\ncorrelation:\n"
        + "    type: event_count\n    rules:\n        - anydesk_started\n    group-by:\n        - Event.System.Computer\n"
        + "    timespan: 1h\n    condition:\n        gte: 3\n");
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      events.append("{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
          + "\"Computer\":\"LT-1\",\"TimeCreated\":{\"SystemTime\":\"2026-05-04T14:0" + i + ":00Z\"}},"
          + "\"EventData\":{\"Image\":\"C:\\\\AnyDesk.exe\",\"UtcTime\":\"2026-05-04 14:0" + i + ":00.000\"}}}\n");
    }
    Path file = dir.resolve("corr.jsonl");
    Files.writeString(file, events.toString());
    Run r = run(new MatchCommand(), "--rules", rules.toString(), "--", file.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out().lines().toList()).singleElement().satisfies(line -> {
      assertThat(line).contains("\"rule_id\":\"5b1e9f3a-7c2d-4e8f-9a0b-1c2d3e4f5a6b\"").contains("\"level\":\"critical\"")
          .contains("\"line\":3");
    });
  }

  /**
   * Several threads parse and match, one writes: the matches, the correlations' verdicts, the
   * rejections and the counts are those of one thread, in the same order, over files of every
   * shape and batches of lines that finish out of order.
   */
  @Test
  void match_onSeveralThreads_printsWhatOneThreadPrints() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("threads-rules"));
    Files.writeString(rules.resolve("anydesk.yml"), RULE);
    Files.writeString(rules.resolve("notepad.yml"), RULE.replace("title: AnyDesk started\n", "title: Notepad\nname: notepad\n")
        .replace("0c3a2d6e", "2c3a2d6e").replace("anydesk.exe", "notepad.exe"));
    Files.writeString(rules.resolve("many.yml"), "title: Notepad three times on one host\n"
        + "id: 5b1e9f3a-7c2d-4e8f-9a0b-1c2d3e4f5a6c\nstatus: test\nlevel: high\ncorrelation:\n"
        + "    type: event_count\n    rules:\n        - notepad\n    group-by:\n        - Event.System.Computer\n"
        + "    timespan: 10m\n    condition:\n        gte: 3\n");
    String event = "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
        + "\"Computer\":\"LT-%d\",\"TimeCreated\":{\"SystemTime\":\"%s\"}},\"EventData\":{\"Image\":\"C:\\\\Tools\\\\%s\"}}}";
    StringBuilder lines = new StringBuilder();
    java.time.Instant t = java.time.Instant.parse("2026-05-04T00:00:00Z");
    for (int i = 0; i < 6000; i++) {
      String image = i % 7 == 0 ? "AnyDesk.exe" : i % 3 == 0 ? "notepad.exe" : "chrome.exe";
      String line = i % 101 == 0 ? "{not json" : i % 257 == 0 ? "[1]" : event.formatted(i % 5, t.plusSeconds(20L * i), image);
      lines.append(line).append('\n');
    }
    Path jsonl = Files.writeString(dir.resolve("a.jsonl"), lines.toString());
    Path gz = dir.resolve("b.jsonl.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(lines.substring(0, lines.length() / 3).getBytes(StandardCharsets.UTF_8));
    }
    Path array = Files.writeString(dir.resolve("c.json"), "[" + event.formatted(1, "2026-05-05T00:00:00Z", "AnyDesk.exe") + ", 7, "
        + event.formatted(1, "2026-05-05T00:01:00Z", "notepad.exe") + "]");
    Path records = Files.writeString(dir.resolve("d.txt"), "Record 1\n" + event.formatted(2, "2026-05-06T00:00:00Z", "AnyDesk.exe")
        + "\nRecord 2\n{\"Event\": [\nRecord 3\n" + event.formatted(2, "2026-05-06T00:00:01Z", "AnyDesk.exe") + "\n");

    String[] files = {jsonl.toString(), gz.toString(), array.toString(), records.toString()};
    Run one = runMatch(rules, "1", files);
    assertThat(one.out().lines().filter(l -> l.contains("AnyDesk started")).count()).isGreaterThan(1000);
    assertThat(one.out()).contains("Notepad three times on one host").contains(json(records));
    assertThat(one.err()).contains(jsonl + ":102: rejected: invalid JSON").contains(jsonl + ":258: rejected: not a JSON object")
        .contains(array + ":2: rejected: array element is not a JSON object").contains(records + ":2: rejected: invalid JSON");
    for (String threads : new String[] {"2", "3"}) {
      Run many = runMatch(rules, threads, files);
      assertThat(many.status()).isEqualTo(one.status());
      assertThat(many.out()).as("%s threads", threads).isEqualTo(one.out());
      assertThat(withoutTimes(many.err())).as("%s threads", threads).isEqualTo(withoutTimes(one.err()));
    }
    // each event's shape picks its rule set, loaded on a worker when first met: its problems still
    // come where one thread prints them, after the rejections of the lines before
    Path byShape = Files.createDirectories(dir.resolve("threads-rules-by-shape"));
    for (Path rule : List.of(rules.resolve("anydesk.yml"), rules.resolve("notepad.yml"), rules.resolve("many.yml"))) {
      Files.copy(rule, byShape.resolve(rule.getFileName()));
    }
    Files.writeString(byShape.resolve("bad.yml"), RULE.replace("Image|endswith", "Image|endswth").replace("0c3a2d6e", "3c3a2d6e"));
    Path ecs = Files.writeString(dir.resolve("e.jsonl"), "{broken\n{\"process\":{\"executable\":\"C:\\\\AnyDesk.exe\"}}\n");
    String[] shapes = {ecs.toString(), jsonl.toString(), records.toString()};
    Run oneByShape = runMatch(byShape, "1", shapes);
    assertThat(oneByShape.status()).isEqualTo(1);
    List<String> errLines = oneByShape.err().lines().toList();
    assertThat(errLines.get(0)).startsWith(ecs + ":1: rejected");
    assertThat(errLines.get(1)).contains("bad.yml").contains("endswth");
    assertThat(errLines).filteredOn(l -> l.contains("endswth")).hasSize(2); // once per shape's rule set
    for (String threads : new String[] {"2", "3"}) {
      Run many = runMatch(byShape, threads, shapes);
      assertThat(many.out()).as("%s threads", threads).isEqualTo(oneByShape.out());
      assertThat(withoutTimes(many.err())).as("%s threads", threads).isEqualTo(withoutTimes(oneByShape.err()));
    }

    Run none = run(new MatchCommand(), "--threads", "0", jsonl.toString());
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err()).contains("--threads must be 1 or more");
  }

  private Run runMatch(Path rules, String threads, String... files) {
    List<String> args = new java.util.ArrayList<>(List.of("--threads", threads, "--rules", rules.toString()));
    if (!rules.getFileName().toString().endsWith("-by-shape")) {
      args.addAll(List.of("--pipeline", "evtx"));
    }
    args.add("--");
    args.addAll(List.of(files));
    return run(new MatchCommand(), args.toArray(String[]::new));
  }

  private static String withoutTimes(String err) {
    return err.replaceAll(" in [0-9.]+ s \\([0-9]+ events/s\\)(; rules loaded in [0-9.]+ s before)?", "");
  }

  /** A Sysmon process creation of AnyDesk, as one JSON line that {@link #RULE} matches. */
  private static final String ANYDESK_LINE = "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"},"
      + "\"EventData\":{\"Image\":\"C:\\\\AnyDesk.exe\"}}}\n";

  /** A named pipe in the test's folder; the test is skipped where there is no {@code mkfifo}. */
  private Path fifo(String name) throws IOException, InterruptedException {
    Path fifo = dir.resolve(name);
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no mkfifo here: " + e.getMessage());
      throw e; // not reached: abort throws
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
    return fifo;
  }

  /** A pipe is an event file: {@code <(zcat logs.jsonl.gz)}, and {@code -} for the standard input. */
  @Test
  void match_readsAPipe_andTakesDashForTheStandardInput() throws Exception {
    assertThat(MatchCommand.STANDARD_INPUT).isEqualTo(Path.of("/dev/stdin"));
    Path rule = Files.writeString(dir.resolve("anydesk.yml"), RULE);
    Path fifo = fifo("pipe");
    Thread writer = new Thread(() -> {
      try (var out = Files.newOutputStream(fifo)) {
        for (int i = 0; i < 3000; i++) {
          out.write((i == 2999 ? ANYDESK_LINE : ANYDESK_LINE.replace("AnyDesk", "chrome")).getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    Run r = run(new MatchCommand(), "--rules", rule.toString(), "--", fifo.toString());
    writer.join();
    assertThat(r.status()).isZero();
    assertThat(r.err()).startsWith("3000 events, 1 matches, 0 rejected");
    assertThat(r.out()).contains("\"file\":\"" + json(fifo) + "\",\"line\":3000,");
  }

  /** A pipe may be a live log: each match is written as it is found, while the pipe is still open. */
  @Test
  void match_writesAPipesMatches_asTheyAreFound() throws Exception {
    Path rule = Files.writeString(dir.resolve("anydesk.yml"), RULE);
    Path fifo = fifo("live");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean[] seenWhileOpen = {false};
    Thread log = new Thread(() -> {
      try (var pipe = Files.newOutputStream(fifo)) {
        pipe.write(ANYDESK_LINE.getBytes(StandardCharsets.UTF_8));
        pipe.flush();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline && !seenWhileOpen[0]) {
          seenWhileOpen[0] = out.toString(StandardCharsets.UTF_8).contains("\"line\":1,");
          Thread.sleep(20);
        }
        pipe.write(ANYDESK_LINE.getBytes(StandardCharsets.UTF_8));
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    log.start();
    MatchCommand m = new MatchCommand();
    m.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    m.err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(new CommandLine(m).execute("--threads", "2", "--rules", rule.toString(), "--", fifo.toString())).isZero();
    log.join();
    assertThat(seenWhileOpen[0]).as("the first match was out before the pipe closed").isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
  }

  @Test
  void match_withoutRules_parsesEveryEvent_andTrailingEventFilesAfterRulesAreEvents() throws IOException {
    Path rules = dir.resolve("r.yml");
    Files.writeString(rules, RULE);
    Path jsonl = dir.resolve("e.jsonl");
    Files.writeString(jsonl, "{\"a\":1}\n{\"b\":2}\n");
    Run parseOnly = run(new MatchCommand(), jsonl.toString());
    assertThat(parseOnly.status()).isZero();
    assertThat(parseOnly.out()).isEmpty();
    assertThat(parseOnly.err()).startsWith("2 events, 0 matches, 0 rejected");
    Run trailing = run(new MatchCommand(), "--rules", rules.toString(), jsonl.toString());
    assertThat(trailing.status()).isZero();
    assertThat(trailing.err()).startsWith("2 events");
  }

  @Test
  void match_rejectsAnUnknownPipeline_withTheKnownOnes() throws IOException {
    Path jsonl = dir.resolve("e.jsonl");
    Files.writeString(jsonl, "{}\n");
    Run r = run(new MatchCommand(), "--pipeline", "splunk", jsonl.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("no pipeline named 'splunk'; use one of [ecs, evtx, winlogbeat, none]");
  }

  private static String json(Path p) {
    return p.toString().replace("\\", "\\\\");
  }
}
