package org.unmask.enrich;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

  IpIntel(GeoDatabase city, GeoDatabase country, GeoDatabase asnDatabase, AsnTable asnTable,
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
    return ReferenceFiles.load(dataDir);
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
