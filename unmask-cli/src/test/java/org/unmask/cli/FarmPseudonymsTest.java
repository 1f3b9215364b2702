package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phones, e-mails and addresses a farm's people share appear in farms.jsonl and report.html
 * as {@code sha256:} pseudonyms keyed by the installation's key: unkeyed, anyone holding an output
 * could recover a number by hashing every phone number there is.
 */
class FarmPseudonymsTest {

  private static final Pattern SHARED = Pattern.compile("\"type\":\"(phone|email|address|national_id)\",\"value\":\"(sha256:[0-9a-f]+)\"");

  @Test
  void sharedIdentifiers_areKeyedByTheInstallationsKey(@TempDir Path tmp) throws IOException {
    Path demo = Path.of("..", "examples", "demo");
    String key1 = tmp.resolve("key1").toString();
    String key2 = tmp.resolve("key2").toString();
    assertThat(UnmaskCli.run("scan", demo.toString(), "--out", tmp.resolve("a").toString(), "--key-file", key1, "-q")).isZero();
    assertThat(UnmaskCli.run("scan", demo.toString(), "--out", tmp.resolve("b").toString(), "--key-file", key1, "-q")).isZero();
    assertThat(UnmaskCli.run("scan", demo.toString(), "--out", tmp.resolve("c").toString(), "--key-file", key2, "-q")).isZero();
    Set<String> a = shared(tmp.resolve("a/farms.jsonl"));
    assertThat(a).as("the demo's rings share phones, e-mails or addresses").isNotEmpty();
    assertThat(shared(tmp.resolve("b/farms.jsonl"))).as("the same key, the same pseudonyms").isEqualTo(a);
    assertThat(shared(tmp.resolve("c/farms.jsonl"))).as("another key, other pseudonyms").doesNotContainAnyElementsOf(a);
  }

  private static Set<String> shared(Path farms) throws IOException {
    Set<String> out = new TreeSet<>();
    Matcher m = SHARED.matcher(Files.readString(farms));
    while (m.find()) {
      out.add(m.group(1) + " " + m.group(2));
    }
    return out;
  }
}
