package org.unmask.detect;

import org.unmask.event.Event;
import org.unmask.state.State;

/**
 * A stateful detector over the time-ordered event stream. The runtime groups events by
 * {@link #key}, hands the detector that key's {@link State}, and collects what it emits through the
 * {@link DetectionContext}. The same class runs in the local scan and in the Flink job, so a
 * detector keeps nothing in fields: all memory lives in its state.
 *
 * @param <S> the state kept per key
 */
public interface Detector<S> {

  /** Stable id, also the {@code rule_id} of the findings it emits. */
  String id();

  /** The key this event belongs to (a person id, device id, IP...), or null to skip the event. */
  String key(Event event, DetectionContext context);

  /** Handles one event for its key. Events of one key arrive in timestamp order. */
  void onEvent(Event event, State<S> state, DetectionContext context);

  /**
   * Called once per key when bounded input ends (the local scan; a bounded Flink job), for
   * detectors that judge a whole history, such as work-hour inference. Default: nothing.
   */
  default void onEnd(String key, State<S> state, DetectionContext context) {}
}
