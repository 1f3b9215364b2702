package org.unmask.ingest.osquery;

import static org.unmask.ingest.VendorFields.add;
import static org.unmask.ingest.VendorFields.dataset;
import static org.unmask.ingest.VendorFields.get;
import static org.unmask.ingest.VendorFields.has;
import static org.unmask.ingest.VendorFields.text;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.unmask.ingest.VendorAdapter;
import org.unmask.ingest.VendorFields;

/**
 * osquery result logs (differential rows with {@code columns}, or {@code snapshot} lists), as
 * written by the filesystem logger or shipped by Fleet/Kolide. The query name decides the dataset:
 *
 * <ul>
 *   <li>{@code *usb*} (the {@code usb_devices} table) -> {@code endpoint.usb} for differential rows
 *       whose vendor and model ids parse; {@code added}/{@code removed} become
 *       {@code connected}/{@code disconnected};
 *   <li>{@code *process*} ({@code processes}, {@code process_events}) -> {@code endpoint.process};
 *   <li>{@code *keyboard_layout*}, {@code *locale*}, {@code *input_source*} -> {@code endpoint.inventory}
 *       with {@code host.locale.keyboard_layouts} gathered from every row;
 *   <li>anything else -> {@code osquery.result}, fields kept for rules.
 * </ul>
 *
 * {@code hostIdentifier} becomes {@code host.id} (configure osquery's {@code --host_identifier} to
 * the id used in devices.csv).
 */
public final class OsqueryAdapter implements VendorAdapter {

  private static final DateTimeFormatter CALENDAR =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);
  private static final Set<String> LAYOUT_COLUMNS =
      Set.of("layout", "keyboard_layout", "input_source", "input_locale", "locale", "language", "name");

  @Override
  public String name() {
    return "osquery";
  }

  @Override
  public boolean recognises(Map<String, Object> f) {
    if (!(get(f, "name") instanceof String)) {
      return false;
    }
    if (has(f, "hostIdentifier") || has(f, "unixTime") || has(f, "calendarTime") || has(f, "snapshot")) {
      return true;
    }
    return has(f, "action") && hasColumns(f);
  }

  private static boolean hasColumns(Map<String, Object> f) {
    for (String k : f.keySet()) {
      if (k.startsWith("columns.")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void adapt(Map<String, Object> f) {
    VendorFields.timestamp(f, time(f));
    add(f, "host.id", text(f, "hostIdentifier"));
    add(f, "host.name", VendorFields.firstText(f, "decorations.hostname", "hostIdentifier"));
    String name = text(f, "name"); // a result log always names its query; a line may not
    String query = name == null ? "" : name.toLowerCase(Locale.ROOT);
    String action = text(f, "action");
    if (query.contains("usb") && usb(f, action)) {
      return;
    }
    if (query.contains("process") && (has(f, "columns.pid") || has(f, "columns.path"))) {
      process(f);
      return;
    }
    if (isLayoutQuery(query)) {
      inventory(f);
      return;
    }
    dataset(f, "osquery.result");
    add(f, "event.action", action);
  }

  /** Keyboard-layout and locale inventory queries (not, say, osx-attacks' Keyboard_Event_Taps). */
  private static boolean isLayoutQuery(String query) {
    String q = query.replace('-', '_');
    return q.contains("keyboard_layout") || q.contains("keyboardlayout") || q.contains("input_source")
        || q.contains("locale");
  }

  private static boolean usb(Map<String, Object> f, String action) {
    String vendor = VendorFields.hex4(get(f, "columns.vendor_id"));
    String product = VendorFields.hex4(get(f, "columns.model_id"));
    if (vendor == null || product == null) {
      return false;
    }
    dataset(f, "endpoint.usb");
    add(f, "event.action", "removed".equals(action) ? "disconnected" : "connected");
    add(f, "usb.vendor_id", vendor);
    add(f, "usb.product_id", product);
    add(f, "usb.manufacturer", text(f, "columns.vendor"));
    add(f, "usb.product", text(f, "columns.model"));
    add(f, "usb.serial", text(f, "columns.serial"));
    return true;
  }

  private static void process(Map<String, Object> f) {
    dataset(f, "endpoint.process");
    add(f, "event.action", "start");
    String path = text(f, "columns.path");
    String name = text(f, "columns.name");
    if (name == null && path != null) {
      name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }
    add(f, "process.name", name);
    add(f, "process.executable", path);
    add(f, "process.command_line", text(f, "columns.cmdline"));
    add(f, "process.pid", number(get(f, "columns.pid")));
    add(f, "process.parent.pid", number(get(f, "columns.parent")));
    add(f, "process.hash.sha256", text(f, "columns.sha256"));
    add(f, "user.name", VendorFields.firstText(f, "columns.username", "columns.user"));
  }

  private static void inventory(Map<String, Object> f) {
    dataset(f, "endpoint.inventory");
    add(f, "event.action", "snapshot");
    Set<String> layouts = new LinkedHashSet<>();
    String timezone = null;
    List<Map<?, ?>> rows = new ArrayList<>();
    if (get(f, "snapshot") instanceof List<?> list) {
      for (Object row : list) {
        if (row instanceof Map<?, ?> m) {
          rows.add(m);
        }
      }
    } else {
      Map<String, Object> columns = new java.util.HashMap<>();
      for (Map.Entry<String, Object> e : f.entrySet()) {
        if (e.getKey().startsWith("columns.")) {
          columns.put(e.getKey().substring("columns.".length()), e.getValue());
        }
      }
      rows.add(columns);
    }
    for (Map<?, ?> row : rows) {
      for (Map.Entry<?, ?> e : row.entrySet()) {
        String column = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
        if (e.getValue() == null) {
          continue;
        }
        String value = String.valueOf(e.getValue()).trim();
        if (value.isEmpty()) {
          continue;
        }
        if (column.equals("timezone") || column.equals("time_zone")) {
          timezone = value;
        } else if (LAYOUT_COLUMNS.contains(column)) {
          layouts.add(value);
        }
      }
    }
    if (!layouts.isEmpty()) {
      add(f, "host.locale.keyboard_layouts", List.copyOf(layouts));
    }
    add(f, "host.locale.timezone", timezone);
  }

  private static Instant time(Map<String, Object> f) {
    Long unix = number(get(f, "unixTime"));
    if (unix != null && unix > 0 && unix < org.unmask.ingest.Timestamps.LATEST_PLAUSIBLE.getEpochSecond()) {
      return Instant.ofEpochSecond(unix); // a larger one would overflow; the event parser rejects what is not plausible
    }
    String calendar = text(f, "calendarTime");
    if (calendar != null) {
      Instant iso = org.unmask.ingest.Timestamps.lenient(calendar);
      if (iso != null) {
        return iso;
      }
      String s = collapseSpaces(calendar.trim()); // "%e" pads single-digit days: "May  4"
      if (s.endsWith(" UTC")) {
        s = s.substring(0, s.length() - 4);
      }
      try {
        return LocalDateTime.parse(s, CALENDAR).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static String collapseSpaces(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' || b.length() == 0 || b.charAt(b.length() - 1) != ' ') {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static Long number(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof String s) {
      try {
        return Long.valueOf(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
