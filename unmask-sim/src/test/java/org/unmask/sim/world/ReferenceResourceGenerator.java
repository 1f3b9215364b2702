package org.unmask.sim.world;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the small curated catalogues the simulator ships ({@code networks.csv}, {@code usb-devices.csv},
 * {@code monitors.csv}) from the shared reference corpus, so the product never reads {@code /work/shared}.
 *
 * <p>Run it after the corpus changes:
 * <pre>
 * ./mvnw -B -o -q -pl unmask-sim -am test-compile
 * java -cp unmask-sim/target/test-classes org.unmask.sim.world.ReferenceResourceGenerator ../shared \
 *      unmask-sim/src/main/resources/org/unmask/sim/world
 * </pre>
 * The selection is deterministic (fixed seed), so a re-run on the same corpus yields the same files.
 */
public final class ReferenceResourceGenerator {

  /** kind, ASN, how many ranges to keep. Real ASNs; org names come from the ASN database. */
  private static final Object[][] ASN_PICKS = {
    {"residential", 7922, 24}, {"residential", 20115, 10}, {"residential", 11351, 4}, {"residential", 20001, 4},
    {"residential", 10796, 4}, {"residential", 33363, 3}, {"residential", 7018, 20}, {"residential", 701, 16},
    {"residential", 22773, 12}, {"residential", 209, 12}, {"residential", 5650, 10}, {"residential", 30036, 4},
    {"mobile", 21928, 6}, {"mobile", 22394, 6}, {"mobile", 20057, 6},
    {"cgnat", 14593, 6}, {"cgnat", 21928, 4},
    {"hosting", 16509, 8}, {"hosting", 14061, 6}, {"hosting", 24940, 4}, {"hosting", 63949, 3}, {"hosting", 20473, 6},
    {"vpn", 9009, 10}, {"vpn", 212238, 8}, {"vpn", 60068, 4},
    {"cn", 4134, 10}, {"cn", 4837, 8}, {"cn", 4808, 3},
    {"ru", 12389, 6}, {"ru", 8359, 3},
    {"kp", 131279, 1},
    {"kr", 4766, 6}, {"kr", 9318, 4}, {"kr_mobile", 9644, 3},
    {"jp", 4713, 4}, {"jp", 2516, 4},
    {"coworking", 174, 4}, {"coworking", 3356, 4},
    {"office", 6461, 1},
  };

  /** Astrill-like exits: the two LevelBlue case addresses (THREAT.md S10) name these ranges. */
  private static final String[] ASTRILL_SAMPLES = {"142.214.202.2", "155.94.199.59"};

  /** USB vendors whose keyboards, mice, webcams, headsets, docks and keys are common on company laptops. */
  private static final Map<String, String> USB_VENDORS = new LinkedHashMap<>();
  static {
    USB_VENDORS.put("046d", "Logitech");
    USB_VENDORS.put("045e", "Microsoft");
    USB_VENDORS.put("05ac", "Apple");
    USB_VENDORS.put("413c", "Dell");
    USB_VENDORS.put("17ef", "Lenovo");
    USB_VENDORS.put("0b0e", "Jabra");
    USB_VENDORS.put("047f", "Plantronics");
    USB_VENDORS.put("1532", "Razer");
    USB_VENDORS.put("1050", "Yubico");
    USB_VENDORS.put("1b1c", "Corsair");
    USB_VENDORS.put("03f0", "HP");
    USB_VENDORS.put("0fd9", "Elgato");
    USB_VENDORS.put("0bda", "Realtek");
    USB_VENDORS.put("2109", "VIA Labs");
    USB_VENDORS.put("0781", "SanDisk");
  }

  private static final Object[][] USB_KINDS = {
    {"keyboard", Pattern.compile("(?i)keyboard")},
    {"mouse", Pattern.compile("(?i)\\bmouse|receiver")},
    {"webcam", Pattern.compile("(?i)webcam|camera|\\bcam\\b")},
    {"headset", Pattern.compile("(?i)headset|speakerphone|speak|evolve")},
    {"dock", Pattern.compile("(?i)dock|hub")},
    {"key", Pattern.compile("(?i)yubikey")},
    {"storage", Pattern.compile("(?i)cruzer|ultra|extreme|flash")},
    {"ethernet", Pattern.compile("(?i)ethernet|gbe|lan")},
    {"capture", Pattern.compile("(?i)cam link|game capture")},
  };

  /** Monitors: PNP id (checked against pnp.ids), a plausible product code, the EDID monitor name. */
  private static final String[][] MONITORS = {
    {"DEL", "a0f4", "DELL U2723QE"}, {"DEL", "a12c", "DELL P2422H"}, {"DEL", "d0a8", "DELL S2721DGF"},
    {"DEL", "a0c6", "DELL U2720Q"}, {"DEL", "41a3", "DELL P2723QE"}, {"DEL", "d10e", "DELL S2722QC"},
    {"SAM", "7171", "S27R65x"}, {"SAM", "7361", "LS32A70"}, {"SAM", "0f6b", "Odyssey G7"}, {"SAM", "7222", "LC27F390"},
    {"LEN", "66d1", "LEN T27h-20"}, {"LEN", "62a9", "LEN P27h-20"}, {"LEN", "6590", "LEN T24i-30"},
    {"HPN", "3399", "HP E24 G5"}, {"HPN", "36a4", "HP M27f"}, {"HPN", "3471", "HP Z27k G3"},
    {"ACR", "0c3b", "Acer SB220Q"}, {"ACR", "06e3", "Acer R240HY"},
    {"GSM", "5b7f", "LG ULTRAFINE"}, {"GSM", "7714", "LG HDR 4K"}, {"GSM", "5bbf", "27GL850"}, {"GSM", "5b9b", "LG HDR WQHD"},
    {"AUS", "27d1", "VG27AQ"}, {"AUS", "24b1", "PA278QV"}, {"AUS", "2863", "ASUS VA24E"},
    {"APP", "ae3a", "Studio Display"}, {"APP", "9226", "LG UltraFine"},
    {"VSC", "1a37", "VX2758-2KP"},
  };

  public static void main(String[] args) throws IOException {
    Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
    Path out = Path.of(args.length > 1 ? args[1] : "unmask-sim/src/main/resources/org/unmask/sim/world");
    Files.createDirectories(out);
    writeNetworks(shared.resolve("data"), out.resolve("networks.csv"));
    writeUsb(shared.resolve("data/hardware-ids/usb.ids"), out.resolve("usb-devices.csv"));
    writeMonitors(shared.resolve("data/hardware-ids/pnp.ids"), out.resolve("monitors.csv"));
  }

  private record Range(long start, long end, int asn, String org) {}

  private static void writeNetworks(Path data, Path out) throws IOException {
    Map<Integer, List<Range>> byAsn = new TreeMap<>();
    List<Range> all = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(data.resolve("geoip/asn/asn-ipv4.csv"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        List<String> f = Catalog.splitCsv(line);
        if (f.size() < 4) {
          continue;
        }
        Range range = new Range(ip(f.get(0)), ip(f.get(1)), (int) Long.parseLong(f.get(2)), f.get(3));
        all.add(range);
        byAsn.computeIfAbsent(range.asn, k -> new ArrayList<>()).add(range);
      }
    }
    TreeMap<Long, long[]> country = new TreeMap<>();
    List<String> countryCodes = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(data.resolve("geoip/country/geo-whois-asn-country-ipv4.csv"))) {
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split(",");
        if (f.length < 3 || f[0].contains(":")) {
          continue;
        }
        countryCodes.add(f[2]);
        country.put(ip(f[0]), new long[] {ip(f[1]), countryCodes.size() - 1});
      }
    }
    SplittableRandom random = new SplittableRandom(20261126L);
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("# Generated by ReferenceResourceGenerator from geoip/asn (CC-BY-4.0: RouteViews, DB-IP, NRO),\n");
      w.write("# geoip/country (NRO) and X4BNet/lists_vpn (MIT). kind,start,end,asn,org,country\n");
      for (Object[] pick : ASN_PICKS) {
        String kind = (String) pick[0];
        int asn = (Integer) pick[1];
        int count = (Integer) pick[2];
        List<Range> ranges = new ArrayList<>(byAsn.getOrDefault(asn, List.of()));
        // Prefer ranges that geolocate to the country the kind implies, and are big enough to hold a neighbourhood.
        String want = switch (kind) {
          case "cn" -> "CN"; case "ru" -> "RU"; case "kp" -> "KP"; case "kr", "kr_mobile" -> "KR"; case "jp" -> "JP";
          case "hosting", "vpn" -> null; default -> "US";
        };
        ranges.removeIf(x -> x.end - x.start < 255 || (want != null && !want.equals(countryOf(country, countryCodes, x.start))));
        if ("kp".equals(kind)) {
          ranges = new ArrayList<>(byAsn.getOrDefault(asn, List.of()));
        }
        for (int i = 0; i < count && !ranges.isEmpty(); i++) {
          Range x = ranges.remove(random.nextInt(ranges.size()));
          write(w, kind, x, countryOf(country, countryCodes, x.start));
        }
      }
      for (String sample : ASTRILL_SAMPLES) {
        long a = ip(sample);
        for (Range x : all) {
          if (x.start <= a && a <= x.end) {
            write(w, "astrill", x, countryOf(country, countryCodes, x.start));
          }
        }
      }
      // Consumer VPN exits named by provider lists (Mullvad, PIA, ProtonVPN), looked up in the ASN database.
      for (String provider : new String[] {"mullvadvpn", "pia", "protonvpn"}) {
        List<String> cidrs = Files.readAllLines(data.resolve("ip-ranges/x4bnet-lists_vpn/input/vpn/ips/" + provider + ".txt"));
        cidrs.removeIf(c -> c.isBlank() || c.contains(":"));
        for (int i = 0; i < 6 && !cidrs.isEmpty(); i++) {
          String cidr = cidrs.remove(random.nextInt(cidrs.size())).trim();
          String[] p = cidr.split("/");
          long start = ip(p[0]);
          int bits = p.length > 1 ? Integer.parseInt(p[1]) : 32;
          long end = start + (1L << (32 - bits)) - 1;
          Range owner = null;
          for (Range x : all) {
            if (x.start <= start && start <= x.end) {
              owner = x;
              break;
            }
          }
          write(w, "consumer_vpn", new Range(start, end, owner == null ? 0 : owner.asn, owner == null ? provider : owner.org),
              countryOf(country, countryCodes, start));
        }
      }
    }
  }

  private static void write(Writer w, String kind, Range x, String cc) throws IOException {
    w.write(kind + "," + ipText(x.start) + "," + ipText(x.end) + "," + x.asn + ",\"" + x.org.replace("\"", "") + "\"," + cc + "\n");
  }

  private static String countryOf(TreeMap<Long, long[]> country, List<String> codes, long ip) {
    Map.Entry<Long, long[]> e = country.floorEntry(ip);
    return e != null && ip <= e.getValue()[0] ? codes.get((int) e.getValue()[1]) : "";
  }

  private static void writeUsb(Path usbIds, Path out) throws IOException {
    Pattern vendorLine = Pattern.compile("^([0-9a-f]{4})  (.+)$");
    Pattern productLine = Pattern.compile("^\t([0-9a-f]{4})  (.+)$");
    String vendor = null;
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(usbIds, StandardCharsets.ISO_8859_1)) {
      if (line.startsWith("# List of known device classes")) {
        break;
      }
      Matcher v = vendorLine.matcher(line);
      if (v.matches()) {
        vendor = USB_VENDORS.containsKey(v.group(1)) ? v.group(1) : null;
        continue;
      }
      Matcher p = productLine.matcher(line);
      if (vendor != null && p.matches()) {
        String name = p.group(2).replace(",", " ").replace("\"", "");
        for (Object[] k : USB_KINDS) {
          if (((Pattern) k[1]).matcher(name).find()) {
            rows.add(k[0] + "," + vendor + "," + p.group(1) + "," + USB_VENDORS.get(vendor) + "," + name);
            break;
          }
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("# Generated by ReferenceResourceGenerator from usb.ids (BSD-3-Clause option). kind,vid,pid,manufacturer,product\n");
      for (String row : rows) {
        w.write(row + "\n");
      }
    }
  }

  private static void writeMonitors(Path pnpIds, Path out) throws IOException {
    Map<String, String> names = new TreeMap<>();
    for (String line : Files.readAllLines(pnpIds, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", 2);
      if (f.length == 2) {
        names.put(f[0], f[1].replace(",", ""));
      }
    }
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("# Generated by ReferenceResourceGenerator; PNP vendor names from hwdata pnp.ids. Product codes are\n");
      w.write("# plausible, hand-picked values (not read from real EDIDs). pnp,vendor,product_code,monitor_name\n");
      for (String[] m : MONITORS) {
        String vendor = names.get(m[0]);
        if (vendor == null) {
          throw new IllegalStateException("PNP id not in pnp.ids: " + m[0]);
        }
        w.write(m[0] + "," + vendor + "," + m[1] + "," + m[2] + "\n");
      }
    }
  }

  static long ip(String s) {
    String[] p = s.trim().split("\\.");
    return (Long.parseLong(p[0]) << 24) | (Long.parseLong(p[1]) << 16) | (Long.parseLong(p[2]) << 8) | Long.parseLong(p[3]);
  }

  static String ipText(long v) {
    return String.format(Locale.ROOT, "%d.%d.%d.%d", (v >> 24) & 255, (v >> 16) & 255, (v >> 8) & 255, v & 255);
  }

  private ReferenceResourceGenerator() {}
}
