package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.Event;

/**
 * Vendor lines whose JSON is valid but not what the vendor writes: a value of another type (an
 * object where a string was, a number where an object was), a field gone, a value nested past any
 * sense. Every adapter (Okta, Entra, osquery, Windows in its three shapes) reads them beside
 * real samples: a line becomes an event or a rejection with a reason, nothing throws, and the
 * lines around it come out exactly as they do without it.
 */
class MutatedVendorLinesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @TempDir Path dir;

  /** Elastic Defend documents: a process start and an outbound connection. */
  private static final List<String> DEFEND = List.of(
      "{\"@timestamp\":\"2026-05-04T14:00:00.000Z\",\"agent\":{\"type\":\"endpoint\"},\"data_stream\":{\"dataset\":\"endpoint.events.process\"},"
          + "\"event\":{\"dataset\":\"endpoint.events.process\",\"action\":\"start\",\"category\":[\"process\"],\"type\":[\"start\"]},"
          + "\"host\":{\"id\":\"d1\",\"name\":\"LT-1\"},\"user\":{\"name\":\"ana\"},\"process\":{\"executable\":\"C:\\\\AnyDesk.exe\","
          + "\"pid\":4242,\"command_line\":\"AnyDesk.exe --service\",\"parent\":{\"executable\":\"C:\\\\Windows\\\\services.exe\"}}}",
      "{\"@timestamp\":\"2026-05-04T14:00:01.000Z\",\"data_stream\":{\"dataset\":\"endpoint.events.network\"},"
          + "\"event\":{\"dataset\":\"endpoint.events.network\",\"action\":\"connection_attempted\"},\"host\":{\"id\":\"d1\"},"
          + "\"source\":{\"ip\":\"192.168.1.20\",\"port\":50123},\"destination\":{\"ip\":\"31.216.144.5\",\"port\":443},"
          + "\"process\":{\"executable\":\"C:\\\\rclone.exe\"}}");

  @Test
  void typeConfusedLines_becomeEventsOrRejections_andTheirNeighboursAreUntouched() throws IOException {
    Map<String, List<String>> samples = Map.of(
        "okta-export.jsonl", TestDatasets.pantherLogs("panther_okta_test_events.jsonl", "Okta.SystemLog"),
        "entra/signins.jsonl", TestDatasets.pantherLogs("panther_azure_signin_test_events.jsonl", null),
        "osquery/results.jsonl", TestDatasets.pantherLogs("panther_osquery_test_events.jsonl", null),
        "mordor.jsonl", Files.readAllLines(TestDatasets.shared().resolve("data/sample-logs/otrf/rdp_interactive_logon_events.jsonl")),
        "evtx.jsonl", TestDatasets.sigmaRegressionEvents(),
        "defend-export.jsonl", DEFEND);
    List<String> files = samples.keySet().stream().sorted().toList();
    Random random = new Random(5);
    int rounds = Integer.getInteger("unmask.fuzz.seeds", 40) * 3;
    int mutantsRead = 0;
    for (int round = 0; round < rounds; round++) {
      String file = files.get(random.nextInt(files.size()));
      List<String> lines = samples.get(file);
      String before = lines.get(random.nextInt(lines.size()));
      String after = lines.get(random.nextInt(lines.size()));
      String mutant = mutate(lines.get(random.nextInt(lines.size())), random);

      AdapterHarness alone = read("alone" + round, file, List.of(before, after));
      AdapterHarness[] beside = new AdapterHarness[1];
      String name = "beside" + round;
      assertThatCode(() -> beside[0] = read(name, file, List.of(before, mutant, after)))
          .as("%s: %s", file, shown(mutant)).doesNotThrowAnyException();
      AdapterHarness with = beside[0];
      assertThat(with.events.size() + with.rejections.size()).as("%s: %s; %s", file, shown(mutant), with.rejections).isEqualTo(3);
      assertThat(outcome(with, 1)).as("the line before %s", shown(mutant)).isEqualTo(outcome(alone, 1));
      assertThat(outcome(with, 3)).as("the line after %s", shown(mutant)).isEqualTo(outcome(alone, 2));
      mutantsRead += with.events.stream().anyMatch(e -> e.source().line() == 2) ? 1 : 0;
    }
    assertThat(mutantsRead).as("some mutants are still events").isGreaterThan(0);
  }

  /** A mutant as a failure shows it: controls escaped, cut at 2,000 characters. */
  private static String shown(String line) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(line.length(), 2000); i++) {
      char c = line.charAt(i);
      out.append(c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) || c == 0x202e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  private AdapterHarness read(String name, String file, List<String> lines) {
    return AdapterHarness.read(dir.resolve(name), file, lines);
  }

  /** What became of line n: its event's dataset, time and fields, or its rejection's reason. */
  private static Object outcome(AdapterHarness h, long n) {
    for (Event e : h.events) {
      if (e.source().line() == n) {
        return List.of(e.dataset(), e.timestamp(), e.fields());
      }
    }
    for (Rejection r : h.rejections) {
      if (r.line() == n) {
        return "rejected: " + r.reason();
      }
    }
    return "nothing";
  }

  private static String mutate(String line, Random random) throws IOException {
    JsonNode root = JSON.readTree(line);
    for (int m = 0, n = 1 + random.nextInt(3); m < n; m++) {
      List<ObjectNode> objects = new ArrayList<>();
      collect(root, objects);
      ObjectNode target = objects.get(random.nextInt(objects.size()));
      List<String> names = new ArrayList<>();
      target.fieldNames().forEachRemaining(names::add);
      if (names.isEmpty()) {
        continue;
      }
      String name = names.get(random.nextInt(names.size()));
      if (random.nextInt(6) == 0) {
        target.remove(name);
      } else {
        target.set(name, strange(random));
      }
    }
    return JSON.writeValueAsString(root);
  }

  private static void collect(JsonNode node, List<ObjectNode> out) {
    if (node instanceof ObjectNode o) {
      out.add(o);
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      collect(it.next(), out);
    }
  }

  private static JsonNode strange(Random random) {
    return switch (random.nextInt(11)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.numberNode(random.nextBoolean() ? Long.MAX_VALUE : -1);
      case 2 -> NODES.numberNode(random.nextBoolean() ? 1e308 * 10 : Double.NaN);
      case 3 -> NODES.booleanNode(random.nextBoolean());
      case 4 -> NODES.textNode(random.nextBoolean() ? "" : "2026-13-45T99:99:99Z");
      case 5 -> NODES.textNode("x".repeat(100_000));
      case 6 -> NODES.objectNode().put("a", 1);
      case 7 -> {
        ArrayNode a = NODES.arrayNode();
        a.add("s").add(1).addNull().addObject().put("k", "v");
        yield a;
      }
      case 8 -> {
        ObjectNode deep = NODES.objectNode();
        ObjectNode at = deep;
        for (int i = 0; i < 200; i++) {
          at = at.putObject("d");
        }
        yield deep;
      }
      case 9 -> NODES.textNode("\u0000\u202e\ufeff");
      default -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
    };
  }
}
