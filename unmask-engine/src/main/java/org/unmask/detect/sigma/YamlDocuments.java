package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the documents of a YAML file through snakeyaml-engine's composer, so that every key keeps
 * its line. Plain scalars are resolved the way Sigma authors expect (numbers, booleans, null);
 * quoted scalars stay strings. Aliases are limited and nesting is bounded, so a hostile file cannot
 * exhaust memory or the stack.
 */
final class YamlDocuments {

  private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]{0,17})");
  private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final int MAX_DEPTH = 64;

  private YamlDocuments() {}

  /** Every document of the text; a syntax error is reported and ends the file. */
  static List<YamlDocument> read(String text, String file, Consumer<LoadProblem> problems) {
    LoadSettings settings = LoadSettings.builder().setLabel(file).setUseMarks(true)
        // the whole text in one buffer: snakeyaml-engine 2.10 fails on a surrogate pair (emoji)
        // that straddles its default 1024-character buffer
        .setBufferSize(text.length() + 16).setMaxAliasesForCollections(50).build();
    List<YamlDocument> documents = new ArrayList<>();
    int deep = flowDepthExceeded(text);
    if (deep > 0) {
      problems.accept(LoadProblem.error(file, deep, "brackets nested deeper than " + MAX_DEPTH + " levels", "a Sigma rule never needs that"));
      return documents;
    }
    try {
      for (Node node : new Compose(settings).composeAllFromString(text)) {
        int line = lineOf(node);
        Map<String, Integer> lines = new HashMap<>();
        Object value = convert(node, "", lines, file, problems, 0);
        if (value == null) {
          continue; // an empty document, e.g. after a trailing '---'
        }
        if (!(value instanceof Map<?, ?>)) {
          problems.accept(LoadProblem.error(file, line, "document is not a map of keys",
              "a Sigma rule starts with 'title:' and holds 'logsource:' and 'detection:'"));
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) value;
        documents.add(new YamlDocument(file, line, root, lines));
      }
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
      problems.accept(LoadProblem.error(file, line, "YAML syntax: " + firstLine(e.getProblem()),
          "check the indentation and quote values that contain ': ' or start with '*', '&' or '%'"));
    } catch (YamlEngineException e) {
      problems.accept(LoadProblem.error(file, 1, "YAML: " + firstLine(e.getMessage()), ""));
    } catch (StackOverflowError e) {
      // block nesting deep enough to exhaust the composer's recursion: the stack unwinds here
      problems.accept(LoadProblem.error(file, 1, "YAML nested too deeply to read", "a Sigma rule never needs that"));
    } catch (RuntimeException e) {
      // the YAML library failing on odd input must not stop the other files from loading
      problems.accept(LoadProblem.error(file, 1, "YAML reader failed: " + e, "simplify the file"));
    }
    return documents;
  }

  /** The line where '[' / '{' nesting first exceeds the limit (the parser recurses on it), or 0. */
  private static int flowDepthExceeded(String text) {
    int depth = 0;
    int line = 1;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        quote = 0;
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '{') {
        if (++depth > MAX_DEPTH) {
          return line;
        }
      } else if (c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      }
    }
    return 0;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static int lineOf(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
  }

  private static Object convert(Node node, String path, Map<String, Integer> lines, String file,
      Consumer<LoadProblem> problems, int depth) {
    if (depth > MAX_DEPTH) {
      throw new YamlEngineException("nesting deeper than " + MAX_DEPTH + " levels");
    }
    if (node instanceof ScalarNode scalar) {
      return scalar.getScalarStyle() == ScalarStyle.PLAIN ? resolvePlain(scalar.getValue()) : scalar.getValue();
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>(sequence.getValue().size());
      int i = 0;
      for (Node item : sequence.getValue()) {
        String itemPath = path.isEmpty() ? String.valueOf(i) : path + "/" + i;
        lines.putIfAbsent(itemPath, lineOf(item));
        list.add(convert(item, itemPath, lines, file, problems, depth + 1));
        i++;
      }
      return list;
    }
    if (node instanceof MappingNode mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        String key = keyNode instanceof ScalarNode s ? s.getValue() : String.valueOf(convert(keyNode, path, lines, file, problems, depth + 1));
        String keyPath = path.isEmpty() ? key : path + "/" + key;
        int line = lineOf(keyNode);
        if (map.containsKey(key)) {
          problems.accept(LoadProblem.error(file, line, "duplicate key '" + key + "'",
              "YAML keeps only one of them; merge the values or rename one (first on line " + lines.get(keyPath) + ")"));
        }
        lines.putIfAbsent(keyPath, line);
        map.put(key, convert(tuple.getValueNode(), keyPath, lines, file, problems, depth + 1));
      }
      return map;
    }
    return null;
  }

  static Object resolvePlain(String v) {
    switch (v) {
      case "", "~", "null", "Null", "NULL":
        return null;
      case "true", "True", "TRUE":
        return Boolean.TRUE;
      case "false", "False", "FALSE":
        return Boolean.FALSE;
      default:
        break;
    }
    char c = v.charAt(0);
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
      if (INTEGER.matcher(v).matches()) {
        return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
      }
      if (FLOAT.matcher(v).matches()) {
        return Double.parseDouble(v);
      }
    }
    return v;
  }
}
