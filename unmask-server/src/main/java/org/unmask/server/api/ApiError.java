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
