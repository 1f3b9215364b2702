package org.unmask.flink.wire;

/**
 * One record for an output topic: {@code topic} is the suffix after the prefix ({@code findings},
 * {@code persons}, {@code cases}, {@code farms}, {@code rejected}, {@code late}), {@code key} the
 * deterministic id, {@code value} the contract's JSON line, or null for a tombstone (a finding or
 * case that a later conclusion no longer holds).
 */
public final class Publication {
  public String topic;
  public String key;
  public String value;

  public Publication() {}

  public Publication(String topic, String key, String value) {
    this.topic = topic;
    this.key = key;
    this.value = value;
  }
}
