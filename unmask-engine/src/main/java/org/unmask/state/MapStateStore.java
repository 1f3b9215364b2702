package org.unmask.state;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * In-memory keyed state for one detector: the runtime of the embedded (laptop) mode. A
 * {@link State} view is bound to one key at a time, the way a Flink keyed operator binds its state
 * to the current key.
 *
 * @param <S> the detector's state type
 */
public final class MapStateStore<S> {

  private final Map<String, S> values = new HashMap<>();

  /** The state of one key. The view is cheap; make one per event. */
  public State<S> forKey(String key) {
    return new State<>() {
      @Override
      public S value() {
        return values.get(key);
      }

      @Override
      public void update(S value) {
        values.put(key, value);
      }

      @Override
      public void clear() {
        values.remove(key);
      }
    };
  }

  /** Every key that has state, for end-of-input processing. */
  public Set<String> keys() {
    return Set.copyOf(values.keySet());
  }

  public int size() {
    return values.size();
  }
}
