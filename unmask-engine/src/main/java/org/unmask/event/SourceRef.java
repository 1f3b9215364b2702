package org.unmask.event;

import static java.util.Objects.requireNonNull;

/**
 * Where a record came from: a path relative to the dataset folder and a 1-based line number. This
 * is the evidence pointer that findings carry, so an analyst can open the exact line.
 */
public record SourceRef(String file, long line) {

  public SourceRef {
    requireNonNull(file, "file");
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
