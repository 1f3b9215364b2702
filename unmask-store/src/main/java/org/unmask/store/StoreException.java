package org.unmask.store;

/** A store operation failed: the database is unreachable, the schema is newer, or a request is invalid. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
