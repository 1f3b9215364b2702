package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unmask.detect.sigma.SigmaTesting.event;
import static org.unmask.detect.sigma.SigmaTesting.fires;
import static org.unmask.detect.sigma.SigmaTesting.rule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The examples of the Sigma rules specification behave as it says. */
class SpecificationTest {

  static final Path SPEC = Path.of(System.getProperty("unmask.shared", "../../shared")).resolve("data/sigma-specification");

  @Test
  void wildcards_questionMarkIsOneCharacter_starIsAny() {
    var q = rule("    s:\n        Image: 'prog?.exe'\n    condition: s\n");
    assertThat(fires(q, event("Image", "progA.exe"))).isTrue();
    assertThat(fires(q, event("Image", "prog.exe"))).isFalse();
    assertThat(fires(q, event("Image", "progAB.exe"))).isFalse();
    var star = rule("    s:\n        Image: 'antivirus_V*.exe'\n    condition: s\n");
    assertThat(fires(star, event("Image", "antivirus_V21.2.1.exe"))).isTrue();
    assertThat(fires(star, event("Image", "antivirus_V1.exe"))).isTrue();
    assertThat(fires(star, event("Image", "antivirus_V1.exe.bak"))).isFalse();
    var mid = rule("    s:\n        CommandLine: '*a*b?c*'\n    condition: s\n");
    assertThat(fires(mid, event("CommandLine", "xxaxxbzcxx"))).isTrue();
    assertThat(fires(mid, event("CommandLine", "xxaxxbcxx"))).isFalse();
  }

  @Test
  void escaping_followsTheBackslashTable() {
    var plainStar = rule("    s:\n        F: 'a\\*b'\n    condition: s\n");
    assertThat(fires(plainStar, event("F", "a*b"))).isTrue();
    assertThat(fires(plainStar, event("F", "axxb"))).isFalse();
    var plainQ = rule("    s:\n        F: 'what\\?'\n    condition: s\n");
    assertThat(fires(plainQ, event("F", "what?"))).isTrue();
    assertThat(fires(plainQ, event("F", "whatx"))).isFalse();
    var backslashThenWildcard = rule("    s:\n        F: 'C:\\\\*'\n    condition: s\n");
    assertThat(fires(backslashThenWildcard, event("F", "C:\\anything"))).isTrue();
    var both = rule("    s:\n        F: 'a\\\\\\*'\n    condition: s\n");
    assertThat(fires(both, event("F", "a\\*"))).isTrue();
    assertThat(fires(both, event("F", "a\\x"))).isFalse();
    var four = rule("    s:\n        F: 'a\\\\\\\\b'\n    condition: s\n");
    assertThat(fires(four, event("F", "a\\\\b"))).isTrue();
    var single = rule("    s:\n        F: 'C:\\Windows\\System32'\n    condition: s\n");
    assertThat(fires(single, event("F", "c:\\windows\\system32"))).isTrue();
  }


  @Test
  void escaping_loneBackslashes_andThreeBackslashes() {
    // rules spec, Escape Character: "Plain backslash not followed by a wildcard can be expressed as single \ or
    // double backslash \\"; "Three or four backslashes are handled as double backslash"
    var endsWithBackslash = rule("    s:\n        F: 'C:\\'\n    condition: s\n");
    assertThat(fires(endsWithBackslash, event("F", "C:\\"))).isTrue();
    var three = rule("    s:\n        F: 'a\\\\\\b'\n    condition: s\n");
    assertThat(fires(three, event("F", "a\\\\b"))).isTrue();
    assertThat(fires(three, event("F", "a\\b"))).isFalse();
    var beforeOther = rule("    s:\n        F: '\\n\\t'\n    condition: s\n");
    assertThat(fires(beforeOther, event("F", "\\n\\t"))).isTrue();
  }

  @Test
  void nullAndEmpty_areDifferentValues() {
    var r = rule("    selection_main:\n        FieldA: 'something'\n    selection_empty1:\n        FieldB: ''\n"
        + "    selection_empty2:\n        FieldB: null\n    condition: selection_main and 1 of selection_empty*\n");
    assertThat(fires(r, event("FieldA", "something", "FieldB", ""))).isTrue();
    assertThat(fires(r, event("FieldA", "something"))).isTrue();
    assertThat(fires(r, event("FieldA", "something", "FieldB", null))).isTrue();
    assertThat(fires(r, event("FieldA", "something", "FieldB", "x"))).isFalse();
    var notNull = rule("    selection:\n        EventID: 4738\n    filter:\n        PasswordLastSet: null\n    condition: selection and not filter\n");
    assertThat(fires(notNull, event("EventID", 4738L, "PasswordLastSet", "2024"))).isTrue();
    assertThat(fires(notNull, event("EventID", 4738L))).isFalse();
  }

  @Test
  void keywords_searchEveryStringField_orByDefault_andWithAll() {
    var any = rule("    keywords:\n        - 'EVILSERVICE'\n        - 'svchost.exe -n evil'\n    condition: keywords\n");
    assertThat(fires(any, event("Message", "service evilservice installed"))).isTrue();
    assertThat(fires(any, event("a", "x", "b", List.of("y", "run svchost.exe -n evil now")))).isTrue();
    assertThat(fires(any, event("Message", "benign"))).isFalse();
    var all = rule("    keywords_cmdlet:\n        '|all':\n            - 'OabVirtualDirectory'\n            - ' -ExternalUrl '\n    condition: keywords_cmdlet\n");
    assertThat(fires(all, event("Payload", "Set-OabVirtualDirectory -ExternalUrl http://x"))).isTrue();
    assertThat(fires(all, event("Payload", "Set-OabVirtualDirectory", "Other", " -ExternalUrl "))).isTrue();
    assertThat(fires(all, event("Payload", "Set-OabVirtualDirectory"))).isFalse();
  }

  @Test
  void keywords_searchNumbersAndBooleansToo_asTheirText() {
    // Rules specification, keywords: searched in the whole event ("the full log message"), so an
    // event id read as a JSON number is found as well as one read as text
    var id = rule("    keywords:\n        - '4688'\n    condition: keywords\n");
    assertThat(fires(id, event("EventID", 4688L))).isTrue();
    assertThat(fires(id, event("EventID", List.of(1L, 4688L)))).isTrue();
    assertThat(fires(id, event("Message", "event 4688 logged"))).isTrue();
    assertThat(fires(id, event("EventID", 4624L))).isFalse();
    var ratio = rule("    keywords:\n        - '0.25'\n    condition: keywords\n");
    assertThat(fires(ratio, event("Share", 0.25))).isTrue();
    var flag = rule("    keywords:\n        - 'true'\n    condition: keywords\n");
    assertThat(fires(flag, event("Elevated", Boolean.TRUE))).isTrue();
    assertThat(fires(flag, event("Elevated", Boolean.FALSE))).isFalse();
    var word = rule("    keywords:\n        - 'evil'\n    condition: keywords\n");
    assertThat(fires(word, event("Message", "an evil thing", "EventID", 4688L))).isTrue();
    assertThat(fires(word, event("EventID", 4688L))).isFalse();
    // a list inside a list (objects in arrays, flattened) is not a value keywords read, with or without the index
    var nested = event("a.b", List.of(List.of("x", "evil")));
    assertThat(word.matches(nested)).isEmpty();
    assertThat(word.matchesWithoutIndex(nested)).isEmpty();
  }

  @Test
  void listsAreOr_mapsAreAnd_listsOfMapsAreOr() {
    var map = rule("    selection:\n        EventLog: Security\n        EventID:\n            - 517\n            - 1102\n    condition: selection\n");
    assertThat(fires(map, event("EventLog", "Security", "EventID", 1102L))).isTrue();
    assertThat(fires(map, event("EventLog", "Security", "EventID", 4624L))).isFalse();
    assertThat(fires(map, event("EventLog", "System", "EventID", 517L))).isFalse();
    var listOfMaps = rule("    selection:\n        - Image|endswith: '\\example.exe'\n        - Description|contains: 'Test executable'\n    condition: selection\n");
    assertThat(fires(listOfMaps, event("Image", "C:\\x\\example.exe"))).isTrue();
    assertThat(fires(listOfMaps, event("Description", "A test executable"))).isTrue();
    assertThat(fires(listOfMaps, event("Image", "C:\\x\\other.exe"))).isFalse();
  }

  @Test
  void conditions_precedence_brackets_ofPatterns_them() {
    String ids = "    a:\n        A: 1\n    b:\n        B: 1\n    c:\n        C: 1\n    _d:\n        D: 1\n";
    var precedence = rule(ids + "    condition: a or b and not c\n");
    assertThat(fires(precedence, event("A", 1L, "C", 1L))).isTrue();
    assertThat(fires(precedence, event("B", 1L, "C", 1L))).isFalse();
    var brackets = rule(ids + "    condition: (a or b) and not c\n");
    assertThat(fires(brackets, event("A", 1L, "C", 1L))).isFalse();
    var oneOfThem = rule(ids + "    condition: 1 of them\n");
    assertThat(fires(oneOfThem, event("D", 1L))).as("_d is excluded from them").isFalse();
    assertThat(fires(oneOfThem, event("C", 1L))).isTrue();
    var allOfThem = rule(ids + "    condition: all of them\n");
    assertThat(fires(allOfThem, event("A", 1L, "B", 1L, "C", 1L))).isTrue();
    assertThat(fires(allOfThem, event("A", 1L, "B", 1L))).isFalse();
    String sel = "    selection_1:\n        A: 1\n    selection_2:\n        B: 1\n    filter_x:\n        C: 1\n";
    var oneOf = rule(sel + "    condition: 1 of selection_* and not 1 of filter*\n");
    assertThat(fires(oneOf, event("B", 1L))).isTrue();
    assertThat(fires(oneOf, event("B", 1L, "C", 1L))).isFalse();
    var allOf = rule(sel + "    condition: all of selection_*\n");
    assertThat(fires(allOf, event("A", 1L, "B", 1L))).isTrue();
    assertThat(fires(allOf, event("A", 1L))).isFalse();
    var list = rule(sel + "    condition:\n        - selection_1\n        - selection_2 and filter_x\n");
    assertThat(fires(list, event("B", 1L, "C", 1L))).isTrue();
    assertThat(fires(list, event("B", 1L))).isFalse();
    var nested = rule(sel + "    condition: not (not selection_1 or filter_x)\n");
    assertThat(fires(nested, event("A", 1L))).isTrue();
  }


  @Test
  void conditions_xOfBindsTighterThanNot_andPatternsMayNameUnderscoreIdentifiers() {
    // rules spec, Condition: precedence or < and < not < x of; only 'them' leaves out identifiers starting with '_'
    String ids = "    sel_1:\n        A: 1\n    sel_2:\n        B: 1\n    _hidden:\n        C: 1\n";
    var notOf = rule(ids + "    condition: not 1 of sel_* and not _hidden\n");
    assertThat(fires(notOf, event("D", 1L))).isTrue();
    assertThat(fires(notOf, event("B", 1L))).isFalse();
    var notAll = rule(ids + "    condition: not all of sel_*\n");
    assertThat(fires(notAll, event("A", 1L))).isTrue();
    assertThat(fires(notAll, event("A", 1L, "B", 1L))).isFalse();
    var underscore = rule(ids + "    condition: 1 of _*\n");
    assertThat(fires(underscore, event("C", 1L))).isTrue();
    var upper = rule(ids + "    condition: sel_1 AND NOT sel_2\n");
    assertThat(fires(upper, event("A", 1L))).isTrue();
  }

  @Test
  void conditionErrors_nameTheProblem_andTheLine() {
    List<LoadProblem> p = SigmaTesting.problems(SigmaTesting.HEADER + "    selection:\n        A: 1\n    condition: selction and (\n");
    assertThat(p).filteredOn(LoadProblem::isError).isNotEmpty().allSatisfy(e -> assertThat(e.line()).isEqualTo(9));
    List<LoadProblem> unknown = SigmaTesting.problems(SigmaTesting.HEADER + "    selection:\n        A: 1\n    condition: selction\n");
    assertThat(unknown).anySatisfy(e -> assertThat(e.toString()).contains("unknown search identifier 'selction'").contains("did you mean 'selection'?"));
  }

  @Test
  void numbersAndBooleans_matchTheirText() {
    var r = rule("    s:\n        EventID: 4688\n        Elevated: true\n    condition: s\n");
    assertThat(fires(r, event("EventID", 4688L, "Elevated", true))).isTrue();
    assertThat(fires(r, event("EventID", "4688", "Elevated", "True"))).isTrue();
    assertThat(fires(r, event("EventID", 4689L, "Elevated", true))).isFalse();
  }


  @Test
  void decimalNumbers_matchTheirText() {
    // rules spec, General: "All values are treated as case-insensitive strings": 1.0 is the text "1.0"
    var r = rule("    s:\n        Version: 1.0\n    condition: s\n");
    assertThat(fires(r, event("Version", "1.0"))).isTrue();
    assertThat(fires(r, event("Version", 1.0))).isTrue();
    assertThat(fires(r, event("Version", "1.01"))).isFalse();
    var half = rule("    s:\n        Ratio: 0.5\n    condition: s\n");
    assertThat(fires(half, event("Ratio", 0.5))).isTrue();
  }

  @Test
  void emptyString_isNotAnAbsentField() {
    // rules spec, Special Field Values: '' is an empty value, null a null one
    var empty = rule("    s:\n        F: ''\n    condition: s\n");
    assertThat(fires(empty, event("F", ""))).isTrue();
    assertThat(fires(empty, event("G", ""))).isFalse();
    assertThat(fires(empty, event(java.util.Collections.singletonMap("F", null)))).isFalse();
  }

  @Test
  void specificationTestRules_loadWithoutErrors() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(SPEC.resolve("tests"))) {
      files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    }
    List<LoadProblem> errors = new ArrayList<>();
    SigmaRuleSet set = SigmaRuleSet.load(files, Pipeline.named("none"), SigmaConfig.defaults(), p -> { if (p.isError()) errors.add(p); });
    assertThat(errors).isEmpty();
    assertThat(set.rules()).hasSize(2);
    assertThat(set.correlationDocuments()).hasSize(8);
    assertThat(set.rules().get(0).attackIds()).containsExactly("T1211", "T1562.001");
  }

  @Test
  void filters_suppressTheRulesTheyName() {
    String rule = "title: Data Compressed\nid: 6f3e2987-db24-4c78-a860-b4f4095a7095\nlogsource:\n    category: process_creation\n    product: windows\n"
        + "detection:\n    selection:\n        Image|endswith: '\\rar.exe'\n    condition: selection\nlevel: low\n";
    String filter = "---\ntitle: Filter Administrator account\nlogsource:\n    category: process_creation\n    product: windows\n"
        + "filter:\n    rules:\n        - 6f3e2987-db24-4c78-a860-b4f4095a7095\n    selection:\n        User|startswith: 'adm_'\n    condition: selection\n";
    SigmaRuleSet set = SigmaRuleSet.parse(rule + filter, "f.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    assertThat(fires(set, event("Image", "C:\\rar.exe", "User", "bob"))).isTrue();
    assertThat(fires(set, event("Image", "C:\\rar.exe", "User", "adm_bob"))).isFalse();
  }


  @Test
  void filters_applyOnlyToRulesOfTheirLogsource_namedByIdOrName() {
    // filters spec: a filter has a mandatory logsource and "refers to one or multiple Sigma rules"; as in
    // pySigma, each of category/product/service the filter names must be the rule's
    String rules = "title: Security logon\nid: 11111111-2222-4333-8444-555555555555\nname: logon_rule\n"
        + "logsource:\n    product: windows\n    service: security\ndetection:\n    selection:\n        EventID: 4624\n    condition: selection\n"
        + "---\ntitle: Data Compressed\nid: 6f3e2987-db24-4c78-a860-b4f4095a7095\nname: rar_rule\n"
        + "logsource:\n    category: process_creation\n    product: windows\ndetection:\n    selection:\n        EventID: 4624\n    condition: selection\n";
    String filter = "---\ntitle: Filter admins\nlogsource:\n    category: process_creation\n    product: windows\n"
        + "filter:\n    rules:\n        - logon_rule\n        - rar_rule\n    selection:\n        User|startswith: 'adm_'\n    condition: selection\n";
    SigmaRuleSet set = SigmaRuleSet.parse(rules + filter, "f.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    assertThat(set.matches(event("EventID", 4624L, "User", "adm_bob")))
        .extracting(m -> m.rule().name()).as("the security rule has no process_creation category").containsExactly("logon_rule");
    assertThat(set.matches(event("EventID", 4624L, "User", "bob"))).hasSize(2);
  }

  @Test
  void legacyGlobalAction_mergesIntoEachFollowingDocument() {
    String yaml = "action: global\ntitle: Remote Service\nid: 4a3a2b96-d7fc-4cb9-80e4-4a545fe95f46\nlevel: medium\n"
        + "detection:\n    selection1:\n        EventID: 4624\n    condition: selection1 or selection2\n"
        + "---\nlogsource:\n    product: windows\n    service: security\ndetection:\n    selection2:\n        EventID: 4697\n"
        + "---\nlogsource:\n    product: windows\n    service: system\ndetection:\n    selection2:\n        EventID: 7045\n";
    SigmaRuleSet set = SigmaRuleSet.parse(yaml, "g.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    assertThat(set.rules()).hasSize(2).allSatisfy(r -> assertThat(r.title()).isEqualTo("Remote Service"));
    assertThat(set.matches(event("EventID", 7045L))).hasSize(1);
    assertThat(set.matches(event("EventID", 4624L))).hasSize(2);
  }

  @Test
  void correlationDocuments_areKeptForTheCorrelationEngine_withLocation() {
    String yaml = "title: base\nname: base_rule\nid: 0e95725d-7320-415d-80f7-004da920fc11\nlogsource:\n    product: test\n"
        + "detection:\n    s:\n        A: 1\n    condition: s\n---\ntitle: many\ncorrelation:\n    type: event_count\n    rules: [base_rule]\n"
        + "    group-by: [User]\n    timespan: 5m\n    condition:\n        gte: 10\n";
    SigmaRuleSet set = SigmaRuleSet.parse(yaml, "c.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    assertThat(set.correlationDocuments()).singleElement().satisfies(c -> {
      assertThat(c.line()).isEqualTo(11);
      assertThat(c.document()).containsKey("correlation");
    });
    assertThat(set.matches(event("A", 1L))).singleElement().satisfies(m -> {
      assertThat(m.rule().name()).isEqualTo("base_rule");
      assertThat(m.rule().id()).isEqualTo("0e95725d-7320-415d-80f7-004da920fc11");
    });
  }

  @Test
  void legacyAggregation_becomesACorrelationDocument() {
    String yaml = SigmaTesting.HEADER + "    selection:\n        EventID: 4625\n    timeframe: 10m\n    condition: selection | count(TargetUserName) by IpAddress > 10\n";
    SigmaRuleSet set = SigmaRuleSet.parse(yaml, "a.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    assertThat(set.correlationDocuments()).singleElement().satisfies(c ->
        assertThat(c.document().get("correlation").toString()).contains("type=value_count").contains("timespan=10m").contains("gt=10"));
    assertThat(fires(set, event("EventID", 4625L))).isTrue();
  }
}
