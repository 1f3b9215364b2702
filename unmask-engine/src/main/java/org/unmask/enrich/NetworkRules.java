package org.unmask.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ASN and organisation-name rules of {@code network-types.txt} that name a network's type.
 *
 * <p>Lines read {@code <type> AS<number>} or {@code <type> org:<substring>}; {@code #} starts a
 * comment. An ASN rule beats an organisation rule, and among rules of one kind the first line
 * wins, so a user file loaded before the shipped one overrides it.
 */
final class NetworkRules {

  private record OrgRule(String needle, NetworkType type) {}

  private final Map<Integer, NetworkType> byAsn = new HashMap<>();
  private final List<OrgRule> byOrg = new ArrayList<>();

  /**
   * Reads rules, appending to those already held; returns the problems found, each naming its
   * line, so a user sees every mistake in their file at once.
   */
  List<String> read(BufferedReader reader, String sourceName) throws IOException {
    List<String> problems = new ArrayList<>();
    int lineNo = 0;
    for (String line; (line = reader.readLine()) != null; ) {
      lineNo++;
      int hash = line.indexOf('#');
      String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (s.isEmpty()) {
        continue;
      }
      String[] parts = s.split("\\s+", 2);
      NetworkType type = NetworkType.parse(parts[0]);
      if (type == null || type == NetworkType.PRIVATE || type == NetworkType.UNKNOWN || type == NetworkType.TOR) {
        problems.add(sourceName + ":" + lineNo + ": unknown type '" + parts[0]
            + "'; use residential, mobile, satellite, fixed_wireless, hosting or vpn");
        continue;
      }
      String selector = parts.length > 1 ? parts[1].strip() : "";
      if (selector.regionMatches(true, 0, "org:", 0, 4) && selector.length() > 4) {
        byOrg.add(new OrgRule(selector.substring(4).strip().toLowerCase(Locale.ROOT), type));
      } else if (selector.regionMatches(true, 0, "AS", 0, 2)) {
        try {
          long asn = Long.parseLong(selector.substring(2).strip());
          byAsn.putIfAbsent((int) asn, type);
        } catch (NumberFormatException e) {
          problems.add(sourceName + ":" + lineNo + ": '" + selector + "' is not an AS number; write AS21928");
        }
      } else {
        problems.add(sourceName + ":" + lineNo + ": expected 'AS<number>' or 'org:<name part>' after the type, got '"
            + selector + "'");
      }
    }
    return problems;
  }

  NetworkType byAsn(int asn) {
    return byAsn.get(asn);
  }

  NetworkType byOrganization(String organization) {
    if (organization == null || byOrg.isEmpty()) {
      return null;
    }
    String lower = organization.toLowerCase(Locale.ROOT);
    for (OrgRule rule : byOrg) {
      if (lower.contains(rule.needle)) {
        return rule.type;
      }
    }
    return null;
  }
}
