package org.unmask.server.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import org.unmask.server.auth.Access;

/**
 * One route of the API: the router and the OpenAPI document are both built from these.
 *
 * @param path with {@code {name}} parameters, as both Javalin and OpenAPI write them
 * @param query the query parameters it reads
 * @param body a short description of the request body, or null for none
 * @param response a short description of the response
 */
public record Route(HandlerType method, String path, Access access, String summary, List<String> query, String body,
    String response, Handler handler) {

  static Route get(String path, Access access, String summary, List<String> query, String response, Handler h) {
    return new Route(HandlerType.GET, path, access, summary, query, null, response, h);
  }

  static Route post(String path, Access access, String summary, String body, String response, Handler h) {
    return new Route(HandlerType.POST, path, access, summary, List.of(), body, response, h);
  }

  static Route put(String path, Access access, String summary, String body, String response, Handler h) {
    return new Route(HandlerType.PUT, path, access, summary, List.of(), body, response, h);
  }

  static Route delete(String path, Access access, String summary, String response, Handler h) {
    return new Route(HandlerType.DELETE, path, access, summary, List.of(), null, response, h);
  }
}
