package org.unmask.flink.wire;

/**
 * What the keyed judges tell the conclusion operator: a finding, a shared-attribute link, how far
 * in event time the judged input has come (for risk decay, as the scan's latest event), or a rule
 * match that a correlation reads (correlations are judged in one place, since their groups span
 * the entities the judges are keyed by).
 */
public final class Fact {

  public static final byte FINDING = 'F';
  public static final byte LINK = 'L';
  public static final byte CLOCK = 'T';
  public static final byte FEED = 'C';

  public byte kind;
  public long timestamp;
  public byte[] body;

  public Fact() {}

  public Fact(byte kind, long timestamp, byte[] body) {
    this.kind = kind;
    this.timestamp = timestamp;
    this.body = body;
  }
}
