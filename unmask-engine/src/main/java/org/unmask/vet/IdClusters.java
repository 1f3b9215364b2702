package org.unmask.vet;

import java.util.HashMap;
import java.util.Map;

/**
 * Groups ids joined pairwise (a photo or resume reused across applicants) with union-find, keeping
 * the smallest id of each group as its root so that group names never depend on input order.
 */
public final class IdClusters {

  private final Map<String, String> parent = new HashMap<>();

  /** Puts {@code a} and {@code b} in one group. */
  public void union(String a, String b) {
    String ra = root(a);
    String rb = root(b);
    if (!ra.equals(rb)) {
      if (ra.compareTo(rb) < 0) {
        parent.put(rb, ra);
      } else {
        parent.put(ra, rb);
      }
    }
  }

  /** The smallest id of the group {@code x} belongs to ({@code x} itself when alone). */
  public String root(String x) {
    String r = x;
    while (parent.containsKey(r)) {
      r = parent.get(r);
    }
    return r;
  }
}
