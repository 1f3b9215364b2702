package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unmask.detect.sigma.SigmaTesting.event;
import static org.unmask.detect.sigma.SigmaTesting.fires;
import static org.unmask.detect.sigma.SigmaTesting.rule;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Field values are attacker-controlled and rule files may be hostile: nothing hangs or crashes. */
class HostileInputTest {

  @Test
  void badLines_areRejectedWithAReason_andTheGoodLinesAroundThemAreRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
    file.writeBytes("{\"CommandLine\":\"first\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    file.writeBytes(("{\"CommandLine\":\"" + "x".repeat(org.unmask.ingest.ReadOptions.DEFAULT_MAX_LINE_BYTES) + "\"}\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    file.writeBytes(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'}); // invalid UTF-8
    file.writeBytes("not json\n[1,2]\n{\"a\":1} trailing\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    file.writeBytes("{\"CommandLine\":\"last\",\"n\":{\"deep\":[{\"k\":\"v\"}]}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.nio.file.Path events = dir.resolve("e.jsonl");
    java.nio.file.Files.write(events, file.toByteArray());
    List<org.unmask.event.Event> read = new java.util.ArrayList<>();
    List<JsonEvents.Rejected> rejected = new java.util.ArrayList<>();
    JsonEvents.read(events, read::add, rejected::add);
    assertThat(read).extracting(e -> e.get("CommandLine")).containsExactly("first", "last");
    assertThat(read.get(1).source().line()).isEqualTo(8);
    assertThat(read.get(1).get("n.deep.k")).isEqualTo(List.of("v"));
    assertThat(rejected).extracting(JsonEvents.Rejected::line).containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(rejected.get(0).reason()).contains("longer than");
    assertThat(rejected.get(1).reason()).contains("invalid JSON");
  }

  @Test
  void catastrophicRegex_runsOnRe2_andFinishes() {
    // (a+)+$ against "aaaa...b" takes exponential time on a backtracking engine
    var r = rule("    s:\n        CommandLine|re: '(a+)+$'\n    condition: s\n");
    String hostile = "a".repeat(100_000) + "!";
    assertThat(fires(r, event("CommandLine", hostile))).isFalse();
    assertThat(fires(r, event("CommandLine", "a".repeat(100_000)))).isTrue();
  }

  @Test
  void nestedQuantifiers_doNotMatchWhatTheyShouldNot() {
    var r = rule("    s:\n        CommandLine|re: '^(a|aa)+$'\n    condition: s\n");
    assertThat(fires(r, event("CommandLine", "a".repeat(50_000) + "b"))).isFalse();
  }

  @Test
  void backReferences_areRejectedAtLoad_withAReason() {
    List<LoadProblem> p = SigmaTesting.problems(SigmaTesting.HEADER + "    s:\n        CommandLine|re: '(a)\\1'\n    condition: s\n");
    assertThat(p).anySatisfy(e -> {
      assertThat(e.isError()).isTrue();
      assertThat(e.message()).contains("regular expression");
    });
  }

  @Test
  void hugeFieldValues_matchWildcardsInLinearTime() {
    var r = rule("    s:\n        CommandLine: '*a*a*a*a*a*a*a*a*b'\n    condition: s\n");
    String huge = "a".repeat(2_000_000);
    assertThat(fires(r, event("CommandLine", huge))).isFalse();
    assertThat(fires(r, event("CommandLine", huge + "b"))).isTrue();
    var contains = rule("    s:\n        CommandLine|contains: 'needle'\n    condition: s\n");
    assertThat(fires(contains, event("CommandLine", huge + "NEEDLE" + huge))).isTrue();
  }

  @Test
  void questionMarkPatterns_onHugeValues_finish() {
    var r = rule("    s:\n        F: '*a?a?a?a?b*'\n    condition: s\n");
    assertThat(fires(r, event("F", "a".repeat(1_000_000)))).isFalse();
  }

  @Test
  void windash_withManyDashes_isBounded() {
    var r = rule("    s:\n        CommandLine|windash|contains: ' -a -b -c -d -e -f -g -h'\n    condition: s\n");
    assertThat(fires(r, event("CommandLine", "x /a /b -c -d -e -f -g -h"))).isTrue();
  }

  @Test
  void cidr_neverResolvesHostNames() {
    var r = rule("    s:\n        Ip|cidr: 10.0.0.0/8\n    condition: s\n");
    assertThat(fires(r, event("Ip", "localhost"))).isFalse();
    assertThat(fires(r, event("Ip", "deadbeef"))).isFalse();
    assertThat(fires(r, event("Ip", "10.0.0.256"))).isFalse();
    assertThat(fires(r, event("Ip", "::ffff:zz"))).isFalse();
  }

  @Test
  void hostileYaml_isReported_notThrown() {
    String billionLaughs = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
    assertThat(SigmaTesting.problems(billionLaughs)).anySatisfy(p -> assertThat(p.isError()).isTrue());
    assertThat(SigmaTesting.problems("title: [unclosed\n")).anySatisfy(p -> assertThat(p.message()).startsWith("YAML syntax"));
    assertThat(SigmaTesting.problems("- just\n- a list\n")).anySatisfy(p -> assertThat(p.isError()).isTrue());
    assertThat(SigmaTesting.problems("[".repeat(10_000))).anySatisfy(p -> assertThat(p.isError()).isTrue());
  }

  @Test
  void deeplyNestedConditions_areReported_notAStackOverflow() {
    for (String condition : List.of("(".repeat(20_000) + "s" + ")".repeat(20_000), "not ".repeat(20_000) + "s")) {
      List<LoadProblem> p = SigmaTesting.problems(SigmaTesting.HEADER + "    s:\n        Image: x\n    condition: " + condition + "\n");
      assertThat(p).filteredOn(LoadProblem::isError).singleElement()
          .satisfies(e -> assertThat(e.message()).contains("nested deeper than 64"));
    }
    // at the bound (62 brackets and two nots: 64 levels) a condition still loads and runs
    var r = rule("    s:\n        Image: x\n    condition: " + "(".repeat(62) + "not not s" + ")".repeat(62) + "\n");
    assertThat(fires(r, event("Image", "x"))).isTrue();
  }

  @Test
  void listAndNullFieldValues_areHandled() {
    var r = rule("    s:\n        Tags|contains: evil\n    condition: s\n");
    assertThat(fires(r, event("Tags", java.util.Arrays.asList("good", null, "EVIL-ish")))).isTrue();
    assertThat(fires(r, event("Tags", null))).isFalse();
  }
}
