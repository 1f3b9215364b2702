package org.unmask.scan;

/** Progress of a running scan, for a progress bar. Called from the scanning thread. */
@FunctionalInterface
public interface ScanListener {

  /** Called every few thousand events. */
  void progress(long events, long bytesRead);

  ScanListener SILENT = (events, bytes) -> {};
}
