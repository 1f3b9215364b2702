package org.unmask.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds dotted keys ({@code "source" + "ip" -> "source.ip"}) once and reuses them. Jackson
 * already canonicalises field names, so a (prefix, name) pair is almost always the same two
 * String instances; caching the joined key saves a concatenation and a hash computation per
 * nested field per event. The cache is bounded because keys are attacker-controlled: past the
 * bound, keys are simply concatenated.
 */
final class KeyJoiner {

  private static final int MAX_ENTRIES = 50_000;

  private final Map<String, Map<String, String>> joined = new HashMap<>();
  private int entries;

  String join(String prefix, String name) {
    Map<String, String> byName = joined.get(prefix);
    if (byName == null) {
      if (entries >= MAX_ENTRIES) {
        return prefix + '.' + name;
      }
      byName = new HashMap<>();
      joined.put(prefix, byName);
    }
    String key = byName.get(name);
    if (key == null) {
      key = prefix + '.' + name;
      if (entries < MAX_ENTRIES) {
        byName.put(name, key);
        entries++;
      }
    }
    return key;
  }
}
