package org.unmask.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a scan read and how fast: counts for the final summary and the report.
 *
 * @param rejectedByReason rejected records by the first words of their reason
 * @param lastEvent the end of the data, the time risk is reported at ({@link ActivityClock})
 * @param latestTimestamp the latest time an event carried: after {@code lastEvent} when some
 *     clock ran ahead of the fleet's
 */
public record ScanStats(
    long eventsRead,
    long rejected,
    Map<String, Long> rejectedByReason,
    long findings,
    Instant firstEvent,
    Instant lastEvent,
    Instant latestTimestamp,
    Duration elapsed) {

  public ScanStats {
    rejectedByReason = Map.copyOf(rejectedByReason);
  }

  /** Stats of a scan whose clocks agree: the latest timestamp is the end of the data. */
  public ScanStats(long eventsRead, long rejected, Map<String, Long> rejectedByReason, long findings,
      Instant firstEvent, Instant lastEvent, Duration elapsed) {
    this(eventsRead, rejected, rejectedByReason, findings, firstEvent, lastEvent, lastEvent, elapsed);
  }

  /** Whether some event carried a time past the end of the data (a clock set ahead). */
  public boolean clocksAhead() {
    return latestTimestamp != null && lastEvent != null && latestTimestamp.isAfter(lastEvent);
  }

  public double eventsPerSecond() {
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    return eventsRead / seconds;
  }
}
