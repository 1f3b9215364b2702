package org.unmask.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.unmask.detect.Detector;
import org.unmask.detect.EventRules;
import org.unmask.detect.sigma.correlation.StateProvider;

/**
 * No detection logic is written twice: the Flink module wraps engine classes and defines no
 * detector, rule set, rule spec or rule file of its own. (Its one engine-interface implementation
 * is where state lives, {@link StateProvider} and the rules' memory, which is the seam's purpose.)
 */
class FlinkModuleDefinesNoRulesTest {

  private static Path classes() throws Exception {
    return Path.of(UnmaskJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void noClassOfTheModule_isADetectorOrARuleSet() throws Exception {
    Path root = classes();
    assertThat(root).isDirectory();
    List<String> offenders = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replace('\\', '.');
        Class<?> c = Class.forName(name.substring(0, name.length() - ".class".length()), false,
            getClass().getClassLoader());
        checked++;
        if (Detector.class.isAssignableFrom(c) || EventRules.class.isAssignableFrom(c)) {
          offenders.add(c.getName());
        }
      }
    }
    assertThat(checked).as("classes inspected").isGreaterThan(10);
    assertThat(offenders).as("classes of unmask-flink that define detection").isEmpty();
  }

  @Test
  void theModuleShipsNoRuleFiles() throws Exception {
    List<String> ruleFiles = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes())) {
      files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .forEach(f -> ruleFiles.add(f.toString()));
    }
    assertThat(ruleFiles).isEmpty();
  }

  @Test
  void sourcesNeitherReadEventFieldsNorMintFindings() throws Exception {
    // A rule in disguise reads event fields by name and mints findings; the job's sources do
    // neither (findings are made by engine classes and only decoded here).
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        if (text.matches("(?s).*\\.(text|number|texts|get)\\(\"[a-z_]+\\.[a-z_.]+\"\\).*")
            || text.contains("new RuleSpec(") || text.contains("Finding.idOf(")) {
          offenders.add(f.toString());
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
