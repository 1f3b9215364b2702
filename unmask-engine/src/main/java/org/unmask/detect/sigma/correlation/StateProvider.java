package org.unmask.detect.sigma.correlation;

import java.util.Collection;
import java.util.List;
import org.unmask.state.State;

/**
 * Where the correlation engine keeps its per-group windows: one {@link State} per correlation rule
 * and group-by key. The local scan uses {@link MapStateProvider}; a Flink operator returns a view
 * on its keyed state (a {@code MapState} keyed by correlation and group, with a TTL of the longest
 * timespan standing in for {@link #groupKeys}-based expiry).
 */
public interface StateProvider {

  /** The state of one group of one correlation rule. */
  <S> State<S> state(String correlationId, String groupKey);

  /**
   * The groups of a correlation that have state, so {@link CorrelationEngine#expire} can drop
   * windows that no match will ever touch again. Runtimes with their own expiry return nothing.
   */
  default Collection<String> groupKeys(String correlationId) {
    return List.of();
  }
}
