package org.unmask.detect.sigma;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads rule files into compiled rules, filters and correlation documents. Handles the legacy
 * collections of Sigma v1 ({@code action: global}, {@code reset}, {@code repeat}) by merging
 * documents as the old converter did, and checks each rule against the specification and the
 * SigmaHQ conventions, reporting every problem rather than stopping at the first.
 */
final class RuleLoader {

  static final Set<String> TOP_LEVEL = Set.of("title", "id", "name", "related", "taxonomy", "status", "description",
      "license", "author", "references", "date", "modified", "logsource", "detection", "fields", "falsepositives",
      "level", "tags", "scope", "correlation", "filter", "action", "generate", "regression_tests_path", "simulation");
  static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
  static final List<String> STATUSES = List.of("stable", "test", "experimental", "deprecated", "unsupported");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /**
   * A rule ready to index.
   *
   * @param log the additional log this is the rule's variant for ({@link LogVariant}), or null for
   *     the rule as written
   */
  record Compiled(SigmaRule rule, Node root, List<String> partitions, boolean active, Pipeline.LogsourceMapping log) {}

  /**
   * A filter document: its condition excludes matches of the rules it names; {@code variants}, the
   * condition as each additional log of the pipeline can judge it ({@link LogVariant}).
   */
  record Filter(List<String> targets, Map<String, String> logsource, Node node, Map<Pipeline.LogsourceMapping, Node> variants,
      String file, int line) {}

  private final Pipeline pipeline;
  private final SigmaConfig config;
  private final Slots slots;
  private final Consumer<LoadProblem> problems;
  final List<Compiled> rules = new ArrayList<>();
  final List<Filter> filters = new ArrayList<>();
  final List<CorrelationDocument> correlations = new ArrayList<>();
  private final Map<String, String> seenIds = new HashMap<>();

  RuleLoader(Pipeline pipeline, SigmaConfig config, Slots slots, Consumer<LoadProblem> problems) {
    this.pipeline = pipeline;
    this.config = config;
    this.slots = slots;
    this.problems = problems;
  }

  /**
   * Loads a file, or every .yml/.yaml file under a folder, in name order; the files of a folder
   * are parsed ahead on spare cores ({@link RuleFiles}).
   */
  void loadPath(Path path, CachedRuleFiles cache) {
    loadPath(path, RuleFiles.defaultWorkers(), cache);
  }

  /** The same with a given number of parsing threads (0: this thread only). */
  void loadPath(Path path, int workers, CachedRuleFiles cache) {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).filter(SigmaRuleSet::isRuleFile).sorted().toList();
      } catch (IOException | java.io.UncheckedIOException e) {
        problems.accept(LoadProblem.error(path.toString(), 1, "cannot read folder: " + e.getMessage(), "check the path and permissions"));
        return;
      }
      RuleFiles.forEach(files, workers, cache, this::load);
    } else if (Files.isRegularFile(path)) {
      load(RuleFiles.parse(path, cache));
    } else {
      problems.accept(LoadProblem.error(path.toString(), 1, "no such file or folder", "pass a rule file or a folder of rules"));
    }
  }

  private void load(RuleFiles.Parsed parsed) {
    parsed.problems().forEach(problems);
    loadDocuments(parsed.documents(), parsed.file());
  }

  void loadText(String text, String file) {
    loadDocuments(YamlDocuments.read(text, file, problems), file);
  }

  private void loadDocuments(List<YamlDocument> documents, String file) {
    YamlDocument global = null;
    YamlDocument previous = null;
    for (YamlDocument doc : documents) {
      Object action = doc.root().get("action");
      if ("global".equals(action)) {
        global = without(doc, "action");
        continue;
      }
      if ("reset".equals(action)) {
        global = null;
        continue;
      }
      YamlDocument merged;
      if ("repeat".equals(action)) {
        if (previous == null) {
          problems.accept(LoadProblem.error(file, doc.line(), "'action: repeat' with no document before it", "put the rule to repeat first"));
          continue;
        }
        merged = merge(previous, without(doc, "action"));
      } else {
        if (action != null) {
          problems.accept(LoadProblem.error(file, doc.lineOf("action"), "unknown action '" + action + "'", "use global, reset or repeat"));
          continue;
        }
        merged = global == null ? doc : merge(global, doc);
      }
      previous = merged;
      document(merged);
    }
  }

  private static YamlDocument without(YamlDocument doc, String key) {
    Map<String, Object> root = new LinkedHashMap<>(doc.root());
    root.remove(key);
    return new YamlDocument(doc.file(), doc.line(), root, doc.lines());
  }

  private static YamlDocument merge(YamlDocument base, YamlDocument over) {
    Map<String, Integer> lines = new HashMap<>(base.lines());
    lines.putAll(over.lines());
    return new YamlDocument(over.file(), over.line(), deepMerge(base.root(), over.root()), lines);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : over.entrySet()) {
      Object old = out.get(e.getKey());
      if (old instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
        out.put(e.getKey(), deepMerge((Map<String, Object>) a, (Map<String, Object>) b));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private void document(YamlDocument doc) {
    Map<String, Object> root = doc.root();
    if (root.containsKey("correlation")) {
      correlations.add(new CorrelationDocument(root, doc.file(), doc.line(), doc.lines()));
      return;
    }
    if (root.containsKey("filter") && !root.containsKey("detection")) {
      filter(doc);
      return;
    }
    if (!root.containsKey("detection")) {
      problems.accept(LoadProblem.error(doc.file(), doc.line(), "document has no 'detection', 'filter' or 'correlation'",
          "a rule needs 'detection:' with search identifiers and a 'condition:'"));
      return;
    }
    rule(doc);
  }

  private void rule(YamlDocument doc) {
    Map<String, Object> root = doc.root();
    checkStyle(doc);
    SigmaRule meta = metadata(doc);
    if (!(root.get("detection") instanceof Map<?, ?> detectionMap)) {
      problems.accept(LoadProblem.error(doc.file(), doc.lineOf("detection"), "'detection' is not a map", "give it search identifiers and a condition"));
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> detection = (Map<String, Object>) detectionMap;
    DetectionCompiler compiler = new DetectionCompiler(pipeline, config, slots, doc, problems);
    Node node = compiler.compile(detection, "detection", Set.of());
    if (node == null) {
      return;
    }
    add(doc, meta, node, pipeline.mapping(meta.logsource()), null);
    LegacyAggregation legacy = compiler.legacyAggregation();
    if (legacy == null) {
      for (Pipeline.LogsourceMapping log : pipeline.additionalMappings(meta.logsource())) {
        Node variant = LogVariant.compile(pipeline, config, slots, log, detection, doc, "detection", Set.of(), false);
        if (!(variant instanceof Node.Const never && !never.value)) {
          add(doc, meta, variant, log, log);
        }
      }
    }
    if (legacy != null) {
      String ref = !meta.id().isEmpty() ? meta.id() : !meta.name().isEmpty() ? meta.name() : doc.file() + ":" + doc.line();
      if (meta.id().isEmpty() && meta.name().isEmpty()) {
        meta = withName(meta, ref);
        Compiled last = rules.get(rules.size() - 1);
        rules.set(rules.size() - 1, new Compiled(meta, last.root(), last.partitions(), last.active(), null));
      }
      List<String> refs = new ArrayList<>(List.of(ref));
      for (Map.Entry<String, Node> near : legacy.near().entrySet()) {
        String name = ref + "-near-" + near.getKey();
        SigmaRule nearRule = withName(new SigmaRule("", name, meta.title() + " (" + near.getKey() + ")", meta.status(),
            meta.level(), meta.description(), meta.author(), meta.references(), meta.falsepositives(), meta.tags(),
            meta.logsource(), meta.file(), meta.line()), "");
        add(doc, nearRule, near.getValue(), pipeline.mapping(meta.logsource()), null);
        refs.add(name);
      }
      correlations.add(new CorrelationDocument(legacy.correlationDocument(meta.title(), refs), doc.file(), doc.lineOf("detection/condition")));
    }
  }

  private static SigmaRule withName(SigmaRule r, String name) {
    if (name.isEmpty()) {
      return r;
    }
    return new SigmaRule(r.id(), name, r.title(), r.status(), r.level(), r.description(), r.author(), r.references(),
        r.falsepositives(), r.tags(), r.logsource(), r.file(), r.line());
  }

  /** Adds a compiled rule, guarded by what its logsource maps to in the pipeline ({@code mapping}). */
  private void add(YamlDocument doc, SigmaRule meta, Node node, Pipeline.LogsourceMapping mapping, Pipeline.LogsourceMapping log) {
    List<String> partitions = null;
    boolean active = true;
    if (mapping == null) {
      active = pipeline.matchUnmapped();
    } else {
      List<Node> guard = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (String dataset : mapping.datasets()) {
        values.add(dataset.toLowerCase(Locale.ROOT));
      }
      Map<String, Object> conditions = new LinkedHashMap<>();
      for (Map.Entry<String, List<Object>> c : mapping.conditions().entrySet()) {
        List<String> fields = pipeline.eventFields(c.getKey());
        if (pipeline.partitionField() != null && fields.get(0).equals(pipeline.partitionField())) {
          c.getValue().forEach(v -> values.add(String.valueOf(v).toLowerCase(Locale.ROOT)));
        } else {
          conditions.put(c.getKey(), c.getValue());
        }
      }
      if (!conditions.isEmpty()) {
        YamlDocument synthetic = new YamlDocument(doc.file(), doc.lineOf("logsource"), Map.of(), Map.of());
        Node g = new DetectionCompiler(pipeline, config, slots, synthetic, problems).selection(conditions);
        if (g != null) {
          guard.add(g);
        }
      }
      if (!values.isEmpty() && pipeline.partitionField() != null) {
        partitions = values;
      }
      if (!guard.isEmpty()) {
        guard.add(node);
        node = Node.and(guard);
      }
    }
    rules.add(new Compiled(meta, node, partitions, active, log));
  }

  private void filter(YamlDocument doc) {
    Map<String, Object> root = doc.root();
    if (!(root.get("filter") instanceof Map<?, ?> filterMap)) {
      problems.accept(LoadProblem.error(doc.file(), doc.lineOf("filter"), "'filter' is not a map", "give it 'rules:', a selection and a condition"));
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> section = (Map<String, Object>) filterMap;
    List<String> targets = strings(section.get("rules"));
    if (targets.isEmpty()) {
      problems.accept(LoadProblem.error(doc.file(), doc.lineOf("filter"), "filter names no rules", "list rule ids or names under 'filter: rules:'"));
      return;
    }
    if (!(root.get("title") instanceof String)) {
      problems.accept(LoadProblem.warning(doc.file(), doc.line(), "filter has no title", "add 'title:'"));
    }
    Node node = new DetectionCompiler(pipeline, config, slots, doc, problems).compile(section, "filter", Set.of("rules"));
    if (node != null) {
      Map<Pipeline.LogsourceMapping, Node> variants = new HashMap<>();
      for (Pipeline.LogsourceMapping log : pipeline.additionalMappings()) {
        variants.put(log, LogVariant.compile(pipeline, config, slots, log, section, doc, "filter", Set.of("rules"), true));
      }
      filters.add(new Filter(targets, logsource(root.get("logsource")), node, variants, doc.file(), doc.line()));
    }
  }

  private SigmaRule metadata(YamlDocument doc) {
    Map<String, Object> r = doc.root();
    return new SigmaRule(text(r.get("id")), text(r.get("name")), text(r.get("title")), text(r.get("status")),
        text(r.get("level")).toLowerCase(Locale.ROOT), text(r.get("description")), text(r.get("author")),
        strings(r.get("references")), strings(r.get("falsepositives")), strings(r.get("tags")),
        logsource(r.get("logsource")), doc.file(), doc.line());
  }

  private static final List<String> LOGSOURCE_KEYS = List.of("category", "product", "service", "definition");

  private void checkStyle(YamlDocument doc) {
    Map<String, Object> r = doc.root();
    String file = doc.file();
    for (String key : r.keySet()) {
      if (!TOP_LEVEL.contains(key)) {
        String best = Suggest.closest(key, TOP_LEVEL);
        if (best != null) {
          warn(doc, key, "unknown attribute '" + key + "'", "did you mean '" + best + "'?");
        }
      }
    }
    if (r.get("logsource") instanceof Map<?, ?> logsource) {
      // the specification's logsource attributes; others may be a pipeline's own, so only a near
      // miss of these is worth a word: 'categroy' would leave the rule unmapped, in silence
      for (Object key : logsource.keySet()) {
        String k = String.valueOf(key);
        if (!LOGSOURCE_KEYS.contains(k)) {
          String best = Suggest.closest(k, LOGSOURCE_KEYS);
          if (best != null) {
            warn(doc, "logsource/" + k, "unknown logsource attribute '" + k + "'", "did you mean '" + best + "'?");
          }
        }
      }
    }
    Object title = r.get("title");
    if (!(title instanceof String t) || t.isBlank()) {
      warn(doc, "", "rule has no title", "add 'title:' saying what the rule detects");
    } else if (t.length() > 256) {
      warn(doc, "title", "title is " + t.length() + " characters, over the specification's 256", "shorten it");
    } else if (t.length() > 110) {
      warn(doc, "title", "title is " + t.length() + " characters, over the SigmaHQ convention's 110", "shorten it");
    }
    Object id = r.get("id");
    if (id == null) {
      warn(doc, "", "rule has no id", "add 'id:' with a random UUID (uuidgen)");
    } else {
      String s = String.valueOf(id);
      if (!UUID.matcher(s).matches()) {
        warn(doc, "id", "id '" + s + "' is not a UUID", "use a random UUID (uuidgen)");
      }
      String other = seenIds.putIfAbsent(s, file + ":" + doc.line());
      if (other != null && !other.startsWith(file + ":")) {
        warn(doc, "id", "id " + s + " is also used by " + other, "give each rule its own id");
      }
    }
    Object level = r.get("level");
    if (level == null) {
      warn(doc, "", "rule has no level", "add 'level:' (" + String.join(", ", LEVELS) + ")");
    } else if (!LEVELS.contains(String.valueOf(level))) {
      String best = Suggest.closest(String.valueOf(level), LEVELS);
      warn(doc, "level", "level '" + level + "' is not one of " + LEVELS, best == null ? "" : "did you mean '" + best + "'?");
    }
    Object status = r.get("status");
    if (status != null && !STATUSES.contains(String.valueOf(status))) {
      warn(doc, "status", "status '" + status + "' is not one of " + STATUSES, "");
    }
    if (r.get("description") == null) {
      warn(doc, "", "rule has no description", "add 'description:'");
    }
    if (!(r.get("tags") instanceof List<?> tags) || tags.isEmpty()) {
      warn(doc, "", "rule has no tags", "add ATT&CK tags such as 'attack.t1219'");
    }
    if (!(r.get("falsepositives") instanceof List<?> fp) || fp.isEmpty()) {
      warn(doc, "", "rule lists no falsepositives", "add 'falsepositives:' (or '- Unknown')");
    }
    if (!(r.get("logsource") instanceof Map<?, ?> ls) || ls.isEmpty()) {
      warn(doc, "", "rule has no logsource", "add 'logsource:' with product/category/service; without it the rule runs on every event");
    }
  }

  private void warn(YamlDocument doc, String path, String message, String suggestion) {
    problems.accept(LoadProblem.warning(doc.file(), path.isEmpty() ? doc.line() : doc.lineOf(path), message, suggestion));
  }

  private static Map<String, String> logsource(Object v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, val) -> {
        if (val != null && !(val instanceof Map<?, ?>) && !(val instanceof List<?>)) {
          out.put(String.valueOf(k), String.valueOf(val));
        }
      });
    }
    return out;
  }

  static String text(Object v) {
    return v == null ? "" : String.valueOf(v);
  }

  static List<String> strings(Object v) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().filter(x -> x != null).map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }
}
