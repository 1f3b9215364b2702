package org.unmask.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unmask.event.Event;
import org.unmask.reference.ReferenceData;
import org.unmask.reference.WatchlistEntry;

/**
 * Adds IP intelligence to events: for each of {@code source.ip}, {@code destination.ip},
 * {@code client.ip} and {@code host.public_ip}, with P the field name without its trailing
 * {@code .ip} ({@code host.public_ip} → {@code host.public}), it adds
 *
 * <ul>
 *   <li>{@code P.geo.country_iso_code}, {@code P.as.number} (Long), {@code P.as.organization.name},
 *       and with a city database {@code P.geo.city_name}, {@code P.geo.region_iso_code},
 *       {@code P.geo.location.lat}/{@code .lon}: each only when the event does not carry it already
 *       (an identity provider's own geolocation is kept);
 *   <li>{@code P.unmask.network} ({@link NetworkType#id()}), the booleans {@code P.unmask.vpn},
 *       {@code .hosting}, {@code .tor}, {@code .private_relay}, {@code .dprk}, {@code .shared_by_design}, {@code .allow},
 *       plus {@code P.unmask.dprk_confidence} and {@code P.unmask.allow_label} when they apply, and
 *       {@code P.unmask.watchlist}, the list of concern labels (empty when none).
 * </ul>
 *
 * <p>Each distinct address text is resolved once and kept in an LRU cache (100,000 entries by
 * default), so the per-event cost is a hash lookup and a few map puts. One instance per scan: it
 * holds that scan's watchlists. It is thread-safe, but the cache is a single lock; give each
 * worker thread its own enricher when scans go parallel.
 */
public final class IpEnricher {

  /** The event fields that hold addresses, in the order they are enriched. */
  public static final List<String> IP_FIELDS = List.of("source.ip", "destination.ip", "client.ip", "host.public_ip");

  static final int DEFAULT_CACHE_SIZE = 100_000;
  private static final int MAX_ADDRESS_TEXT = 64;

  // Keys per enriched field; the first CONDITIONAL ones are only added when absent from the event.
  private static final String[] SUFFIXES = {
    ".geo.country_iso_code", ".as.number", ".as.organization.name", ".geo.city_name",
    ".geo.region_iso_code", ".geo.location.lat", ".geo.location.lon",
    ".unmask.network", ".unmask.vpn", ".unmask.hosting", ".unmask.tor", ".unmask.private_relay", ".unmask.dprk",
    ".unmask.dprk_confidence", ".unmask.shared_by_design", ".unmask.allow", ".unmask.allow_label",
    ".unmask.watchlist"
  };
  private static final int CONDITIONAL = 7;
  private static final String[] FIELDS = IP_FIELDS.toArray(String[]::new);
  private static final String[][] KEYS = new String[FIELDS.length][];

  static {
    for (int f = 0; f < FIELDS.length; f++) {
      // drop ".ip" or "_ip": source.ip → source, host.public_ip → host.public
      String prefix = FIELDS[f].substring(0, FIELDS[f].length() - 3);
      KEYS[f] = new String[SUFFIXES.length];
      for (int i = 0; i < SUFFIXES.length; i++) {
        KEYS[f][i] = prefix + SUFFIXES[i];
      }
    }
  }

  /** A cached answer: the facts and the field values in {@link #SUFFIXES} order (null = omit). */
  private record Resolved(IpFacts facts, Object[] values) {}

  private final IpIntel intel;
  private final IpWatchlist watchlist;
  private final Map<String, Resolved> cache;
  private final Resolved unknown;
  private long misses;

  public IpEnricher(IpIntel intel, ReferenceData reference) {
    this(intel, reference.watchlist(), DEFAULT_CACHE_SIZE);
  }

  public IpEnricher(IpIntel intel, List<WatchlistEntry> watchlist) {
    this(intel, watchlist, DEFAULT_CACHE_SIZE);
  }

  public IpEnricher(IpIntel intel, List<WatchlistEntry> watchlist, int maxCachedAddresses) {
    if (maxCachedAddresses < 1) {
      throw new IllegalArgumentException("maxCachedAddresses must be at least 1, was " + maxCachedAddresses);
    }
    this.intel = intel;
    this.watchlist = new IpWatchlist(watchlist);
    this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Resolved> eldest) {
        return size() > maxCachedAddresses;
      }
    };
    this.unknown = build(new IpFacts(IpProfile.UNKNOWN, false, null, List.of()));
  }

  /**
   * One message per watchlist row of type ip/cidr whose value is not an address or block, saying
   * which row and why; such rows never match. For the scan's rejected.jsonl or report.
   */
  public List<String> watchlistProblems() {
    return watchlist.problems();
  }

  /** The event with IP intelligence added for each address field it has (itself if none). */
  public Event enrich(Event event) {
    Map<String, Object> fields = event.fields();
    Map<String, Object> merged = null; // built directly rather than via Event.with: one map copy, not two
    for (int f = 0; f < FIELDS.length; f++) {
      String text = addressText(fields.get(FIELDS[f]));
      if (text == null) {
        continue;
      }
      Object[] values = resolve(text).values;
      String[] keys = KEYS[f];
      if (merged == null) {
        merged = new HashMap<>((int) ((fields.size() + 2 * SUFFIXES.length) / 0.75f) + 1);
        merged.putAll(fields);
      }
      for (int i = 0; i < values.length; i++) {
        Object value = values[i];
        if (value != null && (i >= CONDITIONAL || !fields.containsKey(keys[i]))) {
          merged.put(keys[i], value);
        }
      }
    }
    return merged == null ? event : new Event(event.timestamp(), event.dataset(), merged, event.source());
  }

  /** Everything known about an address, including this scan's watchlists. Never null. */
  public IpFacts facts(String address) {
    return address == null ? unknown.facts : resolve(address).facts;
  }

  /** Distinct address texts resolved so far (cache misses); for tests and statistics. */
  synchronized long misses() {
    return misses;
  }

  private static String addressText(Object value) {
    if (value instanceof String s) {
      return s.isEmpty() ? null : s;
    }
    if (value instanceof List<?> list) { // a multi-valued field: enrich from its first address
      for (Object v : list) {
        if (v instanceof String s && !s.isEmpty()) {
          return s;
        }
      }
    }
    return null;
  }

  private Resolved resolve(String text) {
    if (text.length() > MAX_ADDRESS_TEXT) {
      return unknown; // not an address; do not let hostile long strings fill the cache
    }
    synchronized (this) {
      Resolved r = cache.get(text);
      if (r != null) {
        return r;
      }
    }
    IpAddress address = IpAddress.parse(text);
    Resolved r;
    if (address == null) {
      r = unknown;
    } else {
      IpWatchlist.Match match = watchlist.match(address);
      r = build(new IpFacts(intel.lookup(address), match.allow(), match.allowLabel(), match.concerns()));
    }
    synchronized (this) {
      misses++;
      cache.put(text, r);
    }
    return r;
  }

  private static Resolved build(IpFacts facts) {
    IpProfile p = facts.profile();
    Object[] v = new Object[SUFFIXES.length];
    v[0] = p.countryIso();
    v[1] = p.asn();
    v[2] = p.asOrganization();
    v[3] = p.cityName();
    v[4] = p.regionIso();
    v[5] = p.latitude();
    v[6] = p.longitude();
    v[7] = p.network().id();
    v[8] = p.vpn();
    v[9] = p.hosting();
    v[10] = p.tor();
    v[11] = p.privateRelay();
    v[12] = p.dprk();
    v[13] = p.dprkConfidence();
    v[14] = facts.sharedByDesign();
    v[15] = facts.allow();
    v[16] = facts.allowLabel();
    v[17] = facts.concerns();
    return new Resolved(facts, v);
  }

  /** The fields {@link #enrich} may add for one address field, e.g. for tests and docs. */
  static List<String> keysFor(String ipField) {
    int f = IP_FIELDS.indexOf(ipField);
    return f < 0 ? List.of() : new ArrayList<>(List.of(KEYS[f]));
  }
}
