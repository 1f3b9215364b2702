package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.unmask.enrich.RmmCatalog;
import org.unmask.enrich.RmmTool;
import org.unmask.event.Event;
import org.unmask.reference.Person;
import org.unmask.reference.WatchlistEntry;

/**
 * Tools and destinations the company sanctions, from the dataset's watchlists: rows of type
 * {@code process_name} or {@code domain} whose label starts with {@code allow:}. A label may
 * narrow who is allowed: {@code allow:it-tools;people=P001,P002} or
 * {@code allow:helpdesk;department=IT} (several {@code ;key=value} parts, values separated by
 * commas). Without a narrowing part, everyone is allowed. A sanctioned process also sanctions the
 * relay domains the LOLRMM catalogue lists for that tool.
 */
final class AllowList {

  private record Allowed(String type, String value, List<String> people, List<String> departments) {}

  private final List<Allowed> entries = new ArrayList<>();

  AllowList(List<WatchlistEntry> watchlist) {
    for (WatchlistEntry w : watchlist) {
      if (!w.isAllow()) {
        continue;
      }
      String type = switch (w.type()) {
        case PROCESS_NAME -> "process";
        case DOMAIN -> "domain";
        default -> null;
      };
      if (type == null) {
        continue;
      }
      List<String> people = new ArrayList<>();
      List<String> departments = new ArrayList<>();
      for (String part : w.label().split(";")) {
        String[] kv = part.split("=", 2);
        if (kv.length == 2) {
          List<String> values = List.of(kv[1].toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
          switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
            case "people", "person", "persons" -> people.addAll(values);
            case "department", "departments" -> departments.addAll(values);
            default -> { }
          }
        }
      }
      String value = w.value().trim().toLowerCase(Locale.ROOT);
      entries.add(new Allowed(type, value, people, departments));
      if (type.equals("process")) {
        // a sanctioned tool's relays are sanctioned too: take its domains from the RMM catalogue
        for (RmmTool tool : RmmCatalog.shipped().byProcessName(value)) {
          for (String domain : tool.domains()) {
            String d = domain.toLowerCase(Locale.ROOT);
            entries.add(new Allowed("domain", d.startsWith("*.") ? d.substring(2) : d, people, departments));
          }
        }
      }
    }
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** True when the event's process or domain is sanctioned for this person (who may be null). */
  boolean allows(Event event, Person person) {
    if (entries.isEmpty()) {
      return false;
    }
    String process = lower(event.text("process.name"));
    String domain = lower(event.text("url.domain") != null ? event.text("url.domain") : event.text("destination.domain"));
    for (Allowed a : entries) {
      boolean matches = a.type().equals("process") ? a.value().equals(process)
          : domain != null && (domain.equals(a.value()) || domain.endsWith("." + a.value()));
      if (matches && appliesTo(a, person)) {
        return true;
      }
    }
    return false;
  }

  private static boolean appliesTo(Allowed a, Person person) {
    if (a.people().isEmpty() && a.departments().isEmpty()) {
      return true;
    }
    if (person == null) {
      return false;
    }
    return a.people().contains(person.personId().toLowerCase(Locale.ROOT))
        || (person.department() != null && a.departments().contains(person.department().toLowerCase(Locale.ROOT)));
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
