package org.unmask.verdict;

import static java.util.Objects.requireNonNull;

/**
 * Something two entities share: {@code ip}, {@code bssid}, {@code address}, {@code bank_account_id},
 * {@code phone}, {@code email}, {@code photo}, {@code resume} (the contract's types), plus
 * extensions such as {@code payee}, {@code national_id}. Values of personal data are hashes or
 * pseudonyms, never raw identifiers.
 */
public record SharedAttribute(String type, String value) {
  public SharedAttribute {
    requireNonNull(type, "type");
    requireNonNull(value, "value");
  }
}
