package org.unmask.reference;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A postal address as the contract spells it; any part may be null. */
public record Address(String street, String city, String region, String postal, String country) {

  public static final Address UNKNOWN = new Address(null, null, null, null, null);

  /** True when no part is known. */
  public boolean isUnknown() {
    return street == null && city == null && region == null && postal == null && country == null;
  }

  /**
   * A normalised key for comparing addresses: lower case, punctuation and repeated spaces removed,
   * common street suffixes abbreviated, so "12 Oak Street, Apt 4" and "12 oak st apt 4" agree.
   * Null when the street is unknown (a city alone is not an address).
   */
  public String key() {
    if (street == null || street.isBlank()) {
      return null;
    }
    return Stream.of(street, city, region, postal == null ? null : postal.split("-")[0], country)
        .map(Address::normalisePart)
        .collect(Collectors.joining("|"));
  }

  /** City, region and country, for "claims the same city" comparisons. */
  public String cityKey() {
    if (city == null || city.isBlank()) {
      return null;
    }
    return normalisePart(city) + "|" + normalisePart(region) + "|" + normalisePart(country);
  }

  /** The normalisation {@link #key()} applies to each part, for free-text addresses (payroll). */
  public static String normalisePartPublic(String text) {
    String s = normalisePart(text);
    return s.isEmpty() ? null : s;
  }

  static String normalisePart(String part) {
    if (part == null) {
      return "";
    }
    String s = part.toLowerCase(Locale.ROOT).replaceAll("[.,#]", " ").replaceAll("\\s+", " ").trim();
    s = s.replaceAll("\\bstreet\\b", "st")
        .replaceAll("\\bavenue\\b", "ave")
        .replaceAll("\\broad\\b", "rd")
        .replaceAll("\\bdrive\\b", "dr")
        .replaceAll("\\bboulevard\\b", "blvd")
        .replaceAll("\\blane\\b", "ln")
        .replaceAll("\\bcourt\\b", "ct")
        .replaceAll("\\bapartment\\b", "apt")
        .replaceAll("\\bsuite\\b", "ste")
        .replaceAll("\\bunit\\b", "apt");
    return s;
  }
}
