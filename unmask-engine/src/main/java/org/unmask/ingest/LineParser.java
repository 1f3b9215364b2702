package org.unmask.ingest;

import java.util.HashMap;
import java.util.Map;
import org.unmask.event.Event;

/**
 * One line of an event file, parsed exactly as {@link Dataset#events} parses it (same flattening,
 * vendor adapters, timestamp rules and rejection reasons), for runtimes that receive lines one at a
 * time from elsewhere, such as the Flink job reading Kafka. The file name given with each line is
 * the evidence location findings carry, and its folders hint at the vendor as in a dataset.
 *
 * <p>Not thread-safe: one per reading thread.
 */
public final class LineParser {

  private static final int MAX_HINTS = 10_000;

  private final Adapters adapters = new Adapters();
  private final EventParser parser = new EventParser(adapters);
  private final Map<String, VendorAdapter> hints = new HashMap<>();

  /**
   * Parses one line. Returns null for a blank line, and for a bad one after sending its rejection
   * (file, line, reason) to {@code sink}.
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
