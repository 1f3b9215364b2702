package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code unmask kafka-load} checks its arguments before it touches Kafka (its replay itself runs
 * against a real broker in unmask-flink's FlinkEquivalenceIT and FailureRecoveryIT).
 */
class KafkaLoadCommandTest {

  @TempDir
  Path dir;

  private record Result(int status, String err) {}

  private static Result run(String... args) {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int status = UnmaskCli.commandLine().execute(args);
      return new Result(status, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(before);
    }
  }

  @Test
  void topicPrefixWithOtherCharacters_isRefusedWithAReason() {
    Result r = run("kafka-load", dir.toString(), "--topic-prefix", "acme events;rm");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--topic-prefix may hold letters, digits");
  }

  @Test
  void missingDataset_isRefusedBeforeKafkaIsContacted() {
    Result r = run("kafka-load", dir.resolve("nope").toString(), "--topic-prefix", "acme",
        "--bootstrap-servers", "127.0.0.1:1");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("no such folder");
  }

  @Test
  void help_namesTheTopics() {
    StringWriter out = new StringWriter();
    int status = UnmaskCli.commandLine().setOut(new PrintWriter(out)).execute("kafka-load", "--help");

    assertThat(status).isZero();
    assertThat(out.toString()).contains("P.reference").contains("P.events").contains("--bootstrap-servers");
  }

  @Test
  void ruleFiles_travelUnderRules_byFileNameOrFolderAndRelativePath() throws Exception {
    Path folder = java.nio.file.Files.createDirectories(dir.resolve("company-rules/endpoint"));
    java.nio.file.Files.writeString(folder.resolve("tool.yml"), "title: t");
    java.nio.file.Files.writeString(folder.resolve("notes.txt"), "not a rule");
    java.nio.file.Files.writeString(folder.resolve("LOUD.YML"), "title: loud"); // the scan loads it: so does the job
    Path single = java.nio.file.Files.writeString(dir.resolve("one.yaml"), "title: one");

    var files = KafkaLoad.ruleFiles(java.util.List.of(dir.resolve("company-rules"), single));

    assertThat(files.keySet()).containsExactly("rules/company-rules/endpoint/LOUD.YML", "rules/company-rules/endpoint/tool.yml",
        "rules/one.yaml");
  }
}
