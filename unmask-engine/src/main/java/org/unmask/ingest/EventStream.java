package org.unmask.ingest;

import java.util.Iterator;
import org.unmask.event.Event;

/**
 * The events of a dataset in time order: by {@code @timestamp}, ties broken by file name and then
 * line, so the order never depends on the file system. Bad lines are reported to the
 * {@link RejectSink} given to {@link Dataset#events} as they are met and skipped. Close it to
 * release file handles and delete temporary sort files.
 */
public interface EventStream extends Iterator<Event>, AutoCloseable {

  /**
   * Bytes of the event files consumed so far (on-disk bytes, so compressed for {@code .gz}); with
   * the sizes in {@link Dataset#eventFiles()} this gives progress and an ETA.
   */
  long bytesRead();

  @Override
  void close();
}
