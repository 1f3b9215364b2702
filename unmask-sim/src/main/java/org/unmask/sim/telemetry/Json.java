package org.unmask.sim.telemetry;

/**
 * A minimal JSON-line builder for the simulator's hot path: fields are written in the order given,
 * which keeps output byte-identical across runs, and nothing is parsed or boxed.
 */
final class Json {
  private final StringBuilder sb = new StringBuilder(384);
  private int depth;
  private boolean first = true;

  Json begin() {
    sb.setLength(0);
    sb.append('{');
    depth = 1;
    first = true;
    return this;
  }

  Json obj(String key) {
    key(key);
    sb.append('{');
    depth++;
    first = true;
    return this;
  }

  Json end() {
    sb.append('}');
    depth--;
    first = false;
    return this;
  }

  Json str(String key, String value) {
    if (value == null) {
      return this;
    }
    key(key);
    quote(value);
    return this;
  }

  Json num(String key, long value) {
    key(key);
    sb.append(value);
    return this;
  }

  Json bool(String key, boolean value) {
    key(key);
    sb.append(value);
    return this;
  }

  Json strings(String key, Iterable<String> values) {
    key(key);
    sb.append('[');
    boolean f = true;
    for (String v : values) {
      if (!f) sb.append(',');
      quote(v);
      f = false;
    }
    sb.append(']');
    return this;
  }

  String line() {
    while (depth > 0) {
      end();
    }
    return sb.toString();
  }

  private void key(String key) {
    if (!first) {
      sb.append(',');
    }
    first = false;
    sb.append('"').append(key).append("\":");
  }

  private void quote(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
