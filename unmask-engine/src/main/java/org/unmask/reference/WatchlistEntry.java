package org.unmask.reference;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A row of watchlists/*.csv. A label starting with {@code allow:} marks known-good infrastructure
 * or tools; every other row is an indicator of concern.
 */
public record WatchlistEntry(Type type, String value, String label, String source) {

  /** The indicator types the contract allows. */
  public enum Type {
    IP, CIDR, DOMAIN, EMAIL, PHONE, ORGANIZATION, BANK_ACCOUNT_ID, WALLET, USB_ID, PROCESS_NAME, SHA256;

    /** Parses the contract's snake_case name; null when unknown. */
    public static Type parse(String name) {
      if (name == null) {
        return null;
      }
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  public WatchlistEntry {
    requireNonNull(type, "type");
    requireNonNull(value, "value");
    label = label == null ? "" : label;
    source = source == null ? "" : source;
  }

  /** True for known-good entries ({@code allow:} labels). */
  public boolean isAllow() {
    return label.toLowerCase(Locale.ROOT).startsWith("allow:");
  }
}
