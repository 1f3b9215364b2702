package org.unmask.enrich;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Where IP reference data comes from: the compact resources shipped in the jar, each replaced by
 * its counterpart in a data directory when one is present. This class knows every file name and
 * format docs/enrichment.md lists; {@link IpIntel} only answers questions.
 */
final class ReferenceFiles {

  private static final String RESOURCES = "/org/unmask/enrich/";
  static final String COUNTRY_RESOURCE = "country.mmdb.gz";
  static final String ASN_RESOURCE = "asn.bin.gz";
  static final String LISTS_RESOURCE = "ip-lists.bin.gz";
  static final String RULES_RESOURCE = "network-types.txt";

  static final List<String> CITY_FILES =
      List.of("GeoIP2-City.mmdb", "GeoLite2-City.mmdb", "dbip-city-lite.mmdb", "dbip-city.mmdb", "city.mmdb");
  static final List<String> COUNTRY_FILES = List.of("GeoIP2-Country.mmdb", "GeoLite2-Country.mmdb",
      "dbip-country-lite.mmdb", "geo-whois-asn-country.mmdb", "country.mmdb");
  static final List<String> ASN_MMDB_FILES =
      List.of("GeoIP2-ISP.mmdb", "GeoLite2-ASN.mmdb", "dbip-asn-lite.mmdb", "asn.mmdb");
  static final List<String> ASN_CSV_FILES = List.of("asn-ipv4.csv", "asn-ipv6.csv");
  static final List<String> TOR_FILES = List.of("tor-exits.csv", "tor-exits.txt", "torbulkexitlist");
  static final String DPRK_FILE = "kp-ip-ranges.csv";
  static final List<String> PRIVATE_RELAY_FILES = List.of("egress-ip-ranges.csv", "icloud-private-relay.txt");

  private ReferenceFiles() {}

  /** Loads the shipped data overlaid with the files present in {@code dataDir} (null: none). */
  static IpIntel load(Path dataDir) {
    if (dataDir != null && !Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException("no such data directory: " + dataDir + " (from --data-dir, -D"
          + IpIntel.DATA_DIR_PROPERTY + " or " + IpIntel.DATA_DIR_ENV + "); pass a folder holding e.g. GeoLite2-City.mmdb,"
          + " or unset it to use the shipped data; see docs/enrichment.md");
    }
    List<String> sources = new ArrayList<>();
    try {
      GeoDatabase city = null;
      GeoDatabase country = null;
      GeoDatabase asnDb = null;
      Path file;
      if ((file = first(dataDir, CITY_FILES)) != null) {
        city = GeoDatabase.open(file.toFile());
        sources.add("city: " + file);
      }
      if ((file = first(dataDir, COUNTRY_FILES)) != null) {
        country = GeoDatabase.open(file.toFile());
        sources.add("country: " + file);
      } else {
        try (InputStream in = new GZIPInputStream(resource(COUNTRY_RESOURCE), 1 << 16)) {
          country = GeoDatabase.read(in, COUNTRY_RESOURCE);
        }
        sources.add("country: shipped geo-whois-asn-country (ip-location-db)");
      }

      AsnTable asnTable;
      if ((file = first(dataDir, ASN_MMDB_FILES)) != null) {
        asnDb = GeoDatabase.open(file.toFile());
        asnTable = AsnTable.empty();
        sources.add("asn: " + file);
      } else if (dataDir != null && first(dataDir, ASN_CSV_FILES) != null) {
        RangeTable.Builder ranges = new RangeTable.Builder();
        Map<Integer, String> orgs = new HashMap<>();
        for (String name : ASN_CSV_FILES) {
          Path csv = dataDir.resolve(name);
          if (Files.isRegularFile(csv)) {
            try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
              AsnTable.readCsv(r, ranges, orgs);
            }
            sources.add("asn: " + csv);
          }
        }
        asnTable = new AsnTable(ranges.build(), orgs);
      } else {
        try (var in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(resource(ASN_RESOURCE), 1 << 16)))) {
          asnTable = AsnTable.read(in);
        }
        sources.add("asn: shipped ip-location-db asn");
      }

      Map<String, RangeTable> lists;
      try (var in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(resource(LISTS_RESOURCE), 1 << 16)))) {
        lists = new HashMap<>(IpLists.read(in));
      }
      sources.add("lists: shipped X4BNet vpn/datacenter/Apple private relay, Tor exits, DPRK ranges");
      if (dataDir != null) {
        overrideLists(dataDir, lists, sources);
      }

      NetworkRules rules = new NetworkRules();
      List<String> problems = new ArrayList<>();
      if (dataDir != null && Files.isRegularFile(dataDir.resolve(RULES_RESOURCE))) {
        try (BufferedReader r = Files.newBufferedReader(dataDir.resolve(RULES_RESOURCE), StandardCharsets.UTF_8)) {
          problems.addAll(rules.read(r, dataDir.resolve(RULES_RESOURCE).toString()));
        }
        sources.add("network types: " + dataDir.resolve(RULES_RESOURCE) + " before the shipped rules");
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(resource(RULES_RESOURCE), StandardCharsets.UTF_8))) {
        problems.addAll(rules.read(r, RULES_RESOURCE));
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("\n", problems));
      }
      return new IpIntel(city, country, asnDb, asnTable, lists, rules, sources);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load IP reference data" + (dataDir == null ? "" : " from " + dataDir)
          + ": " + e.getMessage() + " (see docs/enrichment.md for the expected files)", e);
    }
  }

  private static void overrideLists(Path dir, Map<String, RangeTable> lists, List<String> sources)
      throws IOException {
    for (String name : List.of(IpLists.VPN, IpLists.DATACENTER)) {
      Path v4 = dir.resolve(name).resolve("ipv4.txt");
      Path v6 = dir.resolve(name).resolve("ipv6.txt");
      if (Files.isRegularFile(v4) || Files.isRegularFile(v6)) {
        RangeTable.Builder builder = new RangeTable.Builder();
        for (Path p : List.of(v4, v6)) {
          if (Files.isRegularFile(p)) {
            try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
              IpLists.readCidrLines(r, builder);
            }
            sources.add(name + ": " + p);
          }
        }
        lists.put(name, builder.build());
      }
    }
    Path torFile = first(dir, TOR_FILES);
    if (torFile != null) {
      RangeTable.Builder builder = new RangeTable.Builder();
      try (BufferedReader r = Files.newBufferedReader(torFile, StandardCharsets.UTF_8)) {
        IpLists.readTorExits(r, builder);
      }
      lists.put(IpLists.TOR, builder.build());
      sources.add("tor: " + torFile);
    }
    Path relayFile = first(dir, PRIVATE_RELAY_FILES);
    if (relayFile != null) {
      RangeTable.Builder builder = new RangeTable.Builder();
      try (BufferedReader r = Files.newBufferedReader(relayFile, StandardCharsets.UTF_8)) {
        IpLists.readCidrLines(r, builder);
      }
      lists.put(IpLists.PRIVATE_RELAY, builder.build());
      sources.add("icloud private relay: " + relayFile);
    }
    Path dprkFile = dir.resolve(DPRK_FILE);
    if (Files.isRegularFile(dprkFile)) {
      RangeTable.Builder builder = new RangeTable.Builder();
      try (BufferedReader r = Files.newBufferedReader(dprkFile, StandardCharsets.UTF_8)) {
        IpLists.readDprkRanges(r, builder);
      }
      lists.put(IpLists.DPRK, builder.build());
      sources.add("dprk: " + dprkFile);
    }
  }

  private static Path first(Path dir, List<String> names) {
    if (dir == null) {
      return null;
    }
    for (String name : names) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  static InputStream resource(String name) throws IOException {
    InputStream in = ReferenceFiles.class.getResourceAsStream(RESOURCES + name);
    if (in == null) {
      throw new IOException("missing classpath resource " + RESOURCES + name
          + "; regenerate it with EnrichmentResourceGenerator (see docs/enrichment.md)");
    }
    return in;
  }
}
