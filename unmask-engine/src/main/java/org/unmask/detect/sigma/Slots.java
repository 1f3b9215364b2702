package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Numbers each distinct list of event fields the rules read, so an event view can cache by index. */
final class Slots {

  private final Map<List<String>, Integer> index = new HashMap<>();
  private final List<String[]> keys = new ArrayList<>();

  int slot(List<String> eventFields) {
    return index.computeIfAbsent(List.copyOf(eventFields), k -> {
      keys.add(k.toArray(String[]::new));
      return keys.size() - 1;
    });
  }

  String[] keys(int slot) {
    return keys.get(slot);
  }

  String[][] all() {
    return keys.toArray(String[][]::new);
  }
}
