package org.unmask.ingest;

import static java.util.Objects.requireNonNull;

/** An input record that could not be read: where it was and why. One line of rejected.jsonl. */
public record Rejection(String file, long line, String reason) {

  private static final String MISSING_KEY_COLUMN = "no '";

  public Rejection {
    requireNonNull(file, "file");
    requireNonNull(reason, "reason");
  }

  /** A CSV whose header lacks the column every row needs: none of its rows can be read. */
  static Rejection missingKeyColumn(String file, String column, String header) {
    return new Rejection(file, 1, MISSING_KEY_COLUMN + column + "' column in the header " + EventParser.quote(header)
        + ": no row of the file can be read (the columns are in docs/contract.md)");
  }

  /** Whether this says a whole file cannot be read for its header ({@link #missingKeyColumn}). */
  public boolean isMissingKeyColumn() {
    return line == 1 && reason.startsWith(MISSING_KEY_COLUMN);
  }
}
