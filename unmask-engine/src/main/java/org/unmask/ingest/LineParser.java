package org.unmask.ingest;

import org.unmask.event.Event;

/**
 * Parses single JSON lines that arrive one by one (the server's ingestion), with exactly the
 * parsing, flattening, vendor recognition and rejection reasons of a dataset read. Vendor lines are
 * recognised by their shape, as there is no folder name to hint at the vendor.
 *
 * <p>Not thread-safe: one per thread.
 */
public final class LineParser {

  private final EventParser parser = new EventParser(new Adapters());

  /**
   * The event on this line, or null when the line is blank (nothing to report) or rejected (the
   * rejection, with its reason, went to {@code sink}).
   *
   * @param source the name recorded as the event's evidence file
   * @param line the line number recorded as the event's evidence line
   */
  public Event parse(byte[] bytes, int off, int len, String source, long line, RejectSink sink) {
    return parser.parse(bytes, off, len, source, line, null, sink);
  }
}
