package org.unmask.flink.wire;

/**
 * One line as read from Kafka, before parsing. {@code file} and {@code line} are the evidence
 * location findings will carry: the {@code unmask.file} and {@code unmask.line} headers that
 * {@code unmask kafka-load} sets, or {@code kafka/<topic>/<partition>} and the offset for records
 * from other producers. A Flink POJO: public fields, no-arg constructor.
 */
public final class RawLine {
  public String file;
  public long line;
  public byte[] value;

  public RawLine() {}

  public RawLine(String file, long line, byte[] value) {
    this.file = file;
    this.line = line;
    this.value = value;
  }
}
