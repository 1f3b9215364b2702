package org.unmask.sim.world;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The real-world identifiers the simulator draws from: IPv4 ranges of US ISPs, mobile carriers,
 * CGNAT providers, hosting and VPN exits and foreign networks; USB VID:PID pairs of ordinary
 * peripherals; PNP monitor ids. Read from the shipped resources only (built by
 * {@code ReferenceResourceGenerator} in the tests), so {@code unmask simulate} runs anywhere.
 */
public final class Catalog {

  /** A USB peripheral as usb.ids names it. */
  public record Usb(String kind, String vid, String pid, String manufacturer, String product) {}

  /** A monitor model: PNP id, vendor, product code and EDID monitor name. */
  public record Monitor(String pnp, String vendor, String productCode, String name) {}

  private final Map<String, List<NetRange>> ranges = new TreeMap<>();
  private final Map<String, List<Usb>> usb = new TreeMap<>();
  private final List<Monitor> monitors = new ArrayList<>();

  private Catalog() {}

  /** Loads the catalogue shipped in this jar. */
  public static Catalog load() {
    Catalog c = new Catalog();
    for (List<String> f : rows("networks.csv")) {
      NetRange r = new NetRange(f.get(0), NetRange.parse(f.get(1)), NetRange.parse(f.get(2)),
          Long.parseLong(f.get(3)), f.get(4), f.size() > 5 ? f.get(5) : "");
      c.ranges.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
    }
    for (List<String> f : rows("usb-devices.csv")) {
      c.usb.computeIfAbsent(f.get(0), k -> new ArrayList<>()).add(new Usb(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4)));
    }
    for (List<String> f : rows("monitors.csv")) {
      c.monitors.add(new Monitor(f.get(0), f.get(1), f.get(2), f.get(3)));
    }
    return c;
  }

  /** Every range of a kind (residential, mobile, cgnat, hosting, vpn, astrill, consumer_vpn, cn, ru, kp, kr, kr_mobile, jp, coworking, office). */
  public List<NetRange> ranges(String kind) {
    List<NetRange> list = ranges.get(kind);
    if (list == null) {
      throw new IllegalArgumentException("no network ranges of kind " + kind + " in networks.csv");
    }
    return list;
  }

  public NetRange range(String kind, RandomGenerator random) {
    List<NetRange> list = ranges(kind);
    return list.get(random.nextInt(list.size()));
  }

  /** Ranges of one kind routed by one ASN (e.g. Comcast residential). */
  public List<NetRange> ranges(String kind, long asn) {
    return ranges(kind).stream().filter(r -> r.asn() == asn).toList();
  }

  public Usb usb(String kind, RandomGenerator random) {
    List<Usb> list = usb.get(kind);
    if (list == null) {
      throw new IllegalArgumentException("no USB devices of kind " + kind + " in usb-devices.csv");
    }
    return list.get(random.nextInt(list.size()));
  }

  /** A peripheral of a kind from one vendor, e.g. a Dell keyboard to impersonate. */
  public Usb usb(String kind, String vid, RandomGenerator random) {
    List<Usb> list = usb.getOrDefault(kind, List.of()).stream().filter(u -> u.vid().equals(vid)).toList();
    return list.isEmpty() ? usb(kind, random) : list.get(random.nextInt(list.size()));
  }

  public Monitor monitor(RandomGenerator random) {
    return monitors.get(random.nextInt(monitors.size()));
  }

  private static List<List<String>> rows(String name) {
    List<List<String>> out = new ArrayList<>();
    try (InputStream in = Catalog.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the jar: org/unmask/sim/world/" + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(splitCsv(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
