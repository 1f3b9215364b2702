package org.unmask.server.api;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * JSON in and out. Responses escape {@code < > & '} as {@code \}{@code u003c}-style sequences:
 * log fields are attacker-controlled, and even a client that wrongly treats a response as HTML then
 * finds no markup in it. Request bodies are capped at {@link #MAX_BODY} bytes.
 */
public final class Json {

  /** The largest JSON request body accepted. */
  public static final int MAX_BODY = 64 * 1024;
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setCharacterEscapes(new HtmlSafe());
  }

  private Json() {}

  public static void send(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType(CONTENT_TYPE).result(MAPPER.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void ok(Context ctx, Object body) {
    send(ctx, 200, body);
  }

  /** The error body the whole API uses. */
  public static Map<String, Object> error(int status, String code, String message) {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("status", status);
    inner.put("code", code);
    inner.put("message", message);
    return Map.of("error", inner);
  }

  /** The request body as a JSON object; an empty body reads as {}. */
  public static ObjectNode object(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY) {
      throw ApiError.tooLarge(String.format(Locale.ROOT, "JSON body of %,d bytes is over the limit of %,d bytes", declared, MAX_BODY),
          ctx.bodyInputStream(), declared);
    }
    byte[] bytes;
    try (InputStream in = ctx.bodyInputStream()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    } catch (IOException e) {
      throw ApiError.badRequest("could not read the request body: " + e.getMessage());
    }
    if (bytes.length > MAX_BODY) {
      throw ApiError.tooLarge(String.format(Locale.ROOT, "JSON body is over the limit of %,d bytes", MAX_BODY));
    }
    if (bytes.length == 0) {
      return MAPPER.createObjectNode();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (IOException e) {
      String why = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
      throw ApiError.badRequest("the body is not valid JSON (" + why + "); send a JSON object such as {\"text\":\"...\"}");
    }
    if (node == null || !node.isObject()) {
      throw ApiError.badRequest("the body must be a JSON object such as {\"text\":\"...\"}, not " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return (ObjectNode) node;
  }

  /** A text field of a JSON body, or null when absent; 400 when present but not text or too long. */
  public static String text(ObjectNode body, String field, int maxLength) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.badRequest("\"" + field + "\" must be a string");
    }
    String s = v.asText();
    if (s.length() > maxLength) {
      throw ApiError.badRequest("\"" + field + "\" is longer than " + maxLength + " characters");
    }
    return s;
  }

  /** Escapes the characters that mean something to an HTML parser. */
  private static final class HtmlSafe extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes;

    HtmlSafe() {
      escapes = CharacterEscapes.standardAsciiEscapesForJSON();
      escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
      escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
      escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
      escapes['\''] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      // U+2028 and U+2029 end lines in older JavaScript; escape them too.
      if (ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
      }
      return null;
    }
  }
}
