package org.unmask.server.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unmask.event.Finding;

/**
 * Every finding published so far (pseudonymised), by id and by entity, for the API. Findings are
 * unique by id: a re-reported fact keeps its first report, as in a scan. Thread-safe.
 */
public final class FindingIndex {

  private final Map<String, Finding> byId = new HashMap<>();
  private final Map<String, List<Finding>> byEntity = new HashMap<>();
  private final List<Finding> inOrder = new ArrayList<>();

  /** Adds the findings not seen before; returns how many were new. */
  public synchronized int addAll(Collection<Finding> findings) {
    int added = 0;
    for (Finding f : findings) {
      if (byId.putIfAbsent(f.id(), f) == null) {
        inOrder.add(f);
        byEntity.computeIfAbsent(key(f.entity().type().label(), f.entity().id()), k -> new ArrayList<>()).add(f);
        added++;
      }
    }
    return added;
  }

  public synchronized int size() {
    return inOrder.size();
  }

  public synchronized boolean contains(String id) {
    return byId.containsKey(id);
  }

  /**
   * Newest first (by event time, then id), filtered by person (entity) and rule when given.
   *
   * @param entityType the entity type when {@code entityId} is given ("person", "device")
   */
  public synchronized List<Finding> query(String entityType, String entityId, String ruleId, int limit) {
    List<Finding> source = entityId == null ? inOrder : byEntity.getOrDefault(key(entityType, entityId), List.of());
    List<Finding> out = new ArrayList<>();
    for (Finding f : source) {
      if (ruleId == null || ruleId.equals(f.ruleId())) {
        out.add(f);
      }
    }
    out.sort(java.util.Comparator.comparing(Finding::timestamp).reversed().thenComparing(Finding::id));
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }

  private static String key(String type, String id) {
    return type + "\u0000" + id;
  }
}
