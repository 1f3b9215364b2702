package org.unmask.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.unmask.detect.sigma.SigmaEventRules;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.ingest.Dataset;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.RiskPolicy;

/**
 * Every rule in rules/ fires on each of its {@code fires/} samples and stays quiet on each of its
 * {@code quiet/} samples; and the content as a whole keeps its invariants (unique ids, samples
 * present, a level on every rule), each offender listed at once.
 */
class RuleSamplesTest {

  static final Path RULES = Path.of("..", "rules");

  private static List<Path> ruleFiles() throws IOException {
    try (Stream<Path> s = Files.walk(RULES)) {
      return s.filter(p -> p.toString().endsWith(".yml") && !p.toString().contains(".test"))
          .sorted(Comparator.naturalOrder()).toList();
    }
  }

  private static Path samplesOf(Path rule) {
    String name = rule.getFileName().toString().replaceFirst("\\.yml$", ".test");
    return rule.resolveSibling(name);
  }

  /** The rule ids a set of events makes fire, loading this rule alone (and what it references). */
  private static Set<String> firedBy(Path rule, Path sampleFile) {
    List<Path> paths = new ArrayList<>(List.of(rule));
    // correlations need the rules they reference; they sit in the same folder
    try (Stream<Path> s = Files.list(rule.getParent())) {
      s.filter(p -> p.toString().endsWith(".yml") && !p.equals(rule)).forEach(paths::add);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    SigmaEventRules rules = SigmaEventRules.load(paths, false, RiskPolicy.defaults());
    List<Event> events = Dataset.readEvents(sampleFile, r -> {
      throw new AssertionError("sample " + sampleFile + " has a bad line: " + r);
    });
    Set<String> fired = new HashSet<>();
    for (Event e : events) {
      rules.match(e, ReferenceData.empty(), (Finding f) -> fired.add(f.ruleId()));
    }
    return fired;
  }

  private static String idOf(Path rule) throws IOException {
    for (String line : Files.readAllLines(rule)) {
      if (line.startsWith("id:")) {
        return line.substring(3).trim();
      }
    }
    throw new AssertionError(rule + " has no id");
  }

  @TestFactory
  Stream<DynamicTest> everyRule_firesOnItsFiresSamples_andStaysQuietOnItsQuietSamples() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path rule : ruleFiles()) {
      String id = idOf(rule);
      for (String kind : List.of("fires", "quiet")) {
        Path dir = samplesOf(rule).resolve(kind);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> samples = Files.list(dir)) {
          for (Path sample : samples.sorted().toList()) {
            tests.add(DynamicTest.dynamicTest(RULES.relativize(rule) + " " + kind + " " + sample.getFileName(), () -> {
              Set<String> fired = firedBy(rule, sample);
              if (kind.equals("fires")) {
                assertThat(fired).as("rules fired on %s", sample).contains(id);
              } else {
                assertThat(fired).as("rules fired on %s", sample).doesNotContain(id);
              }
            }));
          }
        }
      }
    }
    return tests.stream();
  }

  @Test
  void content_keepsItsInvariants_everyOffenderListed() throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, Path> ids = new HashMap<>();
    for (Path rule : ruleFiles()) {
      String text = Files.readString(rule);
      String id = idOf(rule);
      Path previous = ids.put(id, rule);
      if (previous != null) {
        problems.add(rule + ": id " + id + " is also used by " + previous);
      }
      if (!text.contains("\nlevel:")) {
        problems.add(rule + ": no level");
      }
      if (!text.contains("attack.t")) {
        problems.add(rule + ": no ATT&CK technique tag");
      }
      Path fires = samplesOf(rule).resolve("fires");
      Path quiet = samplesOf(rule).resolve("quiet");
      if (!Files.isDirectory(fires) || Files.list(fires).findAny().isEmpty()) {
        problems.add(rule + ": no fires/ sample");
      }
      if (!Files.isDirectory(quiet) || Files.list(quiet).findAny().isEmpty()) {
        problems.add(rule + ": no quiet/ sample");
      }
    }
    assertThat(problems).isEmpty();
  }
}
