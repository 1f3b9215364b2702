package org.unmask.ingest;

/** Where readers report records they could not read. Readers never throw for a bad record. */
@FunctionalInterface
public interface RejectSink {
  void reject(Rejection rejection);
}
