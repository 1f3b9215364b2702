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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * IP intelligence: country, AS, network type, VPN/hosting/Tor/DPRK membership for any address.
 *
 * <p>Loaded once (about a second) and immutable afterwards, so one instance serves every scan and
 * thread. Every lookup is a handful of binary searches plus one MaxMind tree walk; callers that see
 * the same addresses again and again should go through {@link IpEnricher}, which caches.
 *
 * <p>The shipped reference data comes from the classpath in compact form (see
 * docs/THIRD-PARTY.md). A data directory ({@code --data-dir}, system property
 * {@value #DATA_DIR_PROPERTY} or environment variable {@value #DATA_DIR_ENV}) may hold fresher or
 * commercial files that replace them one by one; docs/enrichment.md lists the file names.
 */
public final class IpIntel {

  public static final String DATA_DIR_PROPERTY = "unmask.data.dir";
  public static final String DATA_DIR_ENV = "UNMASK_DATA_DIR";

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

  private static volatile IpIntel shipped;
  private static final Map<Path, IpIntel> BY_DATA_DIR = new ConcurrentHashMap<>();

  private final GeoDatabase city; // may be null
  private final GeoDatabase country; // may be null only in tests of broken setups
  private final GeoDatabase asnDatabase; // may be null; replaces asnTable when present
  private final AsnTable asnTable;
  private final RangeTable vpn;
  private final RangeTable datacenter;
  private final RangeTable tor;
  private final RangeTable dprk;
  private final RangeTable privateRelay;
  private final NetworkRules rules;
  private final List<String> sources;

  private IpIntel(GeoDatabase city, GeoDatabase country, GeoDatabase asnDatabase, AsnTable asnTable,
      Map<String, RangeTable> lists, NetworkRules rules, List<String> sources) {
    this.city = city;
    this.country = country;
    this.asnDatabase = asnDatabase;
    this.asnTable = asnTable;
    this.vpn = lists.getOrDefault(IpLists.VPN, RangeTable.empty());
    this.datacenter = lists.getOrDefault(IpLists.DATACENTER, RangeTable.empty());
    this.tor = lists.getOrDefault(IpLists.TOR, RangeTable.empty());
    this.dprk = lists.getOrDefault(IpLists.DPRK, RangeTable.empty());
    this.privateRelay = lists.getOrDefault(IpLists.PRIVATE_RELAY, RangeTable.empty());
    this.rules = rules;
    this.sources = List.copyOf(sources);
  }

  /** The reference data shipped in the jar, loaded on first use and shared. */
  public static IpIntel shipped() {
    IpIntel result = shipped;
    if (result == null) {
      synchronized (IpIntel.class) {
        result = shipped;
        if (result == null) {
          result = load(null);
          shipped = result;
        }
      }
    }
    return result;
  }

  /**
   * The data directory to use: the given option if not blank, else the system property
   * {@value #DATA_DIR_PROPERTY}, else the environment variable {@value #DATA_DIR_ENV}.
   */
  public static Optional<Path> dataDirectory(String option) {
    for (String candidate : new String[] {option, System.getProperty(DATA_DIR_PROPERTY), System.getenv(DATA_DIR_ENV)}) {
      if (candidate != null && !candidate.isBlank()) {
        return Optional.of(Path.of(candidate.strip()));
      }
    }
    return Optional.empty();
  }

  /**
   * The intelligence for a scan: the shipped data overlaid with the data directory found by
   * {@link #dataDirectory(String)}, loaded once per directory.
   *
   * @throws IllegalArgumentException when the directory does not exist or a file in it is unreadable
   */
  public static IpIntel forDataDirectory(String option) {
    Optional<Path> dir = dataDirectory(option);
    if (dir.isEmpty()) {
      return shipped();
    }
    return BY_DATA_DIR.computeIfAbsent(dir.get().toAbsolutePath().normalize(), IpIntel::load);
  }

  /** Loads the shipped data overlaid with the files present in {@code dataDir} (null: none). */
  public static IpIntel load(Path dataDir) {
    if (dataDir != null && !Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException("no such data directory: " + dataDir + " (from --data-dir, -D"
          + DATA_DIR_PROPERTY + " or " + DATA_DIR_ENV + "); pass a folder holding e.g. GeoLite2-City.mmdb,"
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
    InputStream in = IpIntel.class.getResourceAsStream(RESOURCES + name);
    if (in == null) {
      throw new IOException("missing classpath resource " + RESOURCES + name
          + "; regenerate it with EnrichmentResourceGenerator (see docs/enrichment.md)");
    }
    return in;
  }

  /** Where each part of the data came from, for reports and {@code unmask --version}. */
  public List<String> sources() {
    return sources;
  }

  /** Everything known about the address; {@link IpProfile#UNKNOWN} for text that is not one. */
  public IpProfile lookup(String text) {
    IpAddress address = IpAddress.parse(text);
    return address == null ? IpProfile.UNKNOWN : lookup(address);
  }

  IpProfile lookup(IpAddress address) {
    String canonical = address.toString();
    if (SpecialRanges.isPrivate(address)) {
      return new IpProfile(canonical, null, null, null, null, null, null, null, NetworkType.PRIVATE, false, false,
          false, false, false, null);
    }
    GeoDatabase.Answer cityAnswer = city == null ? GeoDatabase.Answer.NONE : city.lookup(address);
    String countryIso = cityAnswer.countryIso();
    if (countryIso == null && country != null) {
      countryIso = country.lookup(address).countryIso();
    }
    Long asn = null;
    String asOrg = null;
    if (asnDatabase != null) {
      GeoDatabase.Answer a = asnDatabase.lookup(address);
      asn = a.asn();
      asOrg = a.asOrganization();
    } else {
      int found = asnTable.asn(address);
      if (found != AsnTable.NONE) {
        asn = found & 0xffffffffL;
        asOrg = asnTable.organization(found);
      }
    }
    // Apple's relay egress counts as VPN even where X4BNet's output list omits a block of it.
    boolean inRelay = privateRelay.contains(address);
    boolean inVpn = inRelay || vpn.contains(address);
    boolean inDatacenter = datacenter.contains(address);
    boolean isTor = tor.contains(address);
    int dprkValue = dprk.lookup(address, 0);

    NetworkType type;
    NetworkType byAsn = asn == null ? null : rules.byAsn(asn.intValue());
    NetworkType byOrg;
    if (isTor) {
      type = NetworkType.TOR;
    } else if (inVpn) {
      type = NetworkType.VPN;
    } else if (byAsn != null) {
      type = byAsn;
    } else if (inDatacenter) {
      type = NetworkType.HOSTING;
    } else if ((byOrg = rules.byOrganization(asOrg)) != null) {
      type = byOrg;
    } else if (asn != null) {
      type = NetworkType.RESIDENTIAL; // routed, not hosting: X4BNet's "eyeball" complement
    } else {
      type = NetworkType.UNKNOWN;
    }
    return new IpProfile(canonical, countryIso, cityAnswer.cityName(), cityAnswer.regionIso(),
        cityAnswer.latitude(), cityAnswer.longitude(), asn, asOrg, type,
        inVpn || type == NetworkType.VPN, inDatacenter || type == NetworkType.HOSTING, isTor,
        inRelay, dprkValue > 0, dprkValue == IpLists.DPRK_HIGH ? "high" : dprkValue == IpLists.DPRK_LOW ? "low" : null);
  }
}
