package org.unmask.flink.wire;

/**
 * An enriched event on its way to one keyed judge: {@code key} names the route (a detector's index
 * and that detector's key, or the rules and the event's subject), {@code timestamp} is the event's
 * time in epoch milliseconds and {@code event} the event in {@link Wire} form. One event becomes as
 * many routed copies as detectors want it, plus one for the rules.
 */
public final class Routed {
  public String key;
  public long timestamp;
  public byte[] event;

  public Routed() {}

  public Routed(String key, long timestamp, byte[] event) {
    this.key = key;
    this.timestamp = timestamp;
    this.event = event;
  }
}
