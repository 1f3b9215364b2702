package org.unmask.detect.sigma.correlation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one correlation rule for one group: the matches inside the sliding window, oldest
 * first, and whether the condition held at the last match (for edge-triggered firing). Plain
 * records of strings and primitives, so Flink or Java serialisation can store it as it is.
 *
 * @param hits the matches in the window, sorted by time; equal times keep arrival order
 * @param active whether the condition held when the last match arrived
 * @param lastFiredAt epoch millis of the last firing, or {@link Long#MIN_VALUE}
 */
record WindowState(ArrayList<Hit> hits, boolean active, long lastFiredAt) implements Serializable {

  static WindowState empty() {
    return new WindowState(new ArrayList<>(), false, Long.MIN_VALUE);
  }

  /**
   * One contributing match.
   *
   * @param at epoch millis of the matched event
   * @param rule index of the referenced rule in the correlation's {@code rules} list
   * @param value the aggregated field as text (value_count, value_percentile), or null
   * @param number the aggregated field as a number (value_sum/avg/percentile), or NaN
   * @param evidence where the match was read; a chained correlation match carries its own evidence
   */
  record Hit(long at, int rule, String value, double number, List<Evidence> evidence)
      implements Serializable {}

  /** A source line, as strings and primitives rather than the engine's SourceRef. */
  record Evidence(String file, long line) implements Serializable {}
}
