package org.unmask.farm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.Subjects;
import org.unmask.enrich.HomeNetwork;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;
import org.unmask.reference.Person;
import org.unmask.state.State;
import org.unmask.verdict.IdentityLink;
import org.unmask.verdict.LinkObservation;
import org.unmask.verdict.SharedAttribute;

/**
 * Laptops of different people behind one residential address or one Wi-Fi network (THREAT.md S15,
 * S16): the signature of a laptop farm. An IPv6 address counts by its /64, the home network every
 * device behind one router picks its own address in ({@link HomeNetwork}). Keyed by the shared
 * attribute, so it runs as a keyed operator anywhere. A link between two people is reported once
 * both have used the attribute on {@link #MIN_DAYS} distinct days (one visit is not a farm),
 * weighted by how telling the attribute is and discounted for a co-working space (both claim the
 * same city). Households (same claimed home) are never linked. Addresses many strangers share by
 * design (carrier NAT of mobile, satellite and fixed-wireless carriers, VPN and hosting exits),
 * allow-listed networks and private addresses never reach it. An attribute used by more than
 * {@link #MAX_PEOPLE} people is public infrastructure, not a home, and is dropped. Two laptops
 * behind one address but always on different Wi-Fi networks (no access point in common, not even
 * two radios of one router) are in different rooms: an ISP's shared NAT or a building's line, not
 * a farm's shelf. That address link is discounted like a co-working space; a farm's laptops on one
 * Wi-Fi are linked by it anyway.
 */
public final class SharedInfrastructure implements Detector<SharedInfrastructure.Users> {

  static final int MIN_DAYS = 2;
  static final int MAX_PEOPLE = 40;
  static final double COWORKING_DISCOUNT = 0.3;
  static final double SEPARATE_WIFI_DISCOUNT = 0.3;
  /** Wi-Fi networks remembered per person and address: enough for a home, bounded for hostile input. */
  static final int MAX_WIFI = 8;

  private final String attributeType;
  private final double weight;

  private SharedInfrastructure(String attributeType, double weight) {
    this.attributeType = attributeType;
    this.weight = weight;
  }

  /** Residential egress addresses: the laptop's public IP, sign-ins and VPN sessions. */
  public static SharedInfrastructure egressAddress() {
    return new SharedInfrastructure("ip", 0.75);
  }

  /** Wi-Fi networks by BSSID (the access point's hardware address). */
  public static SharedInfrastructure wifi() {
    return new SharedInfrastructure("bssid", 0.85);
  }

  /**
   * Authenticator devices by id ({@code device.id} on sign-ins): one phone approving MFA for
   * several accounts is what Microsoft's Defender Experts saw in DPRK IT-worker tenants (THREAT.md
   * S14).
   */
  public static SharedInfrastructure authenticator() {
    return new SharedInfrastructure("mfa_device", 0.9);
  }

  /** The people seen on one attribute value, and the pairs already linked. */
  public static final class Users {
    public Map<String, Presence> people = new TreeMap<>();
    public Set<String> linkedPairs = new HashSet<>();
    public boolean saturated;
  }

  /** One person's use of the attribute. */
  public static final class Presence {
    public long lastDay = Long.MIN_VALUE;
    public int days;
    public List<SourceRef> evidence = new ArrayList<>();
    /** For addresses: the Wi-Fi networks (BSSIDs) the person's laptop reported behind it. */
    public Set<String> wifi = new TreeSet<>();
  }

  @Override
  public String id() {
    return "unmask.farm.shared_" + attributeType;
  }

  @Override
  public String key(Event event, DetectionContext context) {
    String value = valueOf(event);
    return value == null ? null : attributeType + ":" + value;
  }

  private String valueOf(Event event) {
    if (attributeType.equals("mfa_device")) {
      if (!"idp.signin".equals(event.dataset()) || "failure".equalsIgnoreCase(event.text("event.outcome"))) {
        return null;
      }
      String device = event.text("device.id");
      return device == null || device.isBlank() ? null : device;
    }
    if (attributeType.equals("bssid")) {
      if (!"endpoint.inventory".equals(event.dataset())) {
        return null;
      }
      String bssid = event.text("network.wifi.bssid");
      return bssid == null || bssid.isBlank() ? null : bssid.toLowerCase(Locale.ROOT);
    }
    String prefix;
    String field;
    switch (event.dataset()) {
      case "endpoint.inventory" -> { prefix = "host.public"; field = "host.public_ip"; }
      case "idp.signin", "vpn.session" -> { prefix = "source"; field = "source.ip"; }
      default -> { return null; }
    }
    String ip = event.text(field);
    if (ip == null || !isResidential(event, prefix)) {
      return null;
    }
    String network = HomeNetwork.of(ip);
    return network == null ? ip : network; // text that is no address stays itself, as it always did
  }

  /** True when the address plausibly belongs to one home: not shared by design, not allowed, not private. */
  static boolean isResidential(Event event, String prefix) {
    if (Boolean.TRUE.equals(event.get(prefix + ".unmask.shared_by_design"))
        || Boolean.TRUE.equals(event.get(prefix + ".unmask.allow"))
        || Boolean.TRUE.equals(event.get(prefix + ".unmask.vpn"))
        || Boolean.TRUE.equals(event.get(prefix + ".unmask.hosting"))
        || Boolean.TRUE.equals(event.get(prefix + ".unmask.tor"))) {
      return false;
    }
    Object network = event.get(prefix + ".unmask.network");
    return !"private".equals(network);
  }

  @Override
  public void onEvent(Event event, State<Users> state, DetectionContext context) {
    Users users = state.value() == null ? new Users() : state.value();
    if (users.saturated) {
      return;
    }
    Person person = Subjects.personOf(event, context.reference());
    if (person == null) {
      return;
    }
    Presence presence = users.people.computeIfAbsent(person.personId(), k -> new Presence());
    long day = event.timestamp().getEpochSecond() / 86_400;
    if (day != presence.lastDay) {
      presence.lastDay = day;
      presence.days++;
      if (presence.evidence.size() < 3) {
        presence.evidence.add(event.source());
      }
    }
    if (attributeType.equals("ip") && presence.wifi.size() < MAX_WIFI) {
      String bssid = event.text("network.wifi.bssid");
      if (bssid != null && !bssid.isBlank()) {
        presence.wifi.add(bssid.toLowerCase(Locale.ROOT));
      }
    }
    if (users.people.size() > MAX_PEOPLE) {
      users.saturated = true;
      users.people.clear();
      users.linkedPairs.clear();
      state.update(users);
      return;
    }
    if (presence.days >= MIN_DAYS) {
      linkWithOthers(event, person, presence, users, context);
    }
    state.update(users);
  }

  private void linkWithOthers(Event event, Person person, Presence presence, Users users, DetectionContext context) {
    String value = valueOf(event);
    for (var other : users.people.entrySet()) {
      String otherId = other.getKey();
      if (otherId.equals(person.personId()) || other.getValue().days < MIN_DAYS) {
        continue;
      }
      String pair = person.personId().compareTo(otherId) < 0
          ? person.personId() + "|" + otherId : otherId + "|" + person.personId();
      if (!users.linkedPairs.add(pair)) {
        continue;
      }
      Person otherPerson = context.reference().person(otherId).orElse(null);
      if (Households.same(person, otherPerson)) {
        continue;
      }
      // a co-working space shares its network, never a phone that approves sign-ins
      boolean coworking = !attributeType.equals("mfa_device") && Households.sameCity(person, otherPerson);
      boolean separateWifi = attributeType.equals("ip") && separateWifi(presence.wifi, other.getValue().wifi);
      double w = coworking ? weight * COWORKING_DISCOUNT : weight;
      w = separateWifi ? w * SEPARATE_WIFI_DISCOUNT : w;
      String what = switch (attributeType) {
        case "ip" -> value.endsWith("/64") ? "residential IPv6 network " + value : "residential internet address " + value;
        case "bssid" -> "Wi-Fi network " + value;
        default -> "authenticator device " + value + " for MFA";
      };
      String explanation = person.personId() + " and " + otherId + " both used the " + what
          + " (" + presence.days + " and " + other.getValue().days + " days)"
          + (coworking ? "; both claim the same city, so it may be a co-working space" : "")
          + (separateWifi ? "; their laptops were on different Wi-Fi networks behind it, so it may be a carrier's shared address" : "")
          + ", though they claim different homes.";
      List<SourceRef> evidence = new ArrayList<>(presence.evidence);
      evidence.addAll(other.getValue().evidence);
      context.link(new LinkObservation(
          new IdentityLink(EntityRef.person(person.personId()), EntityRef.person(otherId),
              new SharedAttribute(attributeType, value), w, explanation),
          event.timestamp(), evidence));
    }
  }

  /**
   * Both laptops reported Wi-Fi behind the address and never a network in common, nor two radios of
   * one router (BSSIDs of one device differ in the last octet only).
   */
  static boolean separateWifi(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    for (String x : a) {
      for (String y : b) {
        if (routerOf(x).equals(routerOf(y))) {
          return false;
        }
      }
    }
    return true;
  }

  private static String routerOf(String bssid) {
    int cut = bssid.lastIndexOf(':');
    return cut < 0 ? bssid : bssid.substring(0, cut);
  }

  /** For tests: which attribute this instance watches. */
  String attributeType() {
    return attributeType;
  }

  static Map<String, Integer> dayCounts(Users users) {
    Map<String, Integer> out = new HashMap<>();
    users.people.forEach((k, v) -> out.put(k, v.days));
    return out;
  }
}
