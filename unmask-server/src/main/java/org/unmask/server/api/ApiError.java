package org.unmask.server.api;

/**
 * A refusal with an HTTP status, a stable code and a message that says what to fix. Every error
 * the API returns is one of these, rendered as {@code {"error":{"status","code","message"}}}.
 */
public final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final Integer retryAfterSeconds;

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiError(int status, String code, String message, Integer retryAfterSeconds) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  /** Refused bodies up to this size are read and dropped first, so the client sees the 413. */
  static final long DRAIN_LIMIT = 2L << 20;

  /**
   * A 413 for a body refused by its declared length. A modest body is read and dropped first: a
   * server that answers and closes while the client is still writing makes the client lose the
   * answer in a connection reset. Larger ones are refused without reading, and the connection closes.
   */
  public static ApiError tooLarge(String message, java.io.InputStream unread, long declared) {
    if (declared > 0 && declared <= DRAIN_LIMIT) {
      try (java.io.InputStream in = unread) {
        in.skipNBytes(declared);
      } catch (java.io.IOException | RuntimeException e) {
        // the client went away: there is no one to answer
      }
    }
    return tooLarge(message);
  }

  public static ApiError tooLarge(String message) {
    return new ApiError(413, "payload_too_large", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Seconds to wait before retrying, for 429 and 503; null otherwise. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
