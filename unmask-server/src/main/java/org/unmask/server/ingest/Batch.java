package org.unmask.server.ingest;

import java.util.List;
import org.unmask.scan.EventStage;

/**
 * Events acknowledged together, in the order of their lines. Detection may start on a batch while
 * its intake-log record is still being forced to disk; the acknowledgement time is set when the
 * force returns (the moment the client is answered), and detection latency is measured from it.
 */
public final class Batch {

  private final long seq;
  private final List<EventStage.Prepared> events;
  private final boolean live;
  private volatile long acknowledgedNanos;

  /**
   * @param seq the batch number in the intake log (0 for backfilled events)
   * @param live true for a batch a client is waiting on; false for replayed and backfilled ones
   */
  public Batch(long seq, List<EventStage.Prepared> events, boolean live) {
    this.seq = seq;
    this.events = List.copyOf(events);
    this.live = live;
  }

  public boolean live() {
    return live;
  }

  public long seq() {
    return seq;
  }

  /** The events, already enriched and matched by the rules (on the request thread). */
  public List<EventStage.Prepared> events() {
    return events;
  }

  void acknowledged(long nanos) {
    acknowledgedNanos = nanos;
  }

  /**
   * {@link System#nanoTime} when the client was told the batch is durable, or 0 when it has not
   * been yet, or never will be (replayed and backfilled batches: no client waits on them).
   */
  public long acknowledgedNanos() {
    return acknowledgedNanos;
  }
}
