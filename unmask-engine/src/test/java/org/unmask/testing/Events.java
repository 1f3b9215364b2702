package org.unmask.testing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/** Builds events for tests: {@code Events.at("2026-05-04T14:00:00Z", "idp.signin", "user.email", "a@x")}. */
public final class Events {

  private static long line;

  private Events() {}

  public static Event at(String timestamp, String dataset, Object... keyValues) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("@timestamp", timestamp);
    fields.put("event.dataset", dataset);
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new Event(Instant.parse(timestamp), dataset, fields, new SourceRef("events/test.jsonl", ++line));
  }
}
