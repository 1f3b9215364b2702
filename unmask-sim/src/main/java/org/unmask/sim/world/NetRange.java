package org.unmask.sim.world;

import java.util.random.RandomGenerator;

/** A real IPv4 range from the shipped catalogue: what kind of network it is and who routes it. */
public record NetRange(String kind, long start, long end, long asn, String org, String country) {

  /** A random host address in the range, avoiding .0 and .255 so it looks like a real endpoint. */
  public String randomIp(RandomGenerator random) {
    long span = end - start + 1;
    for (int i = 0; i < 8; i++) {
      long v = start + (span <= 1 ? 0 : random.nextLong(span));
      long last = v & 255;
      if (span <= 2 || (last != 0 && last != 255)) {
        return text(v);
      }
    }
    return text(start + span / 2);
  }

  /** The first usable address, for single-address infrastructure such as an office egress. */
  public String firstHost() {
    return text(start + (end > start ? 1 : 0));
  }

  static long parse(String s) {
    String[] p = s.trim().split("\\.");
    return (Long.parseLong(p[0]) << 24) | (Long.parseLong(p[1]) << 16) | (Long.parseLong(p[2]) << 8) | Long.parseLong(p[3]);
  }

  public static String text(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }
}
