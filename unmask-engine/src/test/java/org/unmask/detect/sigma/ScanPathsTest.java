package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of the literal scan (ASCII values, short literals, the character-set test, the
 * memo of recent values) find exactly what a plain case-insensitive {@code contains} finds.
 */
class ScanPathsTest {

  private static final String ALPHABET = "abcXYZ:\\.-_ =/\"'`$%{}01éσςΣſsİıiµμ";

  @Test
  void gramIndex_findsWhatContainsFinds_onRandomValuesAndLiterals() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      // few literals take the character-set path, many do not
      int count = round % 3 == 0 ? 100 : 1 + random.nextInt(12);
      List<String> literals = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        literals.add(SigmaString.lower(randomText(random, 1 + random.nextInt(10))));
      }
      GramIndex index = indexOf(literals);
      ScanMemo memo = new ScanMemo();
      for (int v = 0; v < 40; v++) {
        assertScansFindWhatContainsFinds(index, memo, literals, randomText(random, random.nextInt(60)));
      }
    }
  }

  private static GramIndex indexOf(List<String> literals) {
    int[] payloads = new int[literals.size()];
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = i;
    }
    return new GramIndex(literals, payloads);
  }

  /**
   * The index's test before a scan lets the value through when it holds a literal, and the scan,
   * direct and through the memory (first and later lookups, the value tested by the caller or not),
   * finds the literals that contains() finds in the folded value.
   */
  private static void assertScansFindWhatContainsFinds(GramIndex index, ScanMemo memo, List<String> literals, String value) {
    TreeSet<Integer> expected = new TreeSet<>();
    for (int i = 0; i < literals.size(); i++) {
      if (SigmaString.lower(value).contains(literals.get(i))) {
        expected.add(i);
      }
    }
    assertThat(index.mayContainAny(value) || expected.isEmpty()).as("test of %s before '%s'", literals, value).isTrue();
    TreeSet<Integer> direct = new TreeSet<>();
    index.scan(value, direct::add);
    assertThat(direct).as("literals %s in '%s'", literals, value).isEqualTo(expected);
    for (int twice = 0; twice < 4; twice++) {
      TreeSet<Integer> remembered = new TreeSet<>();
      memo.scan(index, value, new char[value.length()], remembered::add, twice % 2 == 0);
      assertThat(remembered).as("memo, literals %s in '%s'", literals, value).isEqualTo(expected);
    }
  }

  /**
   * ASCII literals in values with Latin-1 characters past ASCII ("Microsoft® Windows®", "é", "µ"),
   * which take the ASCII scan with a stand-in for those characters: it must find what contains()
   * finds in the folded value, also when a character past Latin-1 ('ſ' folds to 's') sends the value
   * to the general scan, and the character test before the scan must let every such value through.
   */
  @Test
  void asciiLiterals_inValuesWithLatin1Characters_findWhatContainsFinds() {
    StringBuilder printable = new StringBuilder();
    for (char c = ' '; c < 0x7F; c++) {
      printable.append(c);
    }
    String latin1 = "®éÉµßÿÀ×\u00a0\u0080";
    String past = "ſ\u212Aİı";
    Random random = new Random(11);
    for (int round = 0; round < 400; round++) {
      // a few literals over a few characters (the compact character sets), up to 64 over all of
      // ASCII (the 128-bit sets), more than 64 (no character test)
      String ascii = round % 3 == 1 ? printable.toString() : "abcXYZ:\\.- ";
      int count = round % 3 == 1 ? 40 : round % 6 == 0 ? 80 : 1 + random.nextInt(8);
      List<String> literals = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        literals.add(SigmaString.lower(randomText(random, ascii, 1 + random.nextInt(6))));
      }
      ascii += "\u0001"; // the values may hold the scan's stand-in character themselves
      GramIndex index = indexOf(literals);
      ScanMemo memo = new ScanMemo();
      for (int v = 0; v < 40; v++) {
        assertScansFindWhatContainsFinds(index, memo, literals, randomText(random, ascii + latin1 + (v % 5 == 0 ? past : ""), random.nextInt(50)));
      }
    }
    GramIndex keywords = new GramIndex(List.of("kiwi legit printer", "sekurlsa::"), new int[] {0, 1});
    TreeSet<Integer> found = new TreeSet<>();
    keywords.scan("Microsoft® Windows® KIWI Legit Printer", found::add);
    keywords.scan("mimikatz ſekurlſa::logonpasswords", found::add);
    assertThat(found).containsExactly(0, 1);
    TreeSet<Integer> none = new TreeSet<>();
    keywords.scan("Kiwi® Legit Printer, sekurl\u00e0sa::", none::add);
    assertThat(none).isEmpty();
  }

  /**
   * The keyword list's test before a scan: a GUID, a time or a host name lacks some character of
   * every keyword and is not scanned; a value with every character of one keyword, in any order
   * and any case, is.
   */
  @Test
  void keywordCharacterTest_skipsValuesMissingACharacterOfEveryKeyword() {
    GramIndex keywords = new GramIndex(List.of("sekurlsa::", "kerberos::ptt", "mimidrv.sys", "\\mimilib.dll"), new int[] {0, 1, 2, 3});
    for (String clear : List.of("{E7735E61-46B0-76C3-C8FF-EB266F70BFEE}", "2026-05-04 08:00:00.037", "LT-0.corp.example.com",
        "Microsoft-Windows-Sysmon/Operational", "sekurlsa:")) {
      assertThat(keywords.mayContainAny(clear)).as(clear).isFalse();
    }
    for (String maybe : List.of("SEKURLSA::logonpasswords", "x sekurlsa: :x", "ASLRUKES::", "C:\\x\\MIMILIB.DLL", "sekurlsa\u0130::")) {
      assertThat(keywords.mayContainAny(maybe)).as(maybe).isTrue();
    }
  }

  /**
   * A short list of literals is first tested for a few punctuation characters one of which each
   * literal holds (':' '.' ' ' for mimikatz's keywords): sound only if folding never turns another
   * character into one of them, checked here for every code point, alone and after a letter.
   */
  @Test
  void markCharacters_comeOnlyFromThemselves_whenFolded() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      String one = new String(Character.toChars(c));
      for (String text : List.of(one, "A" + one)) {
        String folded = SigmaString.lower(text);
        for (int i = 0; i < folded.length(); i++) {
          char f = folded.charAt(i);
          if (GramIndex.markable(f) && text.indexOf(f) < 0) {
            throw new AssertionError(String.format("U+%04X folds to mark '%c'", c, f));
          }
        }
      }
    }
    GramIndex keywords = new GramIndex(List.of("sekurlsa::", "gentilkiwi.com", "kiwi legit printer"), new int[] {0, 1, 2});
    assertThat(keywords.mayContainAny("SEKURLSA_GENTILKIWICOM_KIWILEGITPRINTER_sekurlsa")).as("no ':', '.' or ' '").isFalse();
    assertThat(keywords.mayContainAny("Kiwi Legit Printer")).isTrue();
  }

  @Test
  void shortValues_andLongLiterals_findWhatContainsFinds() {
    // the gate reads as many characters as the shortest literal has; values shorter than it are skipped
    // folded, as the prefilter hands them over (SigmaString.lower: U+0130 is an i, not i and a dot)
    List<String> literals = List.of("imphash=3f00aa11", "md5=0123456789ab", "sekurlsa::", SigmaString.lower("\u0130stanbul"), "\u0131x");
    GramIndex index = new GramIndex(literals, new int[] {0, 1, 2, 3, 4});
    for (String value : List.of("IMPHASH=3F00AA11,MD5=0123456789AB", "xxsekurlsa::x", "sekurlsa:", "\u0130STANBUL", "\u0130stanbul", "\u0131X", "a", "")) {
      TreeSet<Integer> expected = new TreeSet<>();
      for (int i = 0; i < literals.size(); i++) {
        if (SigmaString.lower(value).contains(SigmaString.lower(literals.get(i)))) {
          expected.add(i);
        }
      }
      TreeSet<Integer> found = new TreeSet<>();
      index.scan(value, found::add);
      assertThat(found).as(value).isEqualTo(expected);
      assertThat(index.mayContainAny(value) || expected.isEmpty()).as(value).isTrue();
    }
    // a literal lower-cased as Java does, İ as i and a combining dot, is still found where the value has them
    GramIndex dotted = new GramIndex(List.of("\u0130x".toLowerCase(Locale.ROOT)), new int[] {7});
    TreeSet<Integer> found = new TreeSet<>();
    dotted.scan("i\u0307X", found::add);
    assertThat(found).containsExactly(7);
  }

  @Test
  void aMemoryThatRests_whileValuesDoNotRepeat_stillFindsWhatContainsFinds() {
    Random random = new Random(11);
    List<String> literals = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      literals.add(SigmaString.lower(randomText(random, 3 + random.nextInt(6))));
    }
    int[] payloads = new int[literals.size()];
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = i;
    }
    GramIndex index = new GramIndex(literals, payloads);
    ScanMemo memo = new ScanMemo();
    List<String> repeated = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      repeated.add(randomText(random, 40));
    }
    // new values only (the memory rests), then mostly repeated ones (it samples and remembers again)
    for (int v = 0; v < 100_000; v++) {
      String value = v < 70_000 || random.nextInt(8) == 0 ? randomText(random, random.nextInt(40)) : repeated.get(random.nextInt(repeated.size()));
      TreeSet<Integer> expected = new TreeSet<>();
      for (int i = 0; i < literals.size(); i++) {
        if (SigmaString.lower(value).contains(literals.get(i))) {
          expected.add(i);
        }
      }
      TreeSet<Integer> found = new TreeSet<>();
      memo.scan(index, value, new char[value.length()], found::add, (v & 1) == 0);
      assertThat(found).as("'%s' after %d values", value, v).isEqualTo(expected);
    }
  }

  @Test
  void aThreadRemembersValuesForAtMost64Indexes_andTheRestStillFindEverything() {
    Bucket.Scratch scratch = new Bucket.Scratch(new EventView(new String[0][]));
    java.util.Set<ScanMemo> remembering = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int automaton = 0; automaton < 200; automaton++) {
      ScanMemo memo = scratch.memo(automaton);
      assertThat(scratch.memo(automaton)).isSameAs(memo);
      if (memo != ScanMemo.NONE_LEFT) {
        remembering.add(memo);
      }
    }
    assertThat(remembering).hasSize(ScanMemo.MAX_PER_THREAD);
    GramIndex index = new GramIndex(List.of("mimikatz", "::"), new int[] {0, 1});
    TreeSet<Integer> found = new TreeSet<>();
    ScanMemo.NONE_LEFT.scan(index, "run MIMIKATZ sekurlsa::", new char[64], found::add, false);
    assertThat(found).containsExactly(0, 1);
  }

  @Test
  void decisionCache_givesEachValueItsOwnVerdict_evenWhenValuesCollide() {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      list.append("            - '\\\\tool").append(i).append(".exe'\n");
    }
    String yaml = "title: long list\nid: 71111111-2222-4333-8444-555555555555\nlogsource:\n    product: test\n"
        + "detection:\n    s:\n        Image|endswith:\n" + list + "    condition: s\n";
    SigmaRuleSet rules = SigmaRuleSet.parse(yaml, "d.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    // far more distinct values than the cache has slots, interleaved, each asked several times
    for (int pass = 0; pass < 3; pass++) {
      for (int i = 0; i < 20_000; i++) {
        boolean should = i % 7 == 0;
        String image = "C:\\x\\" + (should ? "tool" + (i % 12) : "other" + i) + ".exe";
        assertThat(SigmaTesting.fires(rules, SigmaTesting.event("Image", image))).as(image).isEqualTo(should);
      }
    }
  }

  @Test
  void withoutMemories_theRulesMatchTheSame() throws java.io.IOException {
    System.setProperty(SigmaRuleSet.MEMORIES_PROPERTY, "off");
    SigmaRuleSet without;
    try {
      without = SigmaRuleSet.load(List.of(SigmaCorpusTest.SIGMA.resolve("rules/windows")), Pipeline.named("evtx"),
          SigmaConfig.defaults(), p -> {});
    } finally {
      System.clearProperty(SigmaRuleSet.MEMORIES_PROPERTY);
    }
    SigmaRuleSet with = SigmaRuleSet.load(List.of(SigmaCorpusTest.SIGMA.resolve("rules/windows")), Pipeline.named("evtx"),
        SigmaConfig.defaults(), p -> {});
    List<org.unmask.event.Event> events = new ArrayList<>();
    try (var files = java.nio.file.Files.walk(SigmaCorpusTest.SIGMA.resolve("regression_data"))) {
      for (var json : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonEvents.read(json, events::add, r -> {});
      }
    }
    int matched = 0;
    for (int pass = 0; pass < 2; pass++) { // the second pass from the memories
      for (var e : events) {
        var a = with.matches(e).stream().map(m -> m.rule().title()).toList();
        assertThat(a).isEqualTo(without.matches(e).stream().map(m -> m.rule().title()).toList());
        matched += a.size();
      }
    }
    assertThat(matched).isGreaterThan(200);
  }

  @Test
  void rememberedVerdicts_dependOnEveryFieldTheRuleReads_absentNullAndListsIncluded() {
    StringBuilder images = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      images.append("            - '\\\\tool").append(i).append(".exe'\n");
    }
    String yaml = "title: costly\nid: 91111111-2222-4333-8444-555555555555\nlogsource:\n    product: test\n"
        + "detection:\n    s:\n        Image|endswith:\n" + images
        + "    f:\n        ParentImage|startswith:\n            - 'C:\\\\Windows\\\\'\n            - 'C:\\\\Program Files\\\\'\n"
        + "    u:\n        User: null\n"
        + "    d:\n        DestinationIp|cidr:\n            - '10.0.0.0/8'\n            - '192.168.0.0/16'\n"
        + "    condition: s and not f and not u and not d\n";
    SigmaRuleSet with = SigmaRuleSet.parse(yaml, "r.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    System.setProperty(SigmaRuleSet.MEMORIES_PROPERTY, "off");
    SigmaRuleSet without;
    try {
      without = SigmaRuleSet.parse(yaml, "r.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    } finally {
      System.clearProperty(SigmaRuleSet.MEMORIES_PROPERTY);
    }
    // thirty endswith values cost more than Node.Remembered.MIN_COST, and the rule reads four fields: remembered
    Random random = new Random(5);
    int fired = 0;
    // few combinations met many times (verdicts from the memory), and many met once, which share
    // the memory's slots: a verdict must never be reused for another combination
    for (int i = 0; i < 30_000; i++) {
      boolean few = random.nextBoolean();
      int n = few ? random.nextInt(3) : random.nextInt(40);
      java.util.Map<String, Object> fields = new java.util.HashMap<>();
      put(fields, "Image", switch (random.nextInt(5)) {
        case 0 -> "C:\\x\\tool" + n % 30 + ".exe";
        case 1 -> "C:\\x\\other" + n + ".exe";
        case 2 -> List.of("C:\\x\\other.exe", "C:\\x\\tool" + n % 30 + ".exe");
        case 3 -> null;
        default -> "<absent>";
      });
      put(fields, "ParentImage", switch (random.nextInt(4)) {
        case 0 -> "C:\\Windows\\p" + n + ".exe";
        case 1 -> "D:\\evil\\p" + n + ".exe";
        case 2 -> null;
        default -> "<absent>";
      });
      put(fields, "User", switch (random.nextInt(3)) {
        case 0 -> "u" + n;
        case 1 -> null;
        default -> "<absent>";
      });
      put(fields, "DestinationIp", switch (random.nextInt(5)) {
        case 0 -> "10.0." + n + ".1";
        case 1 -> "8.8." + n + ".8";
        case 2 -> "192.168." + n + ".1";
        case 3 -> "not an address";
        default -> "<absent>";
      });
      org.unmask.event.Event event = SigmaTesting.event(fields);
      boolean expected = SigmaTesting.fires(without, event);
      assertThat(SigmaTesting.fires(with, event)).as("%s", fields).isEqualTo(expected);
      fired += expected ? 1 : 0;
    }
    assertThat(fired).isBetween(500, 29_000);
  }

  @Test
  void fieldsAreReadRight_whenKeysComeInAnotherOrder_orAsOtherInstances() {
    String yaml = "title: two fields\nid: a1111111-2222-4333-8444-555555555555\nlogsource:\n    product: test\n"
        + "detection:\n    s:\n        Image|endswith: '\\\\a.exe'\n        User: 'bob'\n    condition: s\n";
    SigmaRuleSet rules = SigmaRuleSet.parse(yaml, "k.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    List<String> keys = List.of("Image", "User", "Other", "More", "Last");
    Random random = new Random(9);
    for (int i = 0; i < 3_000; i++) {
      List<String> order = new ArrayList<>(keys.subList(0, 2 + random.nextInt(4)));
      java.util.Collections.shuffle(order, random);
      boolean image = random.nextBoolean();
      boolean user = random.nextBoolean();
      java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
      for (String key : order) {
        String k = random.nextBoolean() ? key : new String(key);
        fields.put(k, switch (key) {
          case "Image" -> image ? "C:\\x\\a.exe" : "C:\\x\\b.exe";
          case "User" -> user ? "bob" : "eve";
          default -> "v" + random.nextInt(3);
        });
      }
      org.unmask.event.Event event = SigmaTesting.event(fields);
      assertThat(SigmaTesting.fires(rules, event)).as("%s", fields).isEqualTo(image && user);
    }
  }

  /** A field's value in one event never leaks into the next: a string, then null, a list, a number. */
  @Test
  void aFieldsValue_isTheEventsOwn_whateverTheFieldHeldBefore() {
    String yaml = "title: no user\nid: c1111111-2222-4333-8444-555555555555\nlogsource:\n    product: test\n"
        + "detection:\n    s:\n        User: null\n    condition: s\n---\n"
        + "title: bob\nid: d1111111-2222-4333-8444-555555555555\nlogsource:\n    product: test\n"
        + "detection:\n    s:\n        User: 'bob'\n    condition: s\n";
    SigmaRuleSet rules = SigmaRuleSet.parse(yaml, "n.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    Object[] users = {"bob", null, "bob", List.of("eve", "bob"), null, 5L, "<absent>", "eve", List.of(), "bob"};
    for (Object user : users) {
      java.util.Map<String, Object> fields = new java.util.HashMap<>();
      fields.put("Host", "ws-1");
      put(fields, "User", user);
      List<String> fired = rules.matches(SigmaTesting.event(fields)).stream().map(m -> m.rule().title()).toList();
      // an empty list holds no value: null for Sigma, as an absent field is
      List<String> expected = user == null || "<absent>".equals(user) || List.of().equals(user) ? List.of("no user")
          : "bob".equals(user) || (user instanceof List<?> l && l.contains("bob")) ? List.of("bob") : List.of();
      assertThat(fired).as("User %s", user).isEqualTo(expected);
    }
  }

  @Test
  void keywordSearch_findsAKeywordWhereTheSameFieldHeldNoneTheEventBefore() {
    String yaml = "title: words\nid: b1111111-2222-4333-8444-555555555555\nlogsource:\n    product: test\n"
        + "detection:\n    keywords:\n        - 'sekurlsa::'\n        - 'gentilkiwi.com'\n    condition: keywords\n";
    SigmaRuleSet rules = SigmaRuleSet.parse(yaml, "k.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    // all of one length, so that only their text tells them apart
    String[] values = {"nothing here at all", "xx sekurlsa::xxxxxx", "nothing here at all", "see gentilkiwi.com!", "Nothing Here At All"};
    for (int i = 0; i < 50; i++) {
      String value = values[i % values.length];
      java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
      fields.put("Host", "ws-1"); // the same every time, before the field that changes
      fields.put("Note", value);
      org.unmask.event.Event event = SigmaTesting.event(fields);
      assertThat(SigmaTesting.fires(rules, event)).as(value).isEqualTo(!value.equalsIgnoreCase("nothing here at all"));
    }
  }

  private static void put(java.util.Map<String, Object> fields, String key, Object value) {
    if (!"<absent>".equals(value)) {
      fields.put(key, value); // a null value: the field is present and null
    }
  }

  @Test
  void decisionCache_isNotUsedForTestsThatReadAnotherField() {
    String yaml = "title: same\nid: 81111111-2222-4333-8444-555555555555\nlogsource:\n    product: test\n"
        + "detection:\n    s:\n        User|fieldref|endswith:\n            - Target\n            - Other\n            - Third\n"
        + "    condition: s\n";
    SigmaRuleSet rules = SigmaRuleSet.parse(yaml, "f.yml", Pipeline.named("none"), SigmaConfig.defaults(), p -> {});
    assertThat(SigmaTesting.fires(rules, SigmaTesting.event("User", "alice", "Target", "alice"))).isTrue();
    assertThat(SigmaTesting.fires(rules, SigmaTesting.event("User", "alice", "Target", "bob"))).isFalse();
    assertThat(SigmaTesting.fires(rules, SigmaTesting.event("User", "alice", "Third", "alice"))).isTrue();
  }

  private static String randomText(Random random, int length) {
    return randomText(random, ALPHABET, length);
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
