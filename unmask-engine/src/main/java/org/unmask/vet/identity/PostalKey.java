package org.unmask.vet.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unmask.reference.Address;

/**
 * A comparable form of a claimed home address, split into the building and the unit so that
 * "12 Oak Street Apt 4" and "12 oak st #4" agree, and so that two different flats in one
 * building (an apartment block, a co-working space) can be told apart from one shared home.
 *
 * <p>{@code building} is the normalised street line without its unit, plus the 5-digit postal
 * code (or the city when there is no postal code). {@code unit} is empty when none was given.
 * Built from {@link Address} records or, for payroll's free-text {@code mailing_address}, from a
 * "street[, unit], city, region postal[, country]" line.
 */
public record PostalKey(String building, String unit) {

  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("street", "st"), Map.entry("str", "st"), Map.entry("avenue", "ave"), Map.entry("av", "ave"),
      Map.entry("road", "rd"), Map.entry("drive", "dr"), Map.entry("boulevard", "blvd"), Map.entry("lane", "ln"),
      Map.entry("court", "ct"), Map.entry("place", "pl"), Map.entry("terrace", "ter"), Map.entry("highway", "hwy"),
      Map.entry("parkway", "pkwy"), Map.entry("circle", "cir"), Map.entry("square", "sq"), Map.entry("trail", "trl"),
      Map.entry("north", "n"), Map.entry("south", "s"), Map.entry("east", "e"), Map.entry("west", "w"),
      Map.entry("northeast", "ne"), Map.entry("northwest", "nw"), Map.entry("southeast", "se"),
      Map.entry("southwest", "sw"));

  /** Words that introduce a unit designator. */
  private static final List<String> UNIT_WORDS =
      List.of("apt", "apartment", "unit", "suite", "ste", "room", "rm", "flat", "#");

  /** The key of a structured address, or null when the street is unknown. */
  public static PostalKey of(Address a) {
    if (a == null || a.street() == null || a.street().isBlank()) {
      return null;
    }
    return build(a.street(), a.city(), a.postal());
  }

  /** The key of a one-line address (payroll's mailing_address), or null when empty. */
  public static PostalKey ofLine(String line) {
    if (line == null || line.isBlank() || line.length() > 500) {
      return null;
    }
    String[] parts = line.split(",");
    String street = parts[0];
    int next = 1;
    if (parts.length > 1 && startsWithUnit(tokens(parts[1]))) {
      street = street + " " + parts[1];
      next = 2;
    }
    String city = parts.length > next ? parts[next] : null;
    String postal = null;
    for (int i = next; i < parts.length && postal == null; i++) {
      for (String t : tokens(parts[i])) {
        if (t.length() >= 5 && Character.isDigit(t.charAt(0)) && isDigits(t.substring(0, 5))) {
          postal = t;
          break;
        }
      }
    }
    return build(street, city, postal);
  }

  private static PostalKey build(String street, String city, String postal) {
    List<String> words = tokens(street);
    List<String> streetWords = new ArrayList<>();
    StringBuilder unit = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (UNIT_WORDS.contains(w) && i >= 2) {
        // Everything after a unit word is the unit ("apt 4b", "# 12", "ste 200").
        for (int j = i + 1; j < words.size(); j++) {
          unit.append(words.get(j));
        }
        break;
      }
      if (w.startsWith("#") && w.length() > 1 && i >= 2) {
        unit.append(w.substring(1));
        for (int j = i + 1; j < words.size(); j++) {
          unit.append(words.get(j));
        }
        break;
      }
      streetWords.add(WORDS.getOrDefault(w, w));
    }
    if (streetWords.isEmpty()) {
      return null;
    }
    String place;
    String p = postal == null ? "" : postal.trim();
    if (p.length() >= 5 && isDigits(p.substring(0, 5))) {
      place = p.substring(0, 5);
    } else {
      place = String.join(" ", tokens(city == null ? "" : city));
    }
    return new PostalKey(String.join(" ", streetWords) + "|" + place, unit.toString());
  }

  /** The full key (building and unit), what "same home" compares. */
  public String home() {
    return unit.isEmpty() ? building : building + "|" + unit;
  }

  private static boolean startsWithUnit(List<String> words) {
    return !words.isEmpty() && (UNIT_WORDS.contains(words.get(0)) || words.get(0).startsWith("#"));
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /** Lower-case words; punctuation other than '#' separates words. */
  static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    StringBuilder w = new StringBuilder();
    String lower = s.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c) || (c == '#' && w.length() == 0)) {
        w.append(c);
      } else {
        if (w.length() > 0) {
          out.add(w.toString());
          w.setLength(0);
        }
      }
    }
    if (w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }
}
