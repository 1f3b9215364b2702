package org.unmask.state;

/**
 * The state one detector keeps for one key (a person, a device, an egress IP...). This is the one
 * seam between detection logic and where state lives: a {@code HashMap} entry when scanning on a
 * laptop, a Flink {@code ValueState} in the keyed operator of the scale-out job. Detectors read it,
 * change it and write it back; they never hold state in fields of their own.
 *
 * <p>State values must be serialisable by the runtime (plain records or classes of Java types) and
 * must not be shared between keys.
 *
 * @param <S> the detector's state type
 */
public interface State<S> {

  /** The current value for this key, or null when the key has none yet. */
  S value();

  /** Replaces the value for this key. */
  void update(S value);

  /** Forgets this key. */
  void clear();
}
