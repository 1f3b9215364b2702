package org.unmask.detect.sigma;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A processing pipeline in the spirit of pySigma: how Sigma's field names and logsources map onto
 * the fields of the events we actually read. Pipelines are YAML resources under
 * {@code org/unmask/detect/sigma/pipelines/}; see docs/rules.md#pipelines for the format.
 *
 * <ul>
 *   <li>{@code fields}: Sigma field name to one or more event fields (the first present is used);
 *       unlisted fields go through {@code field_default} ({@code Event.EventData.{field}}), or
 *       are used as written.
 *   <li>{@code logsources}: a logsource ({@code product}, {@code category}, {@code service};
 *       every key given must equal the rule's) to extra conditions ({@code Channel},
 *       {@code EventID}) and/or an {@code event.dataset}. The first entry that fits wins.
 *       An entry with {@code also: true} is a second log of the same activity (Security 4688
 *       beside Sysmon 1 for process creation): its {@code fields} rename Sigma's fields to that
 *       log's, and a rule gets a variant there only when every field it reads has a name there,
 *       so a filter on a field the log lacks never silently stops excluding.
 *   <li>{@code partition_field}: the event field whose value selects the rules to evaluate
 *       (the channel, the dataset); rules are indexed by the values their logsource maps to.
 *   <li>{@code unmapped_logsources}: {@code skip} (rules whose logsource has no entry never run,
 *       since their events cannot arrive through this pipeline) or {@code match} (they run on
 *       every event).
 *   <li>{@code values}: a Sigma field whose values this shape writes differently, in another
 *       field: Sysmon's {@code Initiated: 'true'} is ECS's {@code network.direction: egress}.
 *       Each value of a rule found in the {@code map} is tested as its replacements (any of them);
 *       others are tested as written, in the new field.
 * </ul>
 */
public final class Pipeline {

  /** The pipelines shipped as resources. */
  public static final List<String> NAMES = List.of("ecs", "evtx", "winlogbeat", "none");

  private final String name;
  private final String partitionField;
  private final boolean matchUnmapped;
  private final String fieldDefault;
  private final Map<String, List<String>> fields;
  private final List<LogsourceMapping> logsources;

  /**
   * Where the parts of Sigma's {@code Hashes} field live in this shape ({@code sha256} to
   * {@code process.hash.sha256}): Sysmon writes one {@code SHA256=…,IMPHASH=…} string, ECS one
   * field per algorithm. Empty when the shape keeps Sysmon's string.
   */
  private final Map<String, String> hashFields;

  /** Sigma fields whose values this shape writes in another field, with other words (see {@code values}). */
  private final Map<String, ValueMap> valueMaps;

  /**
   * One entry of {@code values}: the field a Sigma field's values are tested in, and the
   * replacements of some of them, by lower-cased value.
   */
  record ValueMap(String field, Map<String, List<String>> replacements) {}

  /** For a view through an additional log's names: Sigma field to that log's; else null. */
  private final Map<String, String> renames;
  /** Told each Sigma field the renames lack. */
  private final Consumer<String> unrenamed;
  /** Told each Sigma field the renames have. */
  private final Consumer<String> renamedRead;

  /**
   * How one logsource maps: conditions on Sigma fields, and/or datasets of the partition field;
   * for an additional log ({@code also: true}), the Sigma fields it has, by their name there.
   */
  record LogsourceMapping(Map<String, String> logsource, Map<String, List<Object>> conditions, List<String> datasets,
      boolean additional, Map<String, String> renames, boolean exact) {
    /**
     * Whether a rule's logsource fits: every attribute this entry names, with the same value. An
     * {@code exact} entry also wants the rule to name no category or service this entry does not:
     * the Windows catch-all ({@code product: windows}) is for rules about any Windows log, and a
     * rule of a category no entry maps (file_access, or a typo) must not run on every channel.
     */
    boolean fits(Map<String, String> rule) {
      if (exact) {
        for (String key : List.of("category", "service")) {
          if (rule.get(key) != null && !logsource.containsKey(key)) {
            return false;
          }
        }
      }
      for (Map.Entry<String, String> e : logsource.entrySet()) {
        String value = rule.get(e.getKey());
        if (value == null || !value.equalsIgnoreCase(e.getValue())) {
          return false;
        }
      }
      return true;
    }
  }

  private Pipeline(String name, String partitionField, boolean matchUnmapped, String fieldDefault,
      Map<String, List<String>> fields, List<LogsourceMapping> logsources, Map<String, String> hashFields,
      Map<String, ValueMap> valueMaps) {
    this(name, partitionField, matchUnmapped, fieldDefault, fields, logsources, hashFields, valueMaps, null, f -> { }, f -> { });
  }

  private Pipeline(String name, String partitionField, boolean matchUnmapped, String fieldDefault,
      Map<String, List<String>> fields, List<LogsourceMapping> logsources, Map<String, String> hashFields,
      Map<String, ValueMap> valueMaps, Map<String, String> renames, Consumer<String> unrenamed, Consumer<String> renamedRead) {
    this.name = name;
    this.partitionField = partitionField;
    this.matchUnmapped = matchUnmapped;
    this.fieldDefault = fieldDefault;
    this.fields = fields;
    this.logsources = logsources;
    this.hashFields = hashFields;
    this.valueMaps = valueMaps;
    this.renames = renames;
    this.unrenamed = unrenamed;
    this.renamedRead = renamedRead;
  }

  /**
   * This pipeline as an additional log names Sigma's fields: {@link #eventFields} reads the
   * renamed field, and tells {@code unrenamed} of each field the log has no name for and
   * {@code renamedRead} of each it has.
   */
  Pipeline renamedFor(LogsourceMapping log, Consumer<String> unrenamed, Consumer<String> renamedRead) {
    return new Pipeline(name, partitionField, matchUnmapped, fieldDefault, fields, logsources, hashFields, valueMaps,
        log.renames(), unrenamed, renamedRead);
  }

  /** The field that holds each hash algorithm's value ({@code md5}, {@code sha1}, {@code sha256}, {@code imphash}), or empty. */
  Map<String, String> hashFields() {
    return hashFields;
  }

  /** How this shape writes a Sigma field's values, or null when as Sigma does. */
  ValueMap valueMap(String sigmaField) {
    return valueMaps.get(sigmaField);
  }

  /**
   * A shipped pipeline by name: {@code ecs}, {@code evtx}, {@code winlogbeat} or {@code none} (field
   * names as written, every rule on every event).
   */
  public static Pipeline named(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (!NAMES.contains(n)) {
      throw new IllegalArgumentException("no pipeline named '" + name + "'; use one of " + NAMES);
    }
    return parse(resource(n), n);
  }

  /** A pipeline from its YAML text; an invalid pipeline is a programming or configuration error. */
  public static Pipeline parse(String yaml, String name) {
    List<LoadProblem> problems = new ArrayList<>();
    List<YamlDocument> docs = YamlDocuments.read(yaml, "pipeline " + name, problems::add);
    if (!problems.isEmpty() || docs.size() != 1) {
      throw new IllegalArgumentException("pipeline " + name + " is not valid YAML: " + problems);
    }
    Map<String, Object> root = docs.get(0).root();
    Map<String, List<String>> fields = new LinkedHashMap<>();
    List<LogsourceMapping> logsources = new ArrayList<>();
    if (root.get("include") instanceof String include) {
      Pipeline base = parse(resource(include), include);
      fields.putAll(base.fields);
      logsources.addAll(base.logsources);
    }
    if (root.get("fields") instanceof Map<?, ?> map) {
      map.forEach((k, v) -> fields.put(String.valueOf(k), strings(v)));
    }
    List<LogsourceMapping> own = new ArrayList<>();
    if (root.get("logsources") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> entry) {
          Map<String, String> logsource = new LinkedHashMap<>();
          if (entry.get("logsource") instanceof Map<?, ?> ls) {
            ls.forEach((k, v) -> logsource.put(String.valueOf(k), String.valueOf(v)));
          }
          Map<String, List<Object>> conditions = new LinkedHashMap<>();
          if (entry.get("conditions") instanceof Map<?, ?> cs) {
            cs.forEach((k, v) -> conditions.put(String.valueOf(k), v instanceof List<?> l ? new ArrayList<>(l) : List.of(v)));
          }
          boolean additional = Boolean.TRUE.equals(entry.get("also"));
          Map<String, String> renames = new LinkedHashMap<>();
          if (entry.get("fields") instanceof Map<?, ?> fs) {
            fs.forEach((k, v) -> renames.put(String.valueOf(k), String.valueOf(v)));
          }
          own.add(new LogsourceMapping(logsource, conditions, strings(entry.get("dataset")), additional, Map.copyOf(renames),
              Boolean.TRUE.equals(entry.get("exact"))));
        }
      }
    }
    own.addAll(logsources); // the pipeline's own entries take precedence over included ones
    String partition = root.get("partition_field") instanceof String s ? s : null;
    boolean matchUnmapped = !"skip".equals(root.get("unmapped_logsources"));
    String fieldDefault = root.get("field_default") instanceof String s ? s : "{field}";
    Map<String, String> hashFields = new LinkedHashMap<>();
    if (root.get("hashes") instanceof Map<?, ?> hashes) {
      hashes.forEach((k, v) -> hashFields.put(String.valueOf(k).toLowerCase(Locale.ROOT), String.valueOf(v)));
    }
    Map<String, ValueMap> valueMaps = new LinkedHashMap<>();
    if (root.get("values") instanceof Map<?, ?> values) {
      values.forEach((k, v) -> {
        if (!(v instanceof Map<?, ?> entry) || !(entry.get("field") instanceof String target)) {
          throw new IllegalArgumentException("pipeline " + name + ": values." + k + " needs a field");
        }
        Map<String, List<String>> replacements = new LinkedHashMap<>();
        if (entry.get("map") instanceof Map<?, ?> map) {
          map.forEach((from, to) -> replacements.put(String.valueOf(from).toLowerCase(Locale.ROOT), strings(to)));
        }
        valueMaps.put(String.valueOf(k), new ValueMap(target, Map.copyOf(replacements)));
      });
    }
    return new Pipeline(name, partition, matchUnmapped, fieldDefault, fields, own, Map.copyOf(hashFields), Map.copyOf(valueMaps));
  }

  private static List<String> strings(Object v) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }

  private static String resource(String name) {
    String path = "pipelines/" + name + ".yml";
    try (InputStream in = Pipeline.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no pipeline resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read pipeline resource " + path, e);
    }
  }

  public String name() {
    return name;
  }

  /** The event field that selects a partition of rules, or null when every rule sees every event. */
  public String partitionField() {
    return partitionField;
  }

  boolean matchUnmapped() {
    return matchUnmapped;
  }

  /** The event fields a Sigma field is read from, in order of preference. */
  public List<String> eventFields(String sigmaField) {
    if (renames != null) {
      String renamed = renames.get(sigmaField);
      if (renamed != null) {
        renamedRead.accept(sigmaField);
        sigmaField = renamed;
      } else if (!fields.containsKey(sigmaField)) {
        unrenamed.accept(sigmaField); // the pipeline's own fields (EventID, Channel, Computer) are every log's
      }
    }
    List<String> mapped = fields.get(sigmaField);
    if (mapped != null && !mapped.isEmpty()) {
      return mapped;
    }
    return List.of(fieldDefault.replace("{field}", sigmaField));
  }

  /** The mapping for a rule's logsource, or null when the pipeline has none. */
  LogsourceMapping mapping(Map<String, String> logsource) {
    for (LogsourceMapping m : logsources) {
      if (!m.additional() && m.fits(logsource)) {
        return m;
      }
    }
    return null;
  }

  /** The additional logs of a rule's logsource (see {@code also:}), in the pipeline's order. */
  List<LogsourceMapping> additionalMappings(Map<String, String> logsource) {
    return logsources.stream().filter(m -> m.additional() && m.fits(logsource)).toList();
  }

  /** Every additional log of the pipeline, for compiling filters through each. */
  List<LogsourceMapping> additionalMappings() {
    return logsources.stream().filter(LogsourceMapping::additional).toList();
  }

  @Override
  public String toString() {
    return name;
  }
}
