package org.unmask.ingest;

/**
 * The dataset as a whole cannot be read: no such folder, an unreadable {@code people.csv}, no room
 * to spill a sort. The message is one line a person can act on; the CLI prints it and exits
 * non-zero. Bad records never raise this: they are rejected and reading continues.
 */
public final class DatasetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
