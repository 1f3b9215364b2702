package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule file read back from the cache is the rule file: the same documents, values of the same
 * types in the same order, the same key lines and the same problems; an edited file is parsed
 * again; a damaged, foreign or missing cache costs only the parsing.
 */
class RuleFileCacheTest {

  @TempDir
  Path dir;

  /** Every value with its type, in order: {@code Map.equals} would ignore the order and Long against Integer. */
  static String typed(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder s = new StringBuilder("{");
      map.forEach((k, v) -> s.append(k).append('=').append(typed(v)).append(", "));
      return s.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder s = new StringBuilder("[");
      list.forEach(v -> s.append(typed(v)).append(", "));
      return s.append(']').toString();
    }
    return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
  }

  static String typed(RuleFiles.Parsed parsed) {
    StringBuilder s = new StringBuilder(parsed.file()).append('\n');
    parsed.problems().forEach(p -> s.append(p).append('\n'));
    for (YamlDocument d : parsed.documents()) {
      s.append(d.file()).append(':').append(d.line()).append(' ').append(typed(d.root())).append(' ')
          .append(new java.util.TreeMap<>(d.lines())).append('\n');
    }
    return s.toString();
  }

  private static List<Path> ruleFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).filter(SigmaRuleSet::isRuleFile).sorted().toList();
    }
  }

  @Test
  void everySigmaHqRuleFile_readBack_isTheFileParsed() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance",
        "rules-dfir", "rules-placeholder", "deprecated", "unsupported")) {
      Path p = SigmaCorpusTest.SIGMA.resolve(folder);
      if (Files.isDirectory(p)) {
        files.addAll(ruleFiles(p));
      }
    }
    assertThat(files).hasSizeGreaterThan(3000);
    RuleFileCache cache = RuleFileCache.in(dir);
    List<Path> roots = List.of(SigmaCorpusTest.SIGMA);

    CachedRuleFiles first = cache.open(roots);
    List<String> parsed = new ArrayList<>();
    for (Path f : files) {
      parsed.add(typed(RuleFiles.parse(f, first)));
    }
    first.save();

    CachedRuleFiles second = cache.open(roots);
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      assertThat(second.lookup(f.toString(), Files.readAllBytes(f))).as("%s is held", f).isNotNull();
      assertThat(typed(RuleFiles.parse(f, second))).isEqualTo(parsed.get(i));
    }
  }

  private record Loaded(List<String> rules, List<String> problems) {}

  private static Loaded load(Path folder, RuleFileCache cache) {
    List<String> problems = new ArrayList<>();
    SigmaRuleSet set = SigmaRuleSet.load(List.of(folder), Pipeline.named("evtx"), SigmaConfig.defaults(),
        p -> problems.add(p.toString()), cache);
    List<String> rules = new ArrayList<>();
    set.rules().forEach(r -> rules.add(r.id() + " " + r.title() + " " + r.file() + ":" + r.line()));
    return new Loaded(rules, problems);
  }

  /**
   * A folder of good and broken files ({@link RuleFilesTest#writeRules}), and one with a key twice:
   * every kind of problem reading finds.
   */
  private Path folderOfRules(int n) throws IOException {
    Path rules = dir.resolve("rules");
    RuleFilesTest.writeRules(rules, n);
    Path first = rules.resolve("r000.yml");
    Files.writeString(rules.resolve("r000-twice.yml"), Files.readString(first).replace("Whoami 0", "Twice 0")
        .replace("-000000000000", "-000000009999") + "level: high\n");
    return rules;
  }

  private List<Path> caches() throws IOException {
    Path folder = dir.resolve("cache");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> p.toString().endsWith(RuleFileCache.SUFFIX)).sorted().toList();
    }
  }

  @Test
  void aLoadFromTheCache_givesTheRulesAndProblemsOfALoadWithout() throws IOException {
    Path rules = folderOfRules(60);
    Loaded without = load(rules, RuleFileCache.NONE);
    assertThat(without.problems()).anyMatch(p -> p.contains("not UTF-8")).anyMatch(p -> p.contains("YAML syntax"))
        .anyMatch(p -> p.contains("duplicate key 'level'")).anyMatch(p -> p.contains("endswiht"));
    RuleFileCache cache = RuleFileCache.in(dir.resolve("cache"));
    Loaded writing = load(rules, cache);
    assertThat(caches()).hasSize(1);
    Loaded reading = load(rules, cache);
    assertThat(writing).isEqualTo(without);
    assertThat(reading).isEqualTo(without);
  }

  @Test
  void anEditedRule_isParsedAgain_evenWithItsSizeAndTimeKept() throws IOException {
    Path rules = folderOfRules(10);
    RuleFileCache cache = RuleFileCache.in(dir.resolve("cache"));
    load(rules, cache);
    Path file = rules.resolve("r000.yml");
    FileTime time = Files.getLastModifiedTime(file);
    String text = Files.readString(file);
    Files.writeString(file, text.replace("Whoami 0", "Whoam1 0")); // same length
    Files.setLastModifiedTime(file, time);

    Loaded edited = load(rules, cache);
    assertThat(edited.rules()).anyMatch(r -> r.contains("Whoam1 0")).noneMatch(r -> r.contains("Whoami 0 "));
    assertThat(edited).isEqualTo(load(rules, RuleFileCache.NONE));
  }

  @Test
  void aDamagedCache_isIgnored_andWrittenAgain() throws IOException {
    Path rules = folderOfRules(30);
    Loaded without = load(rules, RuleFileCache.NONE);
    RuleFileCache cache = RuleFileCache.in(dir.resolve("cache"));
    load(rules, cache);
    Path file = caches().get(0);
    byte[] good = Files.readAllBytes(file);
    Random random = new Random(27);
    List<byte[]> damaged = new ArrayList<>();
    damaged.add(new byte[0]);
    damaged.add(new byte[] {1, 2, 3});
    for (int i = 0; i < 40; i++) {
      damaged.add(java.util.Arrays.copyOf(good, random.nextInt(good.length))); // cut short
      byte[] flipped = good.clone();
      flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
      damaged.add(flipped);
    }
    for (byte[] bytes : damaged) {
      Files.write(file, bytes);
      assertThat(load(rules, cache)).isEqualTo(without);
      assertThat(Files.readAllBytes(file)).as("written again").isEqualTo(good);
    }
  }

  @Test
  void aCacheOfAnotherFile_doesNotServeThisOne() throws IOException {
    Path rules = folderOfRules(10);
    RuleFileCache cache = RuleFileCache.in(dir.resolve("cache"));
    CachedRuleFiles cached = cache.open(List.of(rules));
    Path a = rules.resolve("r000.yml");
    Path b = rules.resolve("r001.yml");
    RuleFiles.parse(a, cached);
    cached.save();
    CachedRuleFiles again = cache.open(List.of(rules));
    assertThat(again.lookup(a.toString(), Files.readAllBytes(a))).isNotNull();
    assertThat(again.lookup(b.toString(), Files.readAllBytes(a))).as("another name").isNull();
    assertThat(again.lookup(a.toString(), Files.readAllBytes(b))).as("other bytes").isNull();
  }

  @Test
  void noCache_writesNothing_andTheFolderKeepsTheMostRecent() throws IOException {
    Path rules = folderOfRules(10);
    load(rules, RuleFileCache.NONE);
    assertThat(caches()).isEmpty();
    RuleFileCache cache = RuleFileCache.in(dir.resolve("cache"));
    try (Stream<Path> files = Files.list(rules)) {
      for (Path one : files.sorted().toList()) { // each file alone is another set of rules
        SigmaRuleSet.load(List.of(one), Pipeline.named("evtx"), SigmaConfig.defaults(), p -> {}, cache);
      }
    }
    assertThat(caches()).hasSize(RuleFileCache.KEEP);
    try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
      assertThat(left).as("no temporary file left").allMatch(p -> p.toString().endsWith(RuleFileCache.SUFFIX));
    }
  }

  @Test
  void loadsAtOnce_shareTheCache() throws Exception {
    Path rules = folderOfRules(80);
    Loaded without = load(rules, RuleFileCache.NONE);
    RuleFileCache cache = RuleFileCache.in(dir.resolve("cache"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Loaded>> loads = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        loads.add(pool.submit(() -> load(rules, cache)));
      }
      for (Future<Loaded> l : loads) {
        assertThat(l.get()).isEqualTo(without);
      }
    } finally {
      pool.shutdown();
    }
    CachedRuleFiles after = cache.open(List.of(rules));
    Path any = rules.resolve("r000.yml");
    assertThat(after.lookup(any.toString(), Files.readAllBytes(any))).isNotNull();
  }

  /** A cache others could have written is not believed: a shared folder must not let them plant rules. */
  @Test
  void aCacheOthersMayWrite_orALink_isNotRead() throws IOException {
    Path rules = folderOfRules(10);
    RuleFileCache cache = RuleFileCache.in(dir.resolve("cache"));
    load(rules, cache);
    Path file = caches().get(0);
    Path any = rules.resolve("r000.yml");
    assertThat(cache.open(List.of(rules)).lookup(any.toString(), Files.readAllBytes(any))).as("the user's own").isNotNull();

    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
    assertThat(cache.open(List.of(rules)).lookup(any.toString(), Files.readAllBytes(any))).as("group-writable").isNull();
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--rw-"));
    assertThat(cache.open(List.of(rules)).lookup(any.toString(), Files.readAllBytes(any))).as("world-writable").isNull();

    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Path elsewhere = Files.move(file, dir.resolve("planted.cache"));
    Files.createSymbolicLink(file, elsewhere);
    assertThat(cache.open(List.of(rules)).lookup(any.toString(), Files.readAllBytes(any))).as("a link").isNull();
    assertThat(load(rules, cache)).isEqualTo(load(rules, RuleFileCache.NONE));
  }

  /** What a scan loads (the shipped rules and the user's) is the same read back from the cache. */
  @Test
  void aScansRules_loadTheSame_fromTheCache() throws IOException {
    Path user = Files.createDirectories(dir.resolve("user"));
    Files.writeString(user.resolve("rmm.yml"), """
        title: ScreenConnect started
        id: 6d1c2c52-9b7e-4c59-8a6e-0f1f2f3f4f5f
        status: test
        description: remote access
        tags: [attack.t1219]
        level: high
        logsource: {product: windows, category: process_creation}
        detection:
            selection:
                process.executable|endswith: '\\ScreenConnect.ClientService.exe'
            condition: selection
        """);
    org.unmask.risk.RiskPolicy policy = org.unmask.risk.RiskPolicy.defaults();
    List<String> without = new ArrayList<>();
    SigmaEventRules.load(List.of(user), true, policy).ruleSet().rules().forEach(r -> without.add(r.id() + " " + r.file()));
    assertThat(without).anyMatch(r -> r.startsWith("6d1c2c52")); // and the shipped rules, where the classpath has them
    RuleFileCache cache = RuleFileCache.in(dir.resolve("cache"));
    for (int run = 0; run < 2; run++) {
      List<String> cached = new ArrayList<>();
      SigmaEventRules.load(List.of(user), true, policy, cache).ruleSet().rules().forEach(r -> cached.add(r.id() + " " + r.file()));
      assertThat(cached).as("run %d", run).isEqualTo(without);
    }
    assertThat(caches()).hasSize(1);
    Path rule = user.resolve("rmm.yml");
    assertThat(cache.open(List.of(user)).lookup(rule.toString(), Files.readAllBytes(rule))).isNull(); // another set of paths
  }

  @Test
  void theCodeFingerprint_isSet() {
    assertThat(RuleFileCache.codeFingerprint()).isNotZero();
  }
}
