package org.unmask.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Small, null-safe helpers the vendor adapters share. Lookups fall back to the all-lower-case key
 * because some SIEM exports (Athena/Glue tables, Panther) lower-case every column name.
 */
public final class VendorFields {

  /** The datasets of the contract; adapters never rewrite a line that already has one. */
  public static final Set<String> CONTRACT_DATASETS =
      Set.of(
          "idp.signin", "vpn.session", "endpoint.process", "endpoint.usb", "endpoint.display",
          "endpoint.inventory", "network.flow", "proxy.http", "git.audit");

  /** Lower-case spellings of the (few, constant) keys adapters ask for, computed once. */
  private static final java.util.concurrent.ConcurrentMap<String, String> LOWER =
      new java.util.concurrent.ConcurrentHashMap<>();

  private VendorFields() {}

  private static String lower(String key) {
    return LOWER.computeIfAbsent(key, k -> k.toLowerCase(Locale.ROOT));
  }

  /** The value under {@code key}, or under its lower-case spelling, or null. */
  public static Object get(Map<String, Object> f, String key) {
    Object v = f.get(key);
    if (v == null) {
      String lower = lower(key);
      if (lower != key) {
        v = f.get(lower);
      }
    }
    return v;
  }

  /** True when the key (or its lower-case spelling) is present, even with a null value. */
  public static boolean has(Map<String, Object> f, String key) {
    if (f.containsKey(key)) {
      return true;
    }
    String lower = lower(key);
    return lower != key && f.containsKey(lower);
  }

  /** The value as non-blank text (numbers rendered), or null. */
  public static String text(Map<String, Object> f, String key) {
    Object v = get(f, key);
    if (v instanceof String s) { // first: a failed `instanceof List` walks String's interfaces
      return s.isBlank() ? null : s;
    }
    if (v == null || v instanceof List<?> || v instanceof Map<?, ?>) {
      return null;
    }
    String s = String.valueOf(v);
    return s.isBlank() ? null : s;
  }

  /** The file name of a Windows or POSIX path (what follows the last separator), or null when there is none. */
  public static String baseName(String path) {
    if (path == null) {
      return null;
    }
    int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
    String name = path.substring(cut + 1);
    return name.isEmpty() ? null : name;
  }

  /** The first of the keys that has text. */
  public static String firstText(Map<String, Object> f, String... keys) {
    for (String k : keys) {
      String s = text(f, k);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** Adds a field unless the value is null or the field is already present. */
  public static void add(Map<String, Object> f, String key, Object value) {
    if (value != null && f.get(key) == null) {
      f.put(key, value);
    }
  }

  /** Sets the dataset: a contract dataset replaces a vendor one; any other only fills a gap. */
  public static void dataset(Map<String, Object> f, String dataset) {
    if (CONTRACT_DATASETS.contains(dataset) || !(f.get("event.dataset") instanceof String s) || s.isBlank()) {
      f.put("event.dataset", dataset);
    }
  }

  /** Sets {@code @timestamp} from the vendor's time unless the line already had one. */
  public static void timestamp(Map<String, Object> f, Instant time) {
    if (time != null && f.get("@timestamp") == null) {
      f.put("@timestamp", time.toString());
    }
  }

  /**
   * The same, keeping the vendor's own text when it is no time an event can carry: the parser
   * then rejects the line quoting what the log said ({@code "garbage"}, {@code "9999-12-31..."}),
   * not "missing @timestamp" or a converted value the user never wrote.
   */
  public static void timestamp(Map<String, Object> f, Instant time, String vendorText) {
    if (f.get("@timestamp") != null) {
      return;
    }
    if (time != null && org.unmask.ingest.Timestamps.plausible(time)) {
      f.put("@timestamp", time.toString());
    } else if (vendorText != null) {
      f.put("@timestamp", vendorText);
    }
  }

  /**
   * A USB vendor or product id as the contract spells it: four lower-case hex digits. Accepts
   * {@code 046d}, {@code 0x046D}, {@code 46d}; returns null for anything else.
   */
  public static String hex4(Object value) {
    if (value == null) {
      return null;
    }
    String s = String.valueOf(value).trim();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if (s.isEmpty() || s.length() > 4) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return null;
      }
    }
    return "0000".substring(s.length()) + s.toLowerCase(Locale.ROOT);
  }

  /** "1.2.3.4" style text, or null when the value is absent, blank or a placeholder ("-"). */
  public static String address(Object value) {
    if (value == null) {
      return null;
    }
    String s = String.valueOf(value).trim();
    return s.isEmpty() || s.equals("-") ? null : s;
  }
}
