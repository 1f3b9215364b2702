package org.unmask.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a scan read and how fast: counts for the final summary and the report.
 *
 * @param rejectedByReason rejected records by the first words of their reason
 */
public record ScanStats(
    long eventsRead,
    long rejected,
    Map<String, Long> rejectedByReason,
    long findings,
    Instant firstEvent,
    Instant lastEvent,
    Duration elapsed) {

  public ScanStats {
    rejectedByReason = Map.copyOf(rejectedByReason);
  }

  public double eventsPerSecond() {
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    return eventsRead / seconds;
  }
}
