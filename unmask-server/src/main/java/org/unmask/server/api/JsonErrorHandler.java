package org.unmask.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, made before a request reaches the router (a URI with {@code %00} or bytes
 * that are not UTF-8, one too long, {@code ..} out of the root), in the API's one error shape
 * instead of Jetty's HTML page: every answer of the API is {@code {"error":{...}}}.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int status, String message) {
    String text = message == null || message.isBlank() ? "the request could not be read" : message;
    try {
      return Json.MAPPER.writeValueAsBytes(Json.error(status, status >= 500 ? "internal" : "bad_request", text));
    } catch (JsonProcessingException e) {
      return ("{\"error\":{\"status\":" + status + ",\"code\":\"bad_request\",\"message\":\"unreadable request\"}}").getBytes();
    }
  }
}
