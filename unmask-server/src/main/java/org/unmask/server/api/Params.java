package org.unmask.server.api;

import io.javalin.http.Context;

/** Query parameters, checked. */
final class Params {

  private Params() {}

  static int limit(Context ctx, int dflt, int max) {
    String v = ctx.queryParam("limit");
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 1 || n > max) {
        throw ApiError.badRequest("limit must be between 1 and " + max + " (got " + n + ")");
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("limit must be a whole number between 1 and " + max);
    }
  }

  static String text(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > 300) {
      throw ApiError.badRequest(name + " is longer than 300 characters");
    }
    return v.strip();
  }
}
