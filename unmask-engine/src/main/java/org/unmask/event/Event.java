package org.unmask.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One telemetry record, after parsing and adaptation to the contract's ECS field names.
 *
 * <p>Fields are flat: nested JSON objects are stored under dotted keys ({@code "source.ip"}), so
 * rules, detectors and enrichment address every field the same way whether the input was nested or
 * dotted. Values are {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@code null} or
 * a {@link List} of those. The map is owned by the event: readers hand it over and never touch it
 * again, which is why the constructor wraps rather than copies it (copying every event would
 * double the cost of ingest).
 *
 * @param timestamp the event's {@code @timestamp}
 * @param dataset the contract dataset ({@code idp.signin}, {@code endpoint.usb}, ...) or any other
 *     name the source used; unknown datasets are kept and still reach the rules
 * @param fields every field of the event by dotted name, including {@code @timestamp} and
 *     {@code event.dataset}
 * @param source where the event was read, for evidence
 */
public record Event(Instant timestamp, String dataset, Map<String, Object> fields, SourceRef source) {

  public Event {
    requireNonNull(timestamp, "event has no @timestamp; every line in events/*.jsonl needs one");
    requireNonNull(dataset, "event has no event.dataset; every line in events/*.jsonl needs one");
    fields = Collections.unmodifiableMap(requireNonNull(fields, "fields"));
    requireNonNull(source, "source");
  }

  /** The raw value of a field by dotted name, or null. */
  public Object get(String field) {
    return fields.get(field);
  }

  /** The field as text (numbers and booleans rendered), or null when absent, null or a list. */
  public String text(String field) {
    Object value = fields.get(field);
    if (value instanceof String s) { // first: a failed `instanceof List` walks String's interfaces
      return s;
    }
    return value == null || value instanceof List<?> ? null : String.valueOf(value);
  }

  /** The field as a number, or null when absent or not numeric. Numeric strings are parsed. */
  public Long number(String field) {
    Object value = fields.get(field);
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s && !s.isEmpty()) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The field as a list of strings: a scalar becomes a one-element list; absent is empty. */
  public List<String> texts(String field) {
    Object value = fields.get(field);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().filter(v -> v != null).map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }

  /** A copy of this event with extra fields; existing fields with the same names are replaced. */
  public Event with(Map<String, Object> extra) {
    if (extra.isEmpty()) {
      return this;
    }
    var merged = new java.util.HashMap<String, Object>(fields.size() + extra.size() + 4);
    merged.putAll(fields);
    merged.putAll(extra);
    return new Event(timestamp, dataset, merged, source);
  }
}
