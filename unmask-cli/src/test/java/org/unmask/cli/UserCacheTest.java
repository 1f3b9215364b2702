package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.detect.sigma.RuleFileCache;
import picocli.CommandLine;

/** Where the CLI caches parsed rules, how a user turns it off, and that a cached run matches as a parsed one. */
class UserCacheTest {

  @TempDir Path dir;

  @Test
  void theFolder_followsTheEnvironment() {
    assertThat(UserCache.rules(Map.of(), "/home/ana").folder()).isEqualTo(Path.of("/home/ana/.cache/unmask/sigma"));
    assertThat(UserCache.rules(Map.of("XDG_CACHE_HOME", "/var/cache/ana"), "/home/ana").folder())
        .isEqualTo(Path.of("/var/cache/ana/unmask/sigma"));
    assertThat(UserCache.rules(Map.of("UNMASK_CACHE_DIR", "/srv/unmask", "XDG_CACHE_HOME", "/var/cache/ana"), "/home/ana").folder())
        .isEqualTo(Path.of("/srv/unmask/sigma"));
    assertThat(UserCache.rules(Map.of("UNMASK_NO_CACHE", "1", "UNMASK_CACHE_DIR", "/srv/unmask"), "/home/ana"))
        .isSameAs(RuleFileCache.NONE);
    assertThat(UserCache.rules(Map.of("UNMASK_NO_CACHE", ""), "/home/ana").folder()).as("empty is unset")
        .isEqualTo(Path.of("/home/ana/.cache/unmask/sigma"));
    assertThat(UserCache.rules(Map.of(), null)).as("no home").isSameAs(RuleFileCache.NONE);
  }

  private String match(Path rules, Path events) {
    MatchCommand m = new MatchCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    m.err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(new CommandLine(m).execute("--pipeline", "none", "--rules", rules.toString(), "--", events.toString())).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<Path> cachesNaming(Path rule) throws IOException {
    Path folder = UserCache.rules().folder();
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    byte[] name = rule.toString().getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> {
        try {
          return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
              .contains(new String(name, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          return false;
        }
      }).toList();
    }
  }

  @Test
  void match_writesTheCache_andMatchesTheSameFromIt() throws IOException {
    // the build sets UNMASK_CACHE_DIR (pom.xml), so this never writes to the user's home
    assertThat(UserCache.rules().folder()).startsWith(Path.of("target").toAbsolutePath());
    Path rule = dir.resolve("anydesk.yml");
    Files.writeString(rule, SigmaCommandsTest.RULE);
    Path events = dir.resolve("e.jsonl");
    Files.writeString(events, "{\"Image\": \"C:\\\\x\\\\anydesk.exe\"}\n{\"Image\": \"C:\\\\x\\\\notepad.exe\"}\n");

    String parsed = match(rule, events);
    assertThat(parsed).contains("\"title\":\"AnyDesk started\"");
    assertThat(cachesNaming(rule)).hasSize(1);
    assertThat(match(rule, events)).isEqualTo(parsed);

    Files.writeString(rule, SigmaCommandsTest.RULE.replace("anydesk.exe", "notepad.exe"));
    assertThat(match(rule, events)).as("the edited rule").contains("\"line\":2").doesNotContain("\"line\":1,");
  }
}
