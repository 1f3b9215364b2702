package org.unmask.server.ingest;

import java.util.List;
import org.unmask.event.Event;

/**
 * Events acknowledged together, in the order of their lines.
 *
 * @param seq the batch number in the intake log
 * @param ackedNanos {@link System#nanoTime} when the batch became durable, or 0 for replayed and
 *     backfilled batches (no client is waiting on them, so they do not count in the latency)
 */
public record Batch(long seq, List<Event> events, long ackedNanos) {
  public Batch {
    events = List.copyOf(events);
  }
}
