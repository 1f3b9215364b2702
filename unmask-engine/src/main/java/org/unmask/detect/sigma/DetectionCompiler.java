package org.unmask.detect.sigma;

import com.google.re2j.PatternSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compiles a rule's {@code detection} (or a filter's {@code filter}) section into a {@link Node}:
 * search identifiers to field tests, value modifiers to matchers, and the condition over them.
 * Every problem is reported with its line; a section with an error compiles to null.
 */
final class DetectionCompiler {

  static final List<String> MODIFIERS = List.of("contains", "startswith", "endswith", "all", "exists", "cased",
      "neq", "windash", "re", "i", "m", "s", "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide",
      "lt", "lte", "gt", "gte", "minute", "hour", "day", "week", "month", "year", "cidr", "expand", "fieldref");
  private static final Set<String> TIME_PARTS = Set.of("minute", "hour", "day", "week", "month", "year");
  private static final Set<String> COMPARISONS = Set.of("lt", "lte", "gt", "gte");
  private static final Set<String> RE_FLAGS = Set.of("i", "m", "s");
  private static final String DASHES = "-/\u2013\u2014\u2015";
  private static final int MAX_WINDASH_POSITIONS = 5;

  private final Pipeline pipeline;
  private final SigmaConfig config;
  private final Slots slots;
  private final YamlDocument doc;
  private final Consumer<LoadProblem> problems;
  private boolean failed;
  private LegacyAggregation legacy;
  private Object timeframe;

  DetectionCompiler(Pipeline pipeline, SigmaConfig config, Slots slots, YamlDocument doc, Consumer<LoadProblem> problems) {
    this.pipeline = pipeline;
    this.config = config;
    this.slots = slots;
    this.doc = doc;
    this.problems = problems;
  }

  /**
   * @param section the map holding the identifiers and {@code condition}
   * @param path the section's key path for line numbers ({@code detection}, {@code filter})
   * @param ignored keys that are neither identifiers nor the condition ({@code rules} in filters)
   */
  Node compile(Map<String, Object> section, String path, Set<String> ignored) {
    Map<String, Node> identifiers = new LinkedHashMap<>();
    Object condition = null;
    for (Map.Entry<String, Object> e : section.entrySet()) {
      String key = e.getKey();
      if (key.equals("condition")) {
        condition = e.getValue();
      } else if (key.equals("timeframe")) {
        timeframe = e.getValue();
      } else if (!ignored.contains(key)) {
        Node node = identifier(key, e.getValue(), path + "/" + key);
        identifiers.put(key, node == null ? new Node.Const(false) : node);
      }
    }
    if (condition == null) {
      error(path, "'" + path + "' has no condition", "add e.g. 'condition: selection'");
      return null;
    }
    List<Object> conditions = condition instanceof List<?> l ? new ArrayList<>(l) : List.of(condition);
    Set<String> used = new HashSet<>();
    List<Node> parts = new ArrayList<>();
    for (Object c : conditions) {
      try {
        String text = String.valueOf(c);
        int bar = text.indexOf('|');
        if (bar >= 0) {
          legacy = LegacyAggregation.parse(text.substring(bar + 1).trim(), identifiers, used, timeframe);
          text = text.substring(0, bar);
          warn(path + "/condition", "aggregation in the condition is Sigma v1 syntax",
              "it now runs as a generated " + legacy.correlationType() + " correlation rule; write a correlation rule instead");
        }
        parts.add(ConditionParser.parse(text, identifiers, used));
      } catch (ConditionParser.ConditionException e) {
        error(path + "/condition", e.getMessage(), e.suggestion);
      }
    }
    for (String name : identifiers.keySet()) {
      if (!used.contains(name) && !failed) {
        warn(path + "/" + name, "search identifier '" + name + "' is not used in the condition", "use it or remove it");
      }
    }
    if (timeframe != null && legacy == null) {
      warn(path + "/timeframe", "'timeframe' in detection is ignored", "time windows belong to correlation rules");
    }
    if (failed || parts.isEmpty()) {
      return null;
    }
    return Node.or(parts);
  }

  /** A map of field conditions (a logsource's Channel/EventID), compiled like a search identifier. */
  @SuppressWarnings("unchecked")
  Node selection(Map<String, Object> fields) {
    return fields((Map<?, ?>) fields, "logsource");
  }

  /** The v1 aggregation after '|' in the condition, or null. */
  LegacyAggregation legacyAggregation() {
    return legacy;
  }

  boolean failed() {
    return failed;
  }

  private Node identifier(String name, Object value, String path) {
    if (value instanceof Map<?, ?> map) {
      return fields(map, path);
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        error(path, "search identifier '" + name + "' is an empty list", "give it values or remove it");
        return null;
      }
      List<Node> alternatives = new ArrayList<>();
      List<Object> keywords = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item instanceof Map<?, ?> map) {
          Node n = fields(map, path + "/" + i);
          if (n != null) {
            alternatives.add(n);
          }
        } else if (item instanceof List<?>) {
          error(path + "/" + i, "a list inside a list is not Sigma", "flatten the list");
        } else {
          keywords.add(item);
        }
      }
      if (!keywords.isEmpty()) {
        Node k = field("", List.of(), keywords, path);
        if (k != null) {
          alternatives.add(k);
        }
      }
      return alternatives.isEmpty() ? null : Node.or(alternatives);
    }
    if (value == null) {
      error(path, "search identifier '" + name + "' has no value", "give it a map of fields or a list of keywords");
      return null;
    }
    return field("", List.of(), List.of(value), path);
  }

  private Node fields(Map<?, ?> map, String path) {
    if (map.isEmpty()) {
      error(path, "empty map of fields", "give it at least one field");
      return null;
    }
    List<Node> all = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      String[] parts = key.split("\\|", -1);
      List<String> modifiers = new ArrayList<>(List.of(parts).subList(1, parts.length));
      Object v = e.getValue();
      List<Object> values = v instanceof List<?> l ? new ArrayList<>(l) : java.util.Collections.singletonList(v);
      Pipeline.ValueMap written = pipeline.valueMap(parts[0]);
      Node n = parts[0].equals("Hashes") && !pipeline.hashFields().isEmpty()
          ? hashes(modifiers, values, path + "/" + key)
          : written != null ? rewritten(written, modifiers, values, path + "/" + key)
          : field(parts[0], modifiers, values, path + "/" + key);
      if (n != null) {
        all.add(n);
      }
    }
    return all.isEmpty() ? null : Node.and(all);
  }

  /**
   * Sysmon's {@code Hashes} ({@code SHA256=…,IMPHASH=…}) in a shape with one field per algorithm
   * (ECS: {@code process.hash.sha256}, {@code process.pe.imphash}), as pySigma's hashes
   * transformation does: each {@code ALGO=value} tests that algorithm's field for the value, with
   * the rule's other modifiers; a value without {@code ALGO=} tests every hash field; an algorithm
   * the shape has no field for cannot match. {@code all} ANDs the values, as for any field.
   */
  private Node hashes(List<String> modifiers, List<Object> values, String path) {
    boolean all = modifiers.contains("all");
    List<String> rest = modifiers.stream().filter(m -> !m.equals("all")).toList();
    Map<String, String> byAlgorithm = pipeline.hashFields();
    List<Node> perValue = new ArrayList<>();
    for (Object value : values) {
      if (value == null) {
        continue;
      }
      String text = String.valueOf(value);
      int eq = text.indexOf('=');
      String algorithm = eq > 0 ? text.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT) : null;
      String hash = eq > 0 ? text.substring(eq + 1).strip() : text.strip();
      List<String> targets = algorithm == null ? List.copyOf(byAlgorithm.values())
          : byAlgorithm.containsKey(algorithm) ? List.of(byAlgorithm.get(algorithm)) : List.of();
      List<Node> alternatives = new ArrayList<>();
      for (String target : targets) {
        Node n = field(target, rest, List.of(hash), path);
        if (n != null) {
          alternatives.add(n);
        }
      }
      perValue.add(Node.or(alternatives)); // none: this shape holds no such hash, so it cannot match
    }
    return all ? Node.and(perValue) : Node.or(perValue);
  }

  /**
   * A field this shape writes elsewhere and in other words ({@code values} of the pipeline):
   * each value of the rule is tested in the new field as any of its replacements, or as written
   * when it has none; {@code all} ANDs the rule's values, as for any field.
   */
  private Node rewritten(Pipeline.ValueMap written, List<String> modifiers, List<Object> values, String path) {
    if (modifiers.contains("exists")) {
      return field(written.field(), modifiers, values, path); // true/false there says whether, not what
    }
    boolean all = modifiers.contains("all");
    List<String> rest = modifiers.stream().filter(m -> !m.equals("all")).toList();
    List<Node> perValue = new ArrayList<>();
    for (Object value : values) {
      List<String> replacements = value == null ? null
          : written.replacements().get(String.valueOf(value).toLowerCase(java.util.Locale.ROOT));
      Node n = field(written.field(), rest, replacements == null ? java.util.Collections.singletonList(value)
          : new ArrayList<>(replacements), path);
      if (n == null) {
        return null; // the problem is reported
      }
      perValue.add(n);
    }
    if (perValue.isEmpty()) {
      return field(written.field(), rest, values, path); // reports "no values"
    }
    return perValue.size() == 1 ? perValue.get(0) : all ? Node.and(perValue) : Node.or(perValue);
  }

  private Node field(String field, List<String> modifiers, List<Object> values, String path) {
    boolean ok = true;
    for (String m : modifiers) {
      if (!MODIFIERS.contains(m)) {
        String best = Suggest.closest(m, MODIFIERS);
        error(path, "unknown modifier '" + m + "'", (best == null ? "" : "did you mean '" + best + "'? ") + "(see docs/rules.md#modifiers)");
        ok = false;
      } else if (RE_FLAGS.contains(m) && !modifiers.contains("re")) {
        error(path, "modifier '" + m + "' is a flag of 're'", "write '|re|" + m + "'");
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    if (values.isEmpty()) {
      error(path, "no values", "give at least one value");
      return null;
    }
    boolean keyword = field.isEmpty();
    int slot = keyword ? -1 : slots.slot(pipeline.eventFields(field));
    boolean all = modifiers.contains("all");
    boolean neq = modifiers.contains("neq");
    boolean cased = modifiers.contains("cased");
    if (all && values.size() == 1) {
      warn(path, "'all' on a single value", "the specification reserves 'all' for lists; drop it");
    }
    if (modifiers.contains("exists")) {
      if (keyword || values.size() != 1 || !(values.get(0) instanceof Boolean || "true".equals(values.get(0)) || "false".equals(values.get(0)))) {
        error(path, "'exists' needs a field and one value, true or false", "write 'Field|exists: true'");
        return null;
      }
      return new Node.Exists(slot, Boolean.parseBoolean(String.valueOf(values.get(0))));
    }
    List<Node> nullTests = new ArrayList<>();
    List<ValueMatcher> matchers = new ArrayList<>();
    // where each value's matchers start: windash, base64offset and a placeholder with several
    // values turn one value into several spellings, any of which will do
    List<Integer> valueStarts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      String itemPath = values.size() > 1 ? path + "/" + i : path;
      if (value == null) {
        if (keyword) {
          error(itemPath, "null as a keyword", "null is only a field value");
          return null;
        }
        if (values.size() > 1) {
          warn(itemPath, "null inside a list of values", "the specification wants 'Field: null' as its own selection");
        }
        nullTests.add(neq ? new Node.Not(new Node.IsNull(slot)) : new Node.IsNull(slot));
        continue;
      }
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        error(itemPath, "a value must be a string, number, boolean or null", "a list of maps belongs directly under the search identifier");
        return null;
      }
      valueStarts.add(matchers.size());
      if (!matchers(value, modifiers, cased, keyword, itemPath, matchers)) {
        return null;
      }
    }
    List<Node> alternatives = new ArrayList<>(nullTests);
    if (all && !neq && matchers.size() > valueStarts.size()) {
      // 'all' ANDs the listed values, not their spellings: each value is one test, any spelling of it
      valueStarts.add(matchers.size());
      for (int v = 0; v + 1 < valueStarts.size(); v++) {
        List<ValueMatcher> spellings = matchers.subList(valueStarts.get(v), valueStarts.get(v + 1));
        alternatives.add(keyword ? new Node.Keyword(List.copyOf(spellings), false)
            : new Node.Field(field, slot, List.copyOf(spellings), false, false));
      }
    } else if (!matchers.isEmpty()) {
      alternatives.add(keyword ? new Node.Keyword(matchers, all) : new Node.Field(field, slot, matchers, all, neq));
    }
    Node node = all ? Node.and(alternatives) : Node.or(alternatives);
    if (neq && modifiers.contains("fieldref")) {
      // neq needs a value to differ from: as a missing field never matches neq, neither does a
      // missing referenced field (a backend's A != B is not true when B is null)
      List<Node> withReferences = new ArrayList<>(List.of(node));
      for (ValueMatcher m : matchers) {
        if (m instanceof ValueMatchers.FieldRef ref) {
          withReferences.add(new Node.Not(new Node.IsNull(ref.slot())));
        }
      }
      node = Node.and(withReferences);
    }
    return node;
  }

  private boolean matchers(Object value, List<String> modifiers, boolean cased, boolean keyword, String path, List<ValueMatcher> out) {
    String text = String.valueOf(value); // a YAML number matches its text: 1.0 matches "1.0", as JSON 1.0 reads
    if (modifiers.contains("re")) {
      int flags = (modifiers.contains("i") ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0)
          | (modifiers.contains("m") ? com.google.re2j.Pattern.MULTILINE : 0)
          | (modifiers.contains("s") ? com.google.re2j.Pattern.DOTALL : 0);
      for (String other : List.of("contains", "startswith", "endswith", "base64", "base64offset", "windash", "cidr")) {
        if (modifiers.contains(other)) {
          warn(path, "'" + other + "' has no effect together with 're'", "put anchors or '.*' into the regular expression");
        }
      }
      try {
        out.add(new ValueMatchers.Regex(com.google.re2j.Pattern.compile(PcreAnchors.translate(text, modifiers.contains("m")), flags), text));
        return true;
      } catch (PatternSyntaxException e) {
        error(path, "regular expression cannot run in linear time or is invalid: " + e.getDescription(),
            "rewrite without back-references or look-around (RE2 syntax; see docs/rules.md#modifiers)");
        return false;
      }
    }
    if (modifiers.contains("cidr")) {
      int slash = text.indexOf('/');
      byte[] network = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
      int prefix;
      try {
        prefix = slash < 0 ? (network == null ? -1 : network.length * 8) : Integer.parseInt(text.substring(slash + 1).trim());
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (network == null || prefix < 0 || prefix > network.length * 8) {
        error(path, "'" + text + "' is not a CIDR network", "write e.g. 10.0.0.0/8 or fe80::/10");
        return false;
      }
      out.add(new ValueMatchers.Cidr(network, prefix));
      return true;
    }
    String comparison = modifiers.stream().filter(COMPARISONS::contains).findFirst().orElse(null);
    String timePart = modifiers.stream().filter(TIME_PARTS::contains).findFirst().orElse(null);
    if (comparison != null || timePart != null) {
      Double number = ValueMatchers.number(text);
      if (number == null) {
        error(path, "'" + text + "' is not a number", "'" + (comparison == null ? timePart : comparison) + "' compares numbers");
        return false;
      }
      // a time part alone compares for equality; with neq, the field test around it negates
      ValueMatchers.Comparison c = comparison == null
          ? ValueMatchers.Comparison.EQ
          : ValueMatchers.Comparison.valueOf(comparison.toUpperCase(java.util.Locale.ROOT));
      out.add(timePart == null ? new ValueMatchers.Numeric(c, number, text) : new ValueMatchers.TimePart(timePart, c, number));
      return true;
    }
    if (modifiers.contains("fieldref")) {
      if (keyword) {
        error(path, "'fieldref' needs a field", "write 'Field|fieldref: OtherField'");
        return false;
      }
      Glob.Kind kind = modifiers.contains("contains") ? Glob.Kind.CONTAINS
          : modifiers.contains("startswith") ? Glob.Kind.PREFIX
          : modifiers.contains("endswith") ? Glob.Kind.SUFFIX : Glob.Kind.EXACT;
      out.add(new ValueMatchers.FieldRef(slots.slot(pipeline.eventFields(text)), kind, cased));
      return true;
    }
    List<String> raws = new ArrayList<>();
    if (modifiers.contains("expand") && value instanceof String) {
      if (!expand(text, path, raws, out)) {
        return true; // unresolved: a Nothing matcher was added
      }
    } else {
      raws.add(text);
    }
    List<Encoded> encoded = new ArrayList<>();
    for (String raw : raws) {
      encoded.add(new Encoded(value instanceof String ? SigmaString.parse(raw) : raw, false));
    }
    for (String m : modifiers) {
      encoded = transform(m, encoded, path);
      if (encoded == null) {
        return false;
      }
    }
    for (Encoded e : encoded) {
      String s = e.text;
      // each placement modifier adds its own '*' (so startswith and endswith together are
      // contains, as in pySigma); a keyword without one is searched anywhere in the value
      boolean starts = modifiers.contains("startswith");
      boolean ends = modifiers.contains("endswith");
      boolean anywhere = modifiers.contains("contains") || (keyword && !starts && !ends);
      if (anywhere || starts) {
        s = SigmaString.startswith(s);
      }
      if (anywhere || ends) {
        s = SigmaString.endswith(s);
      }
      out.add(e.anyDash ? new ValueMatchers.AnyDash(Glob.of(s, cased)) : Glob.of(s, cased));
    }
    return true;
  }

  /**
   * A value on its way through the encoding modifiers; bytes are held one per char. {@code
   * anyDash}: its dashes stand for every spelling ({@link #windash} with many dashes).
   */
  private record Encoded(String text, boolean bytes, boolean anyDash) {
    Encoded(String text, boolean bytes) {
      this(text, bytes, false);
    }
  }

  private List<Encoded> transform(String modifier, List<Encoded> in, String path) {
    List<Encoded> out = new ArrayList<>();
    for (Encoded e : in) {
      switch (modifier) {
        case "windash" -> windash(e.text, out);
        case "utf16le", "wide", "utf16be", "utf16", "base64", "base64offset" -> {
          if (e.anyDash) {
            error(path, "'" + modifier + "' cannot follow 'windash' on a value with more than " + MAX_WINDASH_POSITIONS + " dashes",
                "split the value, or put 'windash' after the encoding");
            return null;
          }
          if (SigmaString.hasWildcard(e.text)) {
            error(path, "'" + modifier + "' cannot encode wildcards in '" + SigmaString.display(e.text) + "'",
                "escape them (\\* and \\?) or apply 'contains' after the encoding");
            return null;
          }
          byte[] bytes = e.bytes ? e.text.getBytes(StandardCharsets.ISO_8859_1) : null;
          switch (modifier) {
            case "utf16le", "wide" -> out.add(bytes(e.text.getBytes(StandardCharsets.UTF_16LE)));
            case "utf16be" -> out.add(bytes(e.text.getBytes(StandardCharsets.UTF_16BE)));
            case "utf16" -> {
              byte[] le = e.text.getBytes(StandardCharsets.UTF_16LE);
              byte[] withBom = new byte[le.length + 2];
              withBom[0] = (byte) 0xFF;
              withBom[1] = (byte) 0xFE;
              System.arraycopy(le, 0, withBom, 2, le.length);
              out.add(bytes(withBom));
            }
            case "base64" -> out.add(new Encoded(Base64.getEncoder().encodeToString(bytes != null ? bytes : e.text.getBytes(StandardCharsets.UTF_8)), false));
            default -> base64offset(bytes != null ? bytes : e.text.getBytes(StandardCharsets.UTF_8), out);
          }
        }
        default -> out.add(e);
      }
    }
    return out;
  }

  private static Encoded bytes(byte[] b) {
    return new Encoded(new String(b, StandardCharsets.ISO_8859_1), true);
  }

  /** The three shifted encodings of pySigma's base64offset, trimmed to the bytes that never change. */
  private static void base64offset(byte[] value, List<Encoded> out) {
    int[] start = {0, 2, 3};
    int[] endTrim = {0, 3, 2};
    for (int i = 0; i < 3; i++) {
      byte[] shifted = new byte[value.length + i];
      java.util.Arrays.fill(shifted, 0, i, (byte) ' ');
      System.arraycopy(value, 0, shifted, i, value.length);
      String b64 = Base64.getEncoder().encodeToString(shifted);
      int end = b64.length() - endTrim[(value.length + i) % 3];
      if (end > start[i]) {
        out.add(new Encoded(b64.substring(start[i], end), false));
      }
    }
  }

  /**
   * Every spelling of a command-line flag: a dash that starts a flag becomes each of - / en-dash
   * em-dash horizontal-bar (the specification's five). A flag's dash is pySigma's ({@code
   * \B[-/]\b}: after the start or a character that is not a letter, digit or underscore, and
   * before one that is), which SigmaHQ's rules are written and tested against, widened to any of
   * the five dashes in the rule's text and to a flag that is punctuation ({@code /?}). A dash
   * inside a word ({@code start/b}, {@code Invoke-Expression}) stays as written: those are not
   * flags, and permuting them would multiply a rule's spellings for nothing. A value with more
   * than {@link #MAX_WINDASH_POSITIONS} flags would make too many spellings to list; it is matched
   * with every dash read as '-' on both sides instead (a dash inside a word then accepts every spelling
   * too; the prefilter cannot index such a value).
   */
  private static void windash(String s, List<Encoded> out) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      boolean afterWord = i > 0 && isWord(s.charAt(i - 1));
      boolean beforeFlag = i + 1 < s.length() && !Character.isWhitespace(s.charAt(i + 1))
          && DASHES.indexOf(s.charAt(i + 1)) < 0;
      if (DASHES.indexOf(s.charAt(i)) >= 0 && !afterWord && beforeFlag) {
        positions.add(i);
      }
    }
    if (positions.size() > MAX_WINDASH_POSITIONS) {
      out.add(new Encoded(ValueMatchers.AnyDash.plain(s), false, true));
      return;
    }
    int variants = (int) Math.pow(DASHES.length(), positions.size());
    for (int v = 0; v < variants; v++) {
      char[] chars = s.toCharArray();
      int rest = v;
      for (int p : positions) {
        chars[p] = DASHES.charAt(rest % DASHES.length());
        rest /= DASHES.length();
      }
      out.add(new Encoded(new String(chars), false));
    }
  }

  private static boolean isWord(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Replaces %placeholders%; false (and a Nothing or anything matcher) when one has no values. */
  private boolean expand(String text, String path, List<String> raws, List<ValueMatcher> out) {
    List<String> results = new ArrayList<>();
    results.add("");
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\\') {
        append(results, "\\\\"); // an escaped backslash, kept for the wildcard parser: a '%' after it opens a placeholder
        i += 2;
        continue;
      }
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '%') {
        append(results, "%");
        i += 2;
        continue;
      }
      int close = c == '%' ? text.indexOf('%', i + 1) : -1;
      if (close > i + 1) {
        String name = text.substring(i + 1, close);
        List<String> values = config.placeholders().get(name);
        if (values == null || values.isEmpty()) {
          boolean anything = config.unresolvedPlaceholders() == SigmaConfig.Unresolved.ANYTHING;
          warn(path, "placeholder '%" + name + "%' has no values; the value matches " + (anything ? "anything" : "nothing"),
              "set it in the Sigma configuration (placeholders)");
          if (anything) {
            raws.add("*");
            return true;
          }
          out.add(new ValueMatchers.Nothing("%" + name + "%"));
          return false;
        }
        List<String> next = new ArrayList<>();
        for (String prefix : results) {
          for (String v : values) {
            next.add(prefix + v);
          }
        }
        results = next;
        i = close + 1;
        continue;
      }
      append(results, String.valueOf(c));
      i++;
    }
    raws.addAll(results);
    return true;
  }

  private static void append(List<String> results, String s) {
    results.replaceAll(r -> r + s);
  }

  private void error(String path, String message, String suggestion) {
    failed = true;
    problems.accept(LoadProblem.error(doc.file(), doc.lineOf(path), message, suggestion));
  }

  private void warn(String path, String message, String suggestion) {
    problems.accept(LoadProblem.warning(doc.file(), doc.lineOf(path), message, suggestion));
  }
}
