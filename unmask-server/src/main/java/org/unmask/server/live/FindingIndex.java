package org.unmask.server.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.unmask.event.Finding;

/**
 * The findings the API shows (pseudonymised), by entity. Two parts: findings of live detection
 * (rules and behavioural detectors), which are facts once emitted and only ever added; and the
 * findings of the latest conclusion (money trail, vetting, farm membership), which are replaced
 * whole at each publication because they describe the picture as it is now. Unique by id: a
 * re-reported fact keeps its first report, as in a scan. Thread-safe.
 */
public final class FindingIndex {

  private final Map<String, Finding> byId = new HashMap<>();
  private final Map<String, List<Finding>> byEntity = new HashMap<>();
  private final List<Finding> inOrder = new ArrayList<>();
  private List<Finding> concluded = List.of();
  private Map<String, List<Finding>> concludedByEntity = Map.of();

  /** Adds detection findings not seen before; returns how many were new. */
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

  /** Replaces the conclusion's own findings (those that are not detection findings). */
  public synchronized void replaceConcluded(Collection<Finding> conclusion) {
    List<Finding> own = new ArrayList<>();
    Map<String, List<Finding>> index = new HashMap<>();
    for (Finding f : conclusion) {
      if (!byId.containsKey(f.id())) {
        own.add(f);
        index.computeIfAbsent(key(f.entity().type().label(), f.entity().id()), k -> new ArrayList<>()).add(f);
      }
    }
    concluded = own;
    concludedByEntity = index;
  }

  public synchronized int size() {
    return inOrder.size() + concluded.size();
  }

  /**
   * Newest first (by event time, then id), filtered by entity and rule when given, without the
   * findings {@code hidden} says are suppressed.
   *
   * @param entityType the entity type when {@code entityId} is given ("person", "device")
   */
  public synchronized List<Finding> query(String entityType, String entityId, String ruleId, int limit,
      Predicate<Finding> hidden) {
    List<Finding> out = new ArrayList<>();
    if (entityId == null) {
      collect(inOrder, ruleId, hidden, out);
      collect(concluded, ruleId, hidden, out);
    } else {
      collect(byEntity.getOrDefault(key(entityType, entityId), List.of()), ruleId, hidden, out);
      collect(concludedByEntity.getOrDefault(key(entityType, entityId), List.of()), ruleId, hidden, out);
    }
    out.sort(Comparator.comparing(Finding::timestamp).reversed().thenComparing(Finding::id));
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }

  private static void collect(List<Finding> from, String ruleId, Predicate<Finding> hidden, List<Finding> out) {
    for (Finding f : from) {
      if ((ruleId == null || ruleId.equals(f.ruleId())) && !hidden.test(f)) {
        out.add(f);
      }
    }
  }

  private static String key(String type, String id) {
    return type + "\u0000" + id;
  }
}
