package org.unmask.ingest;

import java.util.HashMap;
import java.util.Map;
import org.unmask.event.Event;

/**
 * Parses single JSON lines that arrive one by one, with exactly the parsing, flattening, vendor
 * recognition, timestamp rules and rejection reasons of a dataset read ({@link Dataset#events}).
 * The server's ingestion has no folder to hint at the vendor, so its lines are recognised by their
 * shape; the Flink job reads lines with the file name they came from, whose folders hint at the
 * vendor as in a dataset. The name given with each line is the evidence location findings carry.
 *
 * <p>Not thread-safe: one per reading thread.
 */
public final class LineParser {

  private static final int MAX_HINTS = 10_000;

  private final Adapters adapters = new Adapters();
  private final EventParser parser = new EventParser(adapters);
  private final Map<String, VendorAdapter> hints = new HashMap<>();

  /**
   * The event on this line, recognised by its shape, or null when the line is blank (nothing to
   * report) or rejected (the rejection, with its reason, went to {@code sink}).
   *
   * @param source the name recorded as the event's evidence file
   * @param line the line number recorded as the event's evidence line
   */
  public Event parse(byte[] bytes, int off, int len, String source, long line, RejectSink sink) {
    if (len > ReadOptions.DEFAULT_MAX_LINE_BYTES) { // a dataset's bound on a line, for lines that come one by one too
      sink.reject(new Rejection(source, line, EventSource.tooLong(ReadOptions.DEFAULT_MAX_LINE_BYTES)));
      return null;
    }
    return parser.parse(bytes, off, len, source, line, null, sink);
  }

  /**
   * Parses one line of the file {@code file}, whose folders hint at the vendor. Returns null for a
   * blank line, and for a bad one after sending its rejection (file, line, reason) to {@code sink}.
   */
  public Event parse(byte[] line, String file, long lineNumber, RejectSink sink) {
    if (line.length > ReadOptions.DEFAULT_MAX_LINE_BYTES) {
      sink.reject(new Rejection(file, lineNumber, EventSource.tooLong(ReadOptions.DEFAULT_MAX_LINE_BYTES)));
      return null;
    }
    return parser.parse(line, 0, line.length, file, lineNumber, hintFor(file), sink);
  }

  private VendorAdapter hintFor(String file) {
    VendorAdapter hint = hints.get(file);
    if (hint == null && !hints.containsKey(file)) {
      hint = adapters.hintFor(file);
      if (hints.size() < MAX_HINTS) {
        hints.put(file, hint);
      }
    }
    return hint;
  }
}
