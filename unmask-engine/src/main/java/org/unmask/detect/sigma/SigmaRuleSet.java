package org.unmask.detect.sigma;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.unmask.detect.sigma.correlation.CorrelationEngine;
import org.unmask.detect.sigma.correlation.CorrelationRule;
import org.unmask.detect.sigma.correlation.CorrelationRuleException;
import org.unmask.detect.sigma.correlation.RuleRef;
import org.unmask.detect.sigma.correlation.StateProvider;
import org.unmask.event.Event;

/**
 * A set of Sigma rules compiled for one pipeline, ready to match events.
 *
 * <pre>{@code
 * SigmaRuleSet rules = SigmaRuleSet.load(List.of(Path.of("rules")), Pipeline.named("evtx"),
 *     SigmaConfig.defaults(), problem -> System.err.println(problem));
 * rules.match(event, match -> report(match.rule().id(), match.event()));
 * }</pre>
 *
 * <p>Loading never throws for a bad rule: each problem goes to the consumer (with file and line)
 * and the rule is left out. Filters ({@code filter:} documents) are applied to the rules they
 * name. Correlation documents are kept for the correlation engine ({@link #correlationDocuments()}).
 * Matching is thread-safe; each thread reuses its own scratch memory.
 */
public final class SigmaRuleSet {

  /** The logsource attributes a filter's logsource is compared on. */
  private static final List<String> LOGSOURCE_KEYS = List.of("category", "product", "service");

  private final Pipeline pipeline;
  private final List<SigmaRule> rules;
  private final List<SigmaRule> inactive;
  private final List<CorrelationDocument> correlations;
  private final Map<String, Partition> partitions;
  private final Partition everywhere;
  private final String[][] slotKeys;
  private final Map<String, List<Bucket.Entry>> entriesByPartition = new HashMap<>();
  private final List<Bucket.Entry> entriesAnywhere;
  private final ThreadLocal<Bucket.Scratch> scratch;

  /**
   * {@code -Dunmask.sigma.memories=off} when a rule set is loaded: no memory of recent values and
   * no decision cache for it. A diagnostic, for measuring what they save
   * ({@code org.unmask.bench.SigmaMemories}); matches are the same either way.
   */
  public static final String MEMORIES_PROPERTY = "unmask.sigma.memories";

  private SigmaRuleSet(Pipeline pipeline, RuleLoader loader, Slots slots, Consumer<LoadProblem> problems) {
    this.pipeline = pipeline;
    this.correlations = List.copyOf(loader.correlations);
    Map<String, List<RuleLoader.Filter>> filtersByTarget = new HashMap<>();
    for (RuleLoader.Filter f : loader.filters) {
      for (String target : f.targets()) {
        filtersByTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(f);
      }
    }
    List<SigmaRule> all = new ArrayList<>();
    List<SigmaRule> off = new ArrayList<>();
    Map<String, List<Bucket.Entry>> byPartition = new LinkedHashMap<>();
    List<Bucket.Entry> anywhere = new ArrayList<>();
    java.util.Set<String> targetsSeen = new java.util.HashSet<>();
    for (RuleLoader.Compiled c : loader.rules) {
      SigmaRule rule = c.rule();
      Node root = c.root();
      List<Node> parts = new ArrayList<>();
      for (String key : new String[] {rule.id(), rule.name()}) {
        for (RuleLoader.Filter f : filtersByTarget.getOrDefault(key, List.of())) {
          targetsSeen.add(key);
          if (fits(f.logsource(), rule.logsource())) {
            parts.add(new Node.Not(c.log() == null ? f.node() : f.variants().get(c.log())));
          }
        }
      }
      if (!parts.isEmpty()) {
        parts.add(0, root);
        root = Node.and(parts);
      }
      if (c.log() == null) { // a rule is listed once, however many logs it reads
        all.add(rule);
      }
      if (!c.active()) {
        off.add(rule);
        continue;
      }
      Bucket.Entry entry = new Bucket.Entry(rule, root);
      if (c.partitions() == null) {
        anywhere.add(entry);
      } else {
        for (String p : c.partitions()) {
          byPartition.computeIfAbsent(p, k -> new ArrayList<>()).add(entry);
        }
      }
    }
    for (RuleLoader.Filter f : loader.filters) {
      for (String target : f.targets()) {
        if (!targetsSeen.contains(target)) {
          problems.accept(LoadProblem.warning(f.file(), f.line(), "filter names rule '" + target + "', which is not loaded",
              "load the rule with the filter, or fix the id"));
        }
      }
    }
    this.rules = List.copyOf(all);
    this.inactive = List.copyOf(off);
    this.slotKeys = slots.all();
    this.partitions = new HashMap<>();
    java.util.concurrent.atomic.AtomicInteger automatonNumbers = new java.util.concurrent.atomic.AtomicInteger();
    // a partition's bucket also holds the rules of every partition, so each event is scanned once
    byPartition.forEach((k, v) -> {
      List<Bucket.Entry> merged = new ArrayList<>(v);
      merged.addAll(anywhere);
      partitions.put(k, new Partition(merged, slotKeys, automatonNumbers));
    });
    entriesByPartition.putAll(byPartition);
    entriesAnywhere = List.copyOf(anywhere);
    this.everywhere = new Partition(anywhere, slotKeys, automatonNumbers);
    boolean memories = !"off".equals(System.getProperty(MEMORIES_PROPERTY));
    this.scratch = ThreadLocal.withInitial(() -> new Bucket.Scratch(new EventView(slotKeys, memories), memories));
  }

  /**
   * Whether a filter's logsource covers a rule's: each of category, product and service that the
   * filter names, the rule names too, with the same value (pySigma's logsource containment). A
   * filter for process_creation does not reach a rule on another log source, even by its id.
   */
  private static boolean fits(Map<String, String> filter, Map<String, String> rule) {
    for (String key : LOGSOURCE_KEYS) {
      String wanted = filter.get(key);
      if (wanted != null && !wanted.equalsIgnoreCase(rule.get(key))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a file under a rules folder is loaded as rules: a .yml or .yaml name, in any case. */
  public static boolean isRuleFile(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yml") || n.endsWith(".yaml");
  }

  /**
   * Loads every rule file under the paths (folders are searched recursively for .yml and .yaml).
   *
   * @param problems receives every problem found; errors mean the rule was left out
   */
  public static SigmaRuleSet load(List<Path> paths, Pipeline pipeline, SigmaConfig config, Consumer<LoadProblem> problems) {
    return load(paths, pipeline, config, problems, RuleFileCache.NONE);
  }

  /**
   * The same, reading back from {@code cache} the rule files an earlier load parsed and that have
   * not changed since, byte for byte; the rules and problems are those of a load without it.
   */
  public static SigmaRuleSet load(List<Path> paths, Pipeline pipeline, SigmaConfig config, Consumer<LoadProblem> problems,
      RuleFileCache cache) {
    Slots slots = new Slots();
    RuleLoader loader = new RuleLoader(pipeline, config, slots, problems);
    CachedRuleFiles cached = cache.open(paths);
    for (Path p : paths) {
      loader.loadPath(p, cached);
    }
    cached.save();
    return new SigmaRuleSet(pipeline, loader, slots, problems);
  }

  /** Loads rules from YAML text (one or more documents), e.g. in tests. */
  public static SigmaRuleSet parse(String yaml, String file, Pipeline pipeline, SigmaConfig config, Consumer<LoadProblem> problems) {
    Slots slots = new Slots();
    RuleLoader loader = new RuleLoader(pipeline, config, slots, problems);
    loader.loadText(yaml, file);
    return new SigmaRuleSet(pipeline, loader, slots, problems);
  }

  /** Hands every rule that matches the event to {@code out}. */
  public void match(Event event, Consumer<SigmaMatch> out) {
    Bucket.Scratch s = scratch.get();
    s.view.reset(event);
    s.view.prefetch();
    String field = pipeline.partitionField();
    Partition bucket = null;
    if (field != null) {
      Object value = event.get(field);
      if (value != null && value.equals(s.lastPartitionValue)) {
        bucket = s.lastPartition; // the channel of the event before, most of the time
      } else if (value != null) {
        bucket = partitions.get(value instanceof String str ? str.toLowerCase(Locale.ROOT) : String.valueOf(value).toLowerCase(Locale.ROOT));
        s.lastPartitionValue = value;
        s.lastPartition = bucket;
      }
    }
    (bucket == null ? everywhere : bucket).match(s, out);
  }

  /**
   * The rule ids that match, found by evaluating every rule of the event's partition without the
   * prefilter: the reference the index must agree with (tests only).
   */
  List<String> matchesWithoutIndex(Event event) {
    return evaluateEveryRule(event, scratch.get().view);
  }

  /**
   * The same on a view that remembers nothing, so that no verdict of a costly test is carried from
   * one event to the next: the reference for the memories as well as the index (tests only).
   */
  List<String> matchesByPlainEvaluation(Event event) {
    return evaluateEveryRule(event, new EventView(slotKeys, false));
  }

  private List<String> evaluateEveryRule(Event event, EventView view) {
    view.reset(event);
    List<Bucket.Entry> candidates = new ArrayList<>(entriesAnywhere);
    String field = pipeline.partitionField();
    Object value = field == null ? null : event.get(field);
    if (value != null) {
      candidates.addAll(entriesByPartition.getOrDefault(String.valueOf(value).toLowerCase(Locale.ROOT), List.of()));
    }
    List<String> ids = new ArrayList<>();
    for (Bucket.Entry e : candidates) {
      if (e.root().eval(view)) {
        ids.add(e.rule().id() + "/" + e.rule().name());
      }
    }
    return ids;
  }

  /** Every compiled condition, in every partition (tests only). */
  void forEachRoot(Consumer<Node> out) {
    entriesAnywhere.forEach(e -> out.accept(e.root()));
    entriesByPartition.values().forEach(l -> l.forEach(e -> out.accept(e.root())));
  }

  /** The matches for one event, as a list. */
  public List<SigmaMatch> matches(Event event) {
    List<SigmaMatch> out = new ArrayList<>(2);
    match(event, out::add);
    return out;
  }

  /** Every rule loaded, active or not. */
  public List<SigmaRule> rules() {
    return rules;
  }

  /**
   * Rules that loaded but never run with this pipeline: their logsource has no mapping (a Linux
   * rule under the evtx pipeline).
   */
  public List<SigmaRule> inactiveRules() {
    return inactive;
  }

  /** The correlation documents found, for {@code org.unmask.detect.sigma.correlation}. */
  public List<CorrelationDocument> correlationDocuments() {
    return correlations;
  }

  /**
   * The correlation documents compiled into an engine whose windows live in {@code state}. Every
   * problem goes to {@code problems} as an error, with its file and line: a correlation that
   * cannot be read is left out, and when the set fails as a whole (a reference loop, a name used
   * twice, a reference to no loaded rule) none runs, since the chains would not be what their
   * author meant. {@code unmask rules lint}, {@code unmask match} and the scan all load them here.
   */
  public CorrelationEngine correlations(StateProvider state, Consumer<LoadProblem> problems) {
    List<CorrelationRule> parsed = new ArrayList<>();
    for (CorrelationDocument doc : correlations) {
      try {
        parsed.add(CorrelationRule.parse(doc.document(), doc.file(), doc.line(), doc::lineOf));
      } catch (CorrelationRuleException e) {
        e.problems().forEach(p -> problems.accept(LoadProblem.error(p.file(), p.line(), p.message(), "")));
      } catch (RuntimeException e) { // a shape the parser did not foresee: a rule file is input, so reported, never thrown
        problems.accept(LoadProblem.error(doc.file(), doc.line(), "correlation cannot be read: " + e, ""));
      }
    }
    List<RuleRef> known = rules.stream()
        .map(r -> new RuleRef(r.id().isEmpty() ? null : r.id(), r.name().isEmpty() ? null : r.name()))
        .toList();
    // group-by and condition fields are Sigma names, read the way this set's detection rules read them
    java.util.Map<String, List<String>> keysOf = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.function.Function<String, List<String>> eventKeys = name -> keysOf.computeIfAbsent(name, pipeline::eventFields);
    try {
      return CorrelationEngine.compile(parsed, known, state, CorrelationEngine.Limits.DEFAULT, eventKeys);
    } catch (CorrelationRuleException e) {
      e.problems().forEach(p -> problems.accept(LoadProblem.error(p.file(), p.line(), p.message(), "")));
      return CorrelationEngine.compile(List.of(), known, state);
    }
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  /** A one-line account of the index, for benchmarks and diagnostics. */
  public String describe() {
    int indexed = everywhere.indexedCount();
    int always = everywhere.alwaysCount();
    long bytes = everywhere.automatonBytes();
    for (Partition b : partitions.values()) {
      indexed += b.indexedCount();
      always += b.alwaysCount();
      bytes += b.automatonBytes();
    }
    return rules.size() + " rules (" + inactive.size() + " inactive), " + partitions.size() + " partitions, "
        + indexed + " prefiltered and " + always + " always-evaluated placements, " + (bytes / 1024) + " KiB of literal index, "
        + slotKeys.length + " fields";
  }
}
