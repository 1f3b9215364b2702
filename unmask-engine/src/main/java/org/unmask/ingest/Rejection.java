package org.unmask.ingest;

import static java.util.Objects.requireNonNull;

/** An input record that could not be read: where it was and why. One line of rejected.jsonl. */
public record Rejection(String file, long line, String reason) {
  public Rejection {
    requireNonNull(file, "file");
    requireNonNull(reason, "reason");
  }
}
