package org.unmask.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.unmask.reference.WatchlistEntry;

/**
 * The dataset's {@code ip} and {@code cidr} watchlist rows, matched by exact address and by every
 * block that contains it. Blocks are kept in one hash map per prefix length, so a lookup costs one
 * hash probe per distinct prefix length in the list, however many rows there are.
 */
final class IpWatchlist {

  /** The rows matching one address: whether it is known-good, and every label of concern. */
  record Match(boolean allow, String allowLabel, List<String> concerns) {
    static final Match NONE = new Match(false, null, List.of());
  }

  private final Map<Integer, Map<IpAddress, List<WatchlistEntry>>> byPrefix = new HashMap<>();
  private final int[] v4Prefixes;
  private final int[] v6Prefixes;
  private final List<String> problems = new ArrayList<>();

  IpWatchlist(List<WatchlistEntry> entries) {
    TreeSet<Integer> p4 = new TreeSet<>();
    TreeSet<Integer> p6 = new TreeSet<>();
    for (WatchlistEntry e : entries) {
      if (e.type() != WatchlistEntry.Type.IP && e.type() != WatchlistEntry.Type.CIDR) {
        continue;
      }
      String value = e.value().strip();
      int slash = value.indexOf('/');
      IpAddress address = IpAddress.parse(slash < 0 ? value : value.substring(0, slash));
      if (address == null) {
        problems.add(problem(e, "is not an IPv4 or IPv6 address"));
        continue;
      }
      int max = address.v4() ? 32 : 128;
      int prefix = max;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(value.substring(slash + 1).strip());
        } catch (NumberFormatException ex) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
          problems.add(problem(e, "has no prefix length between /0 and /" + max));
          continue;
        }
      }
      // key prefix lengths by family: v6 lengths offset by 100 so /32 v4 and /32 v6 stay apart
      int key = address.v4() ? prefix : 100 + prefix;
      (address.v4() ? p4 : p6).add(prefix);
      byPrefix.computeIfAbsent(key, k -> new HashMap<>())
          .computeIfAbsent(address.mask(prefix), k -> new ArrayList<>(1))
          .add(e);
    }
    v4Prefixes = p4.descendingSet().stream().mapToInt(Integer::intValue).toArray();
    v6Prefixes = p6.descendingSet().stream().mapToInt(Integer::intValue).toArray();
  }

  private static String problem(WatchlistEntry e, String why) {
    String value = e.value().length() > 80 ? e.value().substring(0, 80) + "..." : e.value();
    return "watchlist " + e.type().name().toLowerCase(java.util.Locale.ROOT) + " row '" + value + "' (label '"
        + e.label() + "') " + why + "; the row is ignored";
  }

  /** One message per ip/cidr row whose value was not an address or block (those rows never match). */
  List<String> problems() {
    return List.copyOf(problems);
  }

  boolean isEmpty() {
    return byPrefix.isEmpty();
  }

  /** Most specific rows first. */
  Match match(IpAddress address) {
    if (byPrefix.isEmpty()) {
      return Match.NONE;
    }
    boolean allow = false;
    String allowLabel = null;
    List<String> concerns = null;
    for (int prefix : address.v4() ? v4Prefixes : v6Prefixes) {
      List<WatchlistEntry> rows =
          byPrefix.get(address.v4() ? prefix : 100 + prefix).get(address.mask(prefix));
      if (rows == null) {
        continue;
      }
      for (WatchlistEntry row : rows) {
        if (row.isAllow()) {
          if (!allow) {
            allow = true;
            allowLabel = row.label();
          }
        } else {
          if (concerns == null) {
            concerns = new ArrayList<>(2);
          }
          if (!concerns.contains(row.label())) {
            concerns.add(row.label());
          }
        }
      }
    }
    if (!allow && concerns == null) {
      return Match.NONE;
    }
    return new Match(allow, allowLabel, concerns == null ? List.of() : List.copyOf(concerns));
  }
}
