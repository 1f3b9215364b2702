package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parsing rule files on worker threads changes nothing a user sees: the same rules in the same
 * order, and the same problems in the same order, as parsing them one by one.
 */
class RuleFilesTest {

  @TempDir
  Path dir;

  private record Loaded(List<String> rules, List<String> problems) {}

  private static Loaded load(Path folder, int workers) {
    List<String> problems = new ArrayList<>();
    RuleLoader loader = new RuleLoader(Pipeline.named("evtx"), SigmaConfig.defaults(), new Slots(), p -> problems.add(p.toString()));
    loader.loadPath(folder, workers, CachedRuleFiles.NONE);
    List<String> rules = new ArrayList<>();
    for (RuleLoader.Compiled c : loader.rules) {
      rules.add(c.rule().id() + " " + c.rule().title() + " " + c.partitions());
    }
    for (CorrelationDocument c : loader.correlations) {
      rules.add("correlation " + c.file() + ":" + c.line());
    }
    return new Loaded(rules, problems);
  }

  @Test
  void theSigmaHqWindowsRules_loadTheSame_onWorkerThreads() {
    Path windows = SigmaCorpusTest.SIGMA.resolve("rules/windows");
    Loaded alone = load(windows, 0);
    assertThat(alone.rules()).hasSizeGreaterThan(2000);
    for (int workers : new int[] {1, 3}) {
      Loaded parallel = load(windows, workers);
      assertThat(parallel.rules()).as("%d workers", workers).isEqualTo(alone.rules());
      assertThat(parallel.problems()).as("%d workers", workers).isEqualTo(alone.problems());
    }
  }

  /**
   * {@code n} rule files in {@code folder}: good ones, and among them every 10th not UTF-8 (3), not
   * YAML (5), with an unknown modifier (7), and with a second rule (8).
   */
  static void writeRules(Path folder, int n) throws IOException {
    String good = """
        title: Whoami %d
        id: 00000000-0000-4000-8000-%012d
        status: test
        description: whoami
        author: unmask
        date: 2026-11-27
        level: low
        logsource: {product: windows, category: process_creation}
        detection:
            selection:
                Image|endswith: '\\\\whoami.exe'
                IntegrityLevel: 4
            condition: selection
        """;
    Files.createDirectories(folder);
    for (int i = 0; i < n; i++) {
      Path file = folder.resolve(String.format("r%03d.yml", i));
      switch (i % 10) {
        case 3 -> Files.write(file, new byte[] {'t', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28});
        case 5 -> Files.writeString(file, "title: [unclosed\n", StandardCharsets.UTF_8);
        case 7 -> Files.writeString(file, good.formatted(i, i).replace("Image|endswith", "Image|endswiht"), StandardCharsets.UTF_8);
        case 8 -> Files.writeString(file, good.formatted(i, i) + "---\n" + good.formatted(i, 1000 + i), StandardCharsets.UTF_8);
        default -> Files.writeString(file, good.formatted(i, i), StandardCharsets.UTF_8);
      }
    }
  }

  /** Broken files among good ones: each file's problems come where a file-by-file load puts them. */
  @Test
  void brokenFiles_reportTheSameProblems_inTheSameOrder() throws IOException {
    writeRules(dir, 150);
    Loaded alone = load(dir, 0);
    assertThat(alone.problems()).anyMatch(p -> p.contains("not UTF-8")).anyMatch(p -> p.contains("YAML syntax"))
        .anyMatch(p -> p.contains("endswiht"));
    // 150 files, 45 of them broken, 15 with a second rule
    assertThat(alone.rules().stream().map(r -> r.split(" ")[0]).distinct()).hasSize(150 - 45 + 15);
    Loaded parallel = load(dir, 3);
    assertThat(parallel.rules()).isEqualTo(alone.rules());
    assertThat(parallel.problems()).isEqualTo(alone.problems());
  }
}
