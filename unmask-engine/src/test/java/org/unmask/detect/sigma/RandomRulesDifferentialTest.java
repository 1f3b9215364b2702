package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;

/**
 * The indexed matcher against plain evaluation, on random rules and random events. The matcher
 * takes many shortcuts (literal indexes with memories of recent values, short literals found in
 * the scan's pass, keyword search skipping values by their characters, exact-value maps, a
 * partition split by the most required field, verdicts remembered per value); each must leave
 * every verdict as evaluating every rule on a view that remembers nothing gives. Rules and events
 * share a small alphabet, so literals hit, miss, overlap and repeat, with the case-folding traps of
 * Unicode (İ, ß, final sigma), wildcards and escapes, lists, numbers and nulls. Events repeat
 * earlier values half the time, so the memories answer as well as the scans.
 */
class RandomRulesDifferentialTest {

  private static final String[] PIECES = {"a", "b", "c", "ab", "AB", "x.exe", "\\", "/", "-", "::", "İ", "ı", "ß", "SS",
      "σ", "Σ", "ς", "é", "😀", "1", "42", " ", "%", "'", "cmd", "CMD", "sekurlsa::", "é", "ſ", "s", "µ", "μ", "i"};
  private static final String[] FIELDS = {"F1", "F2", "F3", "F4", "Image", "ParentImage"};
  private static final String[] STRING_MODIFIERS = {"", "|contains", "|startswith", "|endswith", "|contains|all",
      "|contains|cased", "|endswith|cased", "|startswith|all", "|windash|contains", "|base64offset|contains",
      "|utf16le|base64offset|contains", "|neq", "|contains|neq"};
  private static final String[] PATTERNS = {"a.c", "^ab", "x$", "(?i)AB", "[a-c]+\\d", "a|b", "ß", "σ.", "\\\\x"};
  private static final String[] ADDRESSES = {"10.1.2.3", "192.168.1.7", "::1", "fe80::1", "not-an-ip", "10.0.0.256"};
  private static final SigmaConfig CONFIG = new SigmaConfig(Map.of("grp", List.of("ab", "C*", "x.exe"), "one", List.of("σ")),
      SigmaConfig.Unresolved.NOTHING);
  private static final String[] NETWORKS = {"10.0.0.0/8", "192.168.1.0/24", "::1/128", "fe80::/10"};

  @Test
  void indexedMatching_agreesWithPlainEvaluation_onRandomRulesAndEvents() {
    compare("none", random -> "    product: test\n", (random, fields) -> fields);
  }

  /**
   * The same through the evtx pipeline: rules of several log sources, partitioned by channel and
   * split by event id, over evtx_dump-shaped events of three channels.
   */
  @Test
  void indexedMatching_agreesWithPlainEvaluation_throughTheEvtxPipelinesPartitions() {
    String[] logsources = {"    product: windows\n    category: process_creation\n", "    product: windows\n    service: sysmon\n",
        "    product: windows\n    service: security\n", "    product: windows\n"};
    String[] channels = {"Microsoft-Windows-Sysmon/Operational", "Security", "System"};
    long[] ids = {1, 3, 4688};
    compare("evtx", random -> logsources[random.nextInt(logsources.length)], (random, fields) -> {
      Map<String, Object> evtx = new LinkedHashMap<>();
      evtx.put("Event.System.Channel", channels[random.nextInt(channels.length)]);
      Object id = fields.remove("EventID");
      evtx.put("Event.System.EventID", id == null ? ids[random.nextInt(ids.length)] : random.nextBoolean() ? id : ids[random.nextInt(ids.length)]);
      fields.forEach((k, v) -> evtx.put("Event.EventData." + k, v));
      return evtx;
    });
  }

  /**
   * And through the ECS pipeline, partitioned by dataset, where a rule's ParentImage is either of
   * two event fields (process.parent.executable, process.parent.name): a field read from several
   * event fields takes another path through the view than a field read from one.
   */
  @Test
  void indexedMatching_agreesWithPlainEvaluation_throughTheEcsPipeline() {
    String[] logsources = {"    category: process_creation\n", "    category: network_connection\n",
        "    product: windows\n    category: process_creation\n"};
    String[] datasets = {"endpoint.process", "network.flow", "endpoint.usb"};
    compare("ecs", random -> logsources[random.nextInt(logsources.length)], (random, fields) -> {
      Map<String, Object> ecs = new LinkedHashMap<>();
      ecs.put("event.dataset", datasets[random.nextInt(datasets.length)]);
      fields.forEach((k, v) -> {
        switch (k) {
          case "Image" -> ecs.put("process.executable", v);
          case "ParentImage" -> {
            int where = random.nextInt(3);
            if (where != 1) {
              ecs.put("process.parent.executable", v);
            }
            if (where != 0) {
              ecs.put("process.parent.name", where == 2 && v instanceof String text ? text + "x" : v);
            }
          }
          default -> ecs.put(k, v);
        }
      });
      return ecs;
    });
  }

  private static void compare(String pipeline, java.util.function.Function<Random, String> logsource,
      java.util.function.BiFunction<Random, Map<String, Object>, Map<String, Object>> shape) {
    int compared = 0;
    int fired = 0;
    // -Dunmask.fuzz.seeds=1000 searches further; the default keeps the suite quick
    int seeds = Integer.getInteger("unmask.fuzz.seeds", 40);
    for (long seed = 1; seed <= seeds; seed++) {
      Random random = new Random(seed);
      String yaml = rules(random, 30, logsource);
      List<LoadProblem> errors = new ArrayList<>();
      SigmaRuleSet set = SigmaRuleSet.parse(yaml, "random.yml", Pipeline.named(pipeline), CONFIG,
          p -> { if (p.isError()) errors.add(p); });
      List<Object> seen = new ArrayList<>();
      for (int e = 0; e < 400; e++) {
        Event event = SigmaTesting.event(shape.apply(random, event(random, seen)));
        List<String> indexed = new ArrayList<>();
        assertThatCode(() -> set.matches(event).forEach(m -> indexed.add(m.rule().id() + "/" + m.rule().name())))
            .as("seed %d, event %s", seed, event.fields()).doesNotThrowAnyException();
        List<String> reference = set.matchesByPlainEvaluation(event);
        assertThat(indexed.stream().sorted().toList()).as("seed %d, event %s\nrules:\n%s\nload errors: %s", seed, event.fields(), yaml, errors)
            .isEqualTo(reference.stream().sorted().toList());
        compared++;
        fired += indexed.size();
      }
    }
    assertThat(compared).isEqualTo(seeds * 400);
    assertThat(fired).as("the random rules match often enough for the comparison to mean something").isGreaterThan(seeds * 50);
  }

  private static String rules(Random random, int count, java.util.function.Function<Random, String> logsource) {
    StringBuilder yaml = new StringBuilder();
    for (int r = 0; r < count; r++) {
      if (r > 0) {
        yaml.append("---\n");
      }
      yaml.append("title: random ").append(r).append("\nid: ").append(new java.util.UUID(random.nextLong(), random.nextLong()))
          .append("\nname: r").append(r).append("\nlogsource:\n").append(logsource.apply(random)).append("detection:\n");
      int selections = 1 + random.nextInt(3);
      List<String> names = new ArrayList<>();
      for (int s = 0; s < selections; s++) {
        String name = (random.nextInt(4) == 0 ? "filter" : "sel") + s;
        names.add(name);
        yaml.append("    ").append(name).append(":\n");
        if (random.nextInt(6) == 0) {
          for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) { // keywords
            yaml.append("        - ").append(random.nextInt(5) == 0 ? String.valueOf(random.nextInt(50)) : quoted(text(random, true))).append('\n');
          }
          continue;
        }
        boolean listOfMaps = random.nextInt(5) == 0;
        int clauses = 1 + random.nextInt(3);
        for (int c = 0; c < clauses; c++) {
          String indent = listOfMaps ? "          " : "        ";
          yaml.append(listOfMaps ? "        - " : indent);
          clause(random, yaml, indent);
        }
      }
      yaml.append("    condition: ").append(condition(random, names, 0)).append('\n');
    }
    return yaml.toString();
  }

  private static void clause(Random random, StringBuilder yaml, String indent) {
    int kind = random.nextInt(29);
    String field = FIELDS[random.nextInt(FIELDS.length)];
    if (kind == 0) {
      yaml.append("EventID: ").append(1 + random.nextInt(3)).append('\n');
    } else if (kind == 1) {
      yaml.append("EventID:\n").append(indent).append("    - ").append(1 + random.nextInt(3)).append('\n')
          .append(indent).append("    - ").append(4).append('\n');
    } else if (kind == 2) {
      yaml.append(field).append("|exists: ").append(random.nextBoolean()).append('\n');
    } else if (kind == 3) {
      yaml.append(field).append(": null\n");
    } else if (kind == 4) {
      String[] op = {"lt", "lte", "gt", "gte"};
      yaml.append("N|").append(op[random.nextInt(4)]).append(": ").append(random.nextInt(50) - 5).append('\n');
    } else if (kind == 5) {
      yaml.append("Ip|cidr:\n");
      for (int k = 0, n = 1 + random.nextInt(2); k < n; k++) {
        yaml.append(indent).append("    - ").append(quoted(NETWORKS[random.nextInt(NETWORKS.length)])).append('\n');
      }
    } else if (kind == 6) {
      String[] flags = {"", "|i", "|m", "|s", "|i|s"};
      yaml.append(field).append("|re").append(flags[random.nextInt(flags.length)]).append(": ")
          .append(quoted(PATTERNS[random.nextInt(PATTERNS.length)])).append('\n');
    } else if (kind == 7) {
      String[] how = {"", "|contains", "|startswith", "|endswith"};
      yaml.append(field).append("|fieldref").append(how[random.nextInt(how.length)]).append(": ")
          .append(FIELDS[random.nextInt(FIELDS.length)]).append('\n');
    } else if (kind == 8) { // numbers and booleans against text and numbers
      Object[] scalars = {1, 42, -5, 0, true, false, "'1'", "'42'", "'true'"};
      yaml.append(field).append(": ").append(scalars[random.nextInt(scalars.length)]).append('\n');
    } else if (kind == 9) { // a list with a null in it
      yaml.append(field).append(random.nextBoolean() ? "|contains" : "").append(":\n").append(indent).append("    - null\n")
          .append(indent).append("    - ").append(quoted(text(random, true))).append('\n');
    } else if (kind == 11) { // placeholders, known and unknown
      String[] placeholders = {"%grp%", "%one%", "%none%", "a%grp%b", "\\%grp%"};
      yaml.append(field).append(random.nextBoolean() ? "|expand: " : "|expand|contains: ")
          .append(quoted(placeholders[random.nextInt(placeholders.length)])).append('\n');
    } else if (kind == 12) { // a nested field, flattened to a dotted name
      yaml.append("Nested.Name").append(STRING_MODIFIERS[random.nextInt(4)]).append(": ").append(quoted(text(random, true))).append('\n');
    } else if (kind == 10) { // literals past the index's 40 characters, hex heads among them
      String head = random.nextBoolean() ? "IMPHASH=" + hex(random, 36) : text(random, false) + "x".repeat(45) + text(random, false);
      yaml.append(field).append(random.nextBoolean() ? "|contains: " : "|startswith: ").append(quoted(head)).append('\n');
    } else {
      String modifier = STRING_MODIFIERS[random.nextInt(STRING_MODIFIERS.length)];
      int values = random.nextInt(3) == 0 ? 2 + random.nextInt(3) : 1;
      yaml.append(field).append(modifier).append(':');
      if (values == 1) {
        yaml.append(' ').append(quoted(text(random, true))).append('\n');
      } else {
        yaml.append('\n');
        for (int k = 0; k < values; k++) {
          yaml.append(indent).append("    - ").append(quoted(text(random, true))).append('\n');
        }
      }
    }
  }

  private static String condition(Random random, List<String> names, int depth) {
    int kind = depth > 2 ? 0 : random.nextInt(8);
    return switch (kind) {
      case 1 -> condition(random, names, depth + 1) + " and " + condition(random, names, depth + 1);
      case 2 -> condition(random, names, depth + 1) + " or " + condition(random, names, depth + 1);
      case 3 -> "not " + condition(random, names, depth + 1);
      case 4 -> "(" + condition(random, names, depth + 1) + ")";
      case 5 -> (random.nextBoolean() ? "1 of " : "all of ") + (random.nextBoolean() ? "sel*" : "filter*");
      case 6 -> random.nextBoolean() ? "1 of them" : "all of them";
      default -> names.get(random.nextInt(names.size()));
    };
  }

  /** A value from the alphabet; with wildcards and escapes when it is a rule's. */
  private static String text(Random random, boolean pattern) {
    StringBuilder s = new StringBuilder();
    for (int i = 0, n = random.nextInt(4) + (pattern ? 1 : 0); i < n; i++) {
      if (pattern && random.nextInt(8) == 0) {
        String[] wild = {"*", "?", "\\*", "\\?", "\\\\"};
        s.append(wild[random.nextInt(wild.length)]);
      } else {
        s.append(PIECES[random.nextInt(PIECES.length)]);
      }
    }
    return s.toString();
  }

  /** Hex from a few fixed digits' strings, cut to length: rules and events share them, so hashes match too. */
  private static final String[] HEX = {"3F00AB12CD34EF5600112233445566778899AABBCCDDEEFF", "DEADBEEF00000000DEADBEEF00000000DEADBEEF00000000",
      "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"};

  private static String hex(Random random, int n) {
    return HEX[random.nextInt(HEX.length)].substring(0, n);
  }

  private static String quoted(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static Map<String, Object> event(Random random, List<Object> seen) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (random.nextInt(4) > 0) {
      fields.put("EventID", (long) (1 + random.nextInt(4)));
    }
    for (String f : FIELDS) {
      if (random.nextInt(3) > 0) {
        fields.put(f, value(random, seen));
      }
    }
    if (random.nextBoolean()) {
      fields.put("N", random.nextInt(3) == 0 ? String.valueOf(random.nextInt(50) - 5) : (Object) (long) (random.nextInt(50) - 5));
    }
    if (random.nextBoolean()) {
      fields.put("Ip", ADDRESSES[random.nextInt(ADDRESSES.length)]);
    }
    if (random.nextInt(5) == 0) {
      fields.put("Other", random.nextBoolean() ? text(random, false) : (Object) (long) random.nextInt(50)); // only keyword search reads it
    }
    if (random.nextInt(3) == 0) {
      fields.put("Nested.Name", value(random, seen));
    }
    return fields;
  }

  private static Object value(Random random, List<Object> seen) {
    if (!seen.isEmpty() && random.nextBoolean()) {
      Object again = seen.get(random.nextInt(seen.size()));
      return again instanceof String s ? new String(s) : again; // a new instance, as a parser makes
    }
    Object v = switch (random.nextInt(12)) {
      case 0 -> null;
      case 1 -> (long) random.nextInt(50);
      case 2 -> random.nextBoolean();
      case 3 -> List.of(text(random, false), text(random, false));
      case 4 -> "C:\\Windows\\" + text(random, false) + ".exe -" + text(random, false);
      case 5 -> "SHA1=" + hex(random, 40) + ",IMPHASH=" + hex(random, 32) + (random.nextBoolean() ? "" : hex(random, 4));
      case 6 -> text(random, false) + "x".repeat(45 + random.nextInt(240)) + text(random, false); // past the memories' 256 characters too
      case 7 -> String.valueOf(random.nextInt(50) - 5);
      default -> text(random, false);
    };
    if (seen.size() < 64) {
      seen.add(v);
    } else {
      seen.set(random.nextInt(64), v);
    }
    return v;
  }
}
