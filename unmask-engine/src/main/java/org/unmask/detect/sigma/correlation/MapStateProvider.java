package org.unmask.detect.sigma.correlation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.unmask.state.MapStateStore;
import org.unmask.state.State;

/** In-memory correlation state for the local scan: one {@link MapStateStore} per correlation. */
public final class MapStateProvider implements StateProvider {

  private final Map<String, MapStateStore<Object>> stores = new HashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public <S> State<S> state(String correlationId, String groupKey) {
    State<Object> state =
        stores.computeIfAbsent(correlationId, id -> new MapStateStore<>()).forKey(groupKey);
    return (State<S>) state;
  }

  @Override
  public Collection<String> groupKeys(String correlationId) {
    MapStateStore<Object> store = stores.get(correlationId);
    return store == null ? java.util.List.of() : store.keys();
  }

  /** How many groups hold state across all correlations; for tests and memory checks. */
  public int size() {
    int size = 0;
    for (MapStateStore<Object> store : stores.values()) {
      size += store.size();
    }
    return size;
  }
}
