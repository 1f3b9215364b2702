package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;

/** The index only ever skips rules that cannot match. */
class PrefilterTest {

  @Test
  void indexedMatching_agreesWithEvaluatingEveryRule_onTheRegressionEvents() throws IOException {
    SigmaRuleSet rules = SigmaRuleSet.load(SigmaCorpusTest.corpusFolders(), Pipeline.named("evtx"), SigmaConfig.defaults(), p -> {});
    List<Event> events = new ArrayList<>();
    try (Stream<Path> s = Files.walk(SigmaCorpusTest.SIGMA.resolve("regression_data"))) {
      for (Path json : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonEvents.read(json, events::add, r -> {});
      }
    }
    int matched = 0;
    for (Event e : events) {
      List<String> indexed = rules.matches(e).stream().map(m -> m.rule().id() + "/" + m.rule().name()).sorted().toList();
      List<String> reference = rules.matchesWithoutIndex(e).stream().sorted().toList();
      assertThat(indexed).as("event %s", e.source()).isEqualTo(reference);
      matched += indexed.size();
    }
    assertThat(events.size()).isGreaterThanOrEqualTo(147);
    assertThat(matched).isGreaterThan(150);
  }

  @Test
  void keywordRules_findTheirWords_inFieldsOtherRulesIndex_andInAllOthers() {
    String yaml = "title: field\nid: 51111111-2222-4333-8444-555555555555\nlogsource:\n    product: test\n"
        + "detection:\n    s:\n        CommandLine|contains: 'foobar'\n    condition: s\n---\n"
        + "title: words\nid: 61111111-2222-4333-8444-555555555555\nlogsource:\n    product: test\n"
        + "detection:\n    keywords:\n        - 'evilword'\n    condition: keywords\n";
    SigmaRuleSet rules = SigmaRuleSet.parse(yaml, "k.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    assertThat(rules.matches(SigmaTesting.event("CommandLine", "run EvilWord now"))).extracting(m -> m.rule().title()).containsExactly("words");
    assertThat(rules.matches(SigmaTesting.event("Other", List.of("x", "an evilword")))).extracting(m -> m.rule().title()).containsExactly("words");
    assertThat(rules.matches(SigmaTesting.event("CommandLine", "foobar evilword"))).hasSize(2);
  }

  @Test
  void regexLiterals_areOnlyWhatEveryMatchContains() {
    assertThat(RegexLiterals.required("net\\s+user\\s+\\w+ /add")).isEqualTo(" /add");
    assertThat(RegexLiterals.required("(?i)invoke-mimikatz")).isEqualTo("invoke-mimikatz");
    assertThat(RegexLiterals.required("cmd.{0,5}(?:/c|/r).+powershell")).isEqualTo("powershell");
    assertThat(RegexLiterals.required("abc|defgh")).isNull();
    assertThat(RegexLiterals.required("ab?cdef")).isEqualTo("cdef");
    assertThat(RegexLiterals.required("x(abcdef)?y")).isEqualTo("x");
    assertThat(RegexLiterals.required("\\w+`(?:\\w+|-|.)`[\\w+|\\s]")).isEqualTo("`");
    assertThat(RegexLiterals.required("\"(?:\\{\\d\\})+\"\\s*-f")).isEqualTo("{");
    assertThat(RegexLiterals.required("(?=secret)password")).isEqualTo("password");
    assertThat(RegexLiterals.required("[a-z]+\\.exe$")).isEqualTo(".exe");
  }

  @Test
  void regexLiterals_readEscapesOfOneCharacter() {
    // SigmaHQ's LNK padding rule: six line feeds, written as escapes in a single-quoted YAML string
    assertThat(RegexLiterals.required("\\n\\n\\n\\n\\n\\n")).isEqualTo("\n\n\n\n\n\n");
    assertThat(RegexLiterals.required("a\\tb\\r\\f")).isEqualTo("a\tb\r\f");
    assertThat(RegexLiterals.required("\\x41BC\\d")).isEqualTo("ABC");
    assertThat(RegexLiterals.required("\\x{41}bcd")).isEqualTo("bcd");
    assertThat(RegexLiterals.required("ab\\n+cd")).isEqualTo("ab\n");
  }

  @Test
  void gramIndex_findsLiteralsOfEveryWidth_caseInsensitively() {
    List<String> literals = List.of("`", "exe", "\\cmd.", "powershell", "imphash=3f", "\ud83d\ude00", "пр");
    GramIndex index = new GramIndex(literals, new int[] {0, 1, 2, 3, 4, 5, 6});
    List<Integer> hits = new ArrayList<>();
    index.scan("C:\\Windows\\CMD.EXE /c POWERSHELL i`ex \ud83d\ude00 IMPHASH=3F00 ПРИВЕТ", hits::add);
    assertThat(hits).contains(0, 1, 2, 3, 4, 5, 6);
    List<Integer> none = new ArrayList<>();
    index.scan("C:\\Windows\\notepad.com", none::add);
    assertThat(none).isEmpty();
  }
}
