package org.unmask.ingest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unmask.reference.WatchlistEntry;
import org.unmask.reference.WatchlistEntry.Type;

/**
 * Threat-intelligence feeds as watchlist rows: a {@code watchlists/*.json} file holding a STIX 2.1
 * bundle or a MISP event export. Each indicator becomes a row of concern, so it is matched
 * wherever the CSV rows are (contract.md, "watchlists").
 *
 * <p><b>STIX 2.1.</b> {@code indicator} objects whose {@code pattern_type} is {@code stix} and
 * whose pattern is one or more equality comparisons joined by {@code OR}:
 * {@code ipv4-addr:value} and {@code ipv6-addr:value} (a value with a {@code /} is a block;
 * {@code ISSUBSET} is read too), {@code domain-name:value}, {@code file:hashes.'SHA-256'},
 * {@code file:name}, {@code email-addr:value}. A pattern with anything else ({@code AND},
 * {@code FOLLOWEDBY}, other objects or operators) is reported, not half-read. Revoked indicators
 * are skipped. The row's label is the indicator's {@code name} (else its {@code indicator_types}),
 * its source {@code STIX <id>}.
 *
 * <p><b>MISP.</b> An event ({@code {"Event": ...}}, a list of them, or {@code {"response": [...]}})
 * and the attributes of its objects: {@code ip-src}, {@code ip-dst} (and their {@code |port}
 * forms), {@code domain}, {@code hostname}, {@code domain|ip}, {@code sha256},
 * {@code filename|sha256}, {@code filename}, {@code email}, {@code email-src}, {@code email-dst},
 * {@code phone-number}, {@code btc} and {@code xmr}. Attributes marked {@code to_ids: false} are
 * context, not indicators, and are skipped. The label is the event's {@code info}, the source
 * {@code MISP event <uuid>}.
 */
public final class IndicatorFeeds {

  /** Feeds are files a user drops in; a hostile one is bounded like any other input. */
  private static final long MAX_BYTES = 64L << 20;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  /** {@code [a:b = 'v' OR c:d ISSUBSET 'w']}: one comparison inside the brackets. */
  private static final Pattern COMPARISON = Pattern.compile(
      "\\s*([a-z0-9-]+):([A-Za-z0-9_.'\\-]+)\\s+(=|ISSUBSET)\\s+'((?:[^'\\\\]|\\\\.)*)'\\s*");

  private IndicatorFeeds() {}

  /**
   * The indicators of one feed file; what cannot be read goes to {@code problems} as a rejection
   * of that file (line = the indicator's position in it, 1-based), and the others are kept.
   */
  public static List<WatchlistEntry> read(Path file, String name, Consumer<Rejection> problems) {
    JsonNode root;
    try {
      if (Files.size(file) > MAX_BYTES) {
        problems.accept(new Rejection(name, 0, "feed larger than " + (MAX_BYTES >> 20) + " MB: not read"));
        return List.of();
      }
      try (InputStream in = ByteOrderMark.skipped(Files.newInputStream(file))) {
        root = JSON.readTree(in);
      }
    } catch (IOException e) {
      problems.accept(new Rejection(name, 0, "not a JSON feed: " + EventSource.message(e)));
      return List.of();
    }
    List<WatchlistEntry> out = new ArrayList<>();
    try {
      if (root != null && "bundle".equals(root.path("type").asText())) {
        if (!root.path("objects").isArray()) {
          problems.accept(new Rejection(name, 0, "STIX bundle without an 'objects' array: no indicator read"));
        } else {
          stix(root.path("objects"), name, out, problems);
        }
      } else if (root != null && (root.has("Event") || root.has("response") || root.isArray())) {
        misp(root, name, out, problems);
      } else {
        problems.accept(new Rejection(name, 0, "neither a STIX 2.1 bundle nor a MISP event export"));
      }
    } catch (RuntimeException e) { // a feed is hostile input: whatever it holds, the scan goes on
      problems.accept(new Rejection(name, 0, "feed not read past a malformed part: " + EventSource.message(e)));
    }
    return out;
  }

  private static void stix(JsonNode objects, String name, List<WatchlistEntry> out, Consumer<Rejection> problems) {
    int position = 0;
    for (JsonNode o : objects) {
      position++;
      if (!"indicator".equals(o.path("type").asText()) || o.path("revoked").asBoolean(false)) {
        continue;
      }
      String indicator = indicatorName(o, position);
      String patternType = o.path("pattern_type").asText("stix");
      if (!patternType.equals("stix")) {
        problems.accept(new Rejection(name, position, indicator + ": pattern_type "
            + EventParser.quote(patternType) + " is not read (only stix)"));
        continue;
      }
      String label = o.hasNonNull("name") ? o.get("name").asText() : indicatorTypes(o);
      String source = o.hasNonNull("id") ? "STIX " + o.get("id").asText() : "STIX " + name + " object " + position;
      List<WatchlistEntry> rows = stixPattern(o.path("pattern").asText(""), label, source);
      if (rows == null) {
        problems.accept(new Rejection(name, position, indicator + ": pattern "
            + EventParser.quote(o.path("pattern").asText("")) + " is not read: only equality comparisons of"
            + " ipv4-addr, ipv6-addr, domain-name, file:hashes.'SHA-256', file:name and email-addr joined by OR"));
        continue;
      }
      out.addAll(rows);
    }
  }

  /** How a rejection names an indicator: by its id, or by its place in the bundle when it has none (STIX requires one; feeds forget it). */
  private static String indicatorName(JsonNode o, int position) {
    String id = o.path("id").asText("");
    return id.isBlank() ? "indicator at object " + position + " (no id)" : "indicator " + EventParser.quote(id);
  }

  private static String indicatorTypes(JsonNode o) {
    List<String> types = new ArrayList<>();
    o.path("indicator_types").forEach(t -> types.add(t.asText()));
    return types.isEmpty() ? "stix indicator" : String.join(", ", types);
  }

  /** The rows of a pattern, or null when any part of it is something this reader does not take. */
  static List<WatchlistEntry> stixPattern(String pattern, String label, String source) {
    List<WatchlistEntry> rows = new ArrayList<>();
    // [x] OR [y] and [x OR y] mean the same here: each comparison alone is an indicator
    String flat = pattern.trim();
    if (flat.length() > 100_000) {
      return null;
    }
    for (String group : splitOutsideQuotes(flat, " OR ")) {
      // a part opens its observation, closes it, both ("[a = 'x']") or neither ("[a = 'x' OR b = 'y' OR c = 'z']")
      String g = group.trim();
      if (g.startsWith("[")) {
        g = g.substring(1).trim();
      }
      if (g.endsWith("]")) {
        g = g.substring(0, g.length() - 1).trim();
      }
      if (g.contains("[") || g.contains("]")) {
        return null;
      }
      Matcher m = COMPARISON.matcher(g);
      if (!m.matches()) {
        return null;
      }
      String object = m.group(1);
      String path = m.group(2);
      boolean subset = m.group(3).equals("ISSUBSET");
      String value = m.group(4).replace("\\'", "'").replace("\\\\", "\\");
      Type type = switch (object + ":" + path) {
        case "ipv4-addr:value", "ipv6-addr:value" -> value.contains("/") ? Type.CIDR : subset ? null : Type.IP;
        case "domain-name:value" -> subset ? null : Type.DOMAIN;
        case "file:hashes.'SHA-256'", "file:hashes.SHA256", "file:hashes.'SHA256'" -> subset ? null : Type.SHA256;
        case "file:name" -> subset ? null : Type.PROCESS_NAME;
        case "email-addr:value" -> subset ? null : Type.EMAIL;
        default -> null;
      };
      if (type == null || value.isBlank()) {
        return null;
      }
      rows.add(new WatchlistEntry(type, value.trim(), label, source));
    }
    return rows.isEmpty() ? null : rows;
  }

  /** Splits on the separator where it is not inside single quotes. */
  private static List<String> splitOutsideQuotes(String s, String separator) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && s.startsWith(separator, i)) {
        parts.add(s.substring(from, i));
        from = i + separator.length();
        i = from - 1;
      }
    }
    parts.add(s.substring(from));
    return parts;
  }

  private static void misp(JsonNode root, String name, List<WatchlistEntry> out, Consumer<Rejection> problems) {
    List<JsonNode> events = new ArrayList<>();
    JsonNode list = root.isArray() ? root : root.has("response") ? root.get("response") : null;
    if (list == null) {
      events.add(root.get("Event"));
    } else if (list.isArray()) {
      list.forEach(item -> events.add(item.has("Event") ? item.get("Event") : item));
    } else {
      events.add(list.has("Event") ? list.get("Event") : list);
    }
    Map<String, Integer> unread = new TreeMap<>();
    int position = 0;
    for (JsonNode event : events) {
      position++;
      if (event == null || !event.isObject() || !(event.has("Attribute") || event.has("Object"))) {
        // an event that is no object, or holds neither attributes nor objects: said, not skipped
        problems.accept(new Rejection(name, position, "MISP event " + position + " has no 'Attribute' or 'Object' list: no indicator read"));
        continue;
      }
      String label = event.path("info").asText("MISP event");
      String source = "MISP event " + event.path("uuid").asText(event.path("id").asText("?"));
      List<JsonNode> attributes = new ArrayList<>();
      event.path("Attribute").forEach(attributes::add);
      event.path("Object").forEach(o -> o.path("Attribute").forEach(attributes::add));
      for (JsonNode a : attributes) {
        if (!a.path("to_ids").asBoolean(true)) {
          continue; // context, not an indicator
        }
        String type = a.path("type").asText("");
        List<WatchlistEntry> rows = mispAttribute(type, a.path("value").asText(""), label, source);
        if (rows == null) {
          unread.merge(type, 1, Integer::sum);
        } else {
          out.addAll(rows);
        }
      }
    }
    // one line per type: an event holds dozens of md5s or URLs, which need not each be a rejection
    unread.forEach((type, n) -> problems.accept(new Rejection(name, 0, n + " MISP attribute" + (n == 1 ? "" : "s")
        + " of type " + EventParser.quote(type) + " not read (no telemetry field to match them against)")));
  }

  /** The rows of one MISP attribute, empty when it has no value, null when its type is not read. */
  static List<WatchlistEntry> mispAttribute(String type, String value, String label, String source) {
    String v = value.trim();
    if (v.isEmpty()) {
      return List.of();
    }
    String first = v.contains("|") ? v.substring(0, v.indexOf('|')) : v;
    String second = v.contains("|") ? v.substring(v.indexOf('|') + 1) : null;
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "ip-src", "ip-dst" -> List.of(new WatchlistEntry(v.contains("/") ? Type.CIDR : Type.IP, v, label, source));
      case "ip-src|port", "ip-dst|port" -> List.of(new WatchlistEntry(Type.IP, first, label, source));
      case "domain", "hostname" -> List.of(new WatchlistEntry(Type.DOMAIN, v, label, source));
      case "hostname|port" -> List.of(new WatchlistEntry(Type.DOMAIN, first, label, source));
      case "domain|ip" -> second == null
          ? List.of(new WatchlistEntry(Type.DOMAIN, first, label, source))
          : List.of(new WatchlistEntry(Type.DOMAIN, first, label, source), new WatchlistEntry(Type.IP, second, label, source));
      case "sha256" -> List.of(new WatchlistEntry(Type.SHA256, v, label, source));
      case "filename|sha256" -> second == null ? null : List.of(new WatchlistEntry(Type.SHA256, second, label, source));
      case "filename" -> List.of(new WatchlistEntry(Type.PROCESS_NAME, v, label, source));
      case "email", "email-src", "email-dst" -> List.of(new WatchlistEntry(Type.EMAIL, v, label, source));
      case "phone-number" -> List.of(new WatchlistEntry(Type.PHONE, v, label, source));
      case "btc", "xmr" -> List.of(new WatchlistEntry(Type.WALLET, v, label, source));
      default -> null;
    };
  }
}
