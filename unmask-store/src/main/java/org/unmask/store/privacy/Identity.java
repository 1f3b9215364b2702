package org.unmask.store.privacy;

import java.time.Instant;
import java.util.Map;

/**
 * An identity as the dataset gave it at scan time.
 *
 * @param subjectType {@code person} (applicants may follow)
 * @param fields contract column name to value, e.g. {@code full_name}, {@code email}, in people.csv order
 * @param storedAt when the scan saved it
 */
public record Identity(String subjectType, String subjectId, Map<String, String> fields, Instant storedAt) {
  public Identity {
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }
}
