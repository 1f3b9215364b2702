package org.unmask.detect.sigma;

import java.util.Map;

/**
 * A YAML document with a top-level {@code correlation:} key, kept as read for the correlation
 * engine ({@code org.unmask.detect.sigma.correlation}).
 *
 * @param document the document as plain maps, lists and scalars
 * @param file the file it came from
 * @param line the line the document starts on
 * @param lines the line of each key path, as {@link YamlDocument} keeps them (empty: every problem at {@code line})
 */
public record CorrelationDocument(Map<String, Object> document, String file, int line, Map<String, Integer> lines) {

  public CorrelationDocument(Map<String, Object> document, String file, int line) {
    this(document, file, line, Map.of());
  }

  /** The line of a key path ({@code correlation/timespan}), or the document's first line. */
  public int lineOf(String path) {
    Integer l = lines.get(path);
    return l == null ? line : l;
  }
}
