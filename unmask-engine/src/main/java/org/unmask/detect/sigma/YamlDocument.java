package org.unmask.detect.sigma;

import java.util.Map;

/**
 * One YAML document of a rule file as plain Java values (maps keep their order), with the line of
 * every key so that problems can point at the exact line.
 *
 * @param file the file as given
 * @param line the first line of the document
 * @param root the document
 * @param lines 1-based line by key path ({@code detection/selection/Image|endswith}); list items
 *     are addressed by index ({@code tags/0})
 */
record YamlDocument(String file, int line, Map<String, Object> root, Map<String, Integer> lines) {

  int lineOf(String path) {
    Integer l = lines.get(path);
    return l == null ? line : l;
  }
}
