package org.unmask.server.live;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.unmask.event.Event;
import org.unmask.reference.Device;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;

/**
 * Small per-person and per-device aggregates for the person page, kept as events flow: sign-ins by
 * country, activity by hour (UTC and the claimed time zone), the risk over time, and each device's
 * latest USB and display attachments.
 *
 * <p>Bounded: only people and devices of the reference data get a profile (a log line naming an
 * unknown e-mail cannot grow memory), at most {@link #MAX_COUNTRIES} countries per person, the last
 * {@link #MAX_HISTORY} USB and display events per device, and the last {@link #MAX_RISK_POINTS}
 * risk points per person. Kept in memory only: a restart rebuilds them by replaying the intake log.
 * Thread-safe.
 */
public final class PersonProfiles {

  static final int MAX_COUNTRIES = 300;
  static final int MAX_HISTORY = 50;
  static final int MAX_RISK_POINTS = 500;
  private static final Set<String> ACTIVITY = Set.of("idp.signin", "vpn.session", "endpoint.process", "git.audit", "proxy.http");

  /** A USB attachment as shown on the person page. */
  public record Usb(Instant at, String vendorId, String productId, String product) {}

  /** A monitor attachment as shown on the person page. */
  public record Display(Instant at, String monitorName, String manufacturer) {}

  /** A point of the risk timeline. */
  public record RiskPoint(Instant at, double risk) {}

  /** A person's aggregates, copied out for one response. */
  public record Profile(Map<String, Integer> signinsByCountry, int[] utcHours, int[] localHours, List<RiskPoint> risk) {}

  /** A device's history, copied out for one response. */
  public record DeviceHistory(List<Usb> usb, List<Display> displays) {}

  private static final class PersonAgg {
    final Map<String, Integer> countries = new HashMap<>();
    final int[] utc = new int[24];
    final int[] local = new int[24];
    final Deque<RiskPoint> risk = new ArrayDeque<>();
  }

  private static final class DeviceAgg {
    final Deque<Usb> usb = new ArrayDeque<>();
    final Deque<Display> displays = new ArrayDeque<>();
  }

  private final Map<String, PersonAgg> people = new HashMap<>();
  private final Map<String, DeviceAgg> devices = new HashMap<>();

  /** Folds one enriched event in. */
  public synchronized void accept(Event e, ReferenceData reference) {
    String dataset = e.dataset();
    if ("endpoint.usb".equals(dataset) || "endpoint.display".equals(dataset)) {
      String hostId = e.text("host.id");
      Optional<Device> device = hostId == null ? Optional.empty() : reference.device(hostId);
      if (device.isEmpty()) {
        return;
      }
      DeviceAgg d = devices.computeIfAbsent(device.get().deviceId(), k -> new DeviceAgg());
      if ("endpoint.usb".equals(dataset)) {
        if (!"disconnected".equals(e.text("event.action"))) {
          push(d.usb, new Usb(e.timestamp(), e.text("usb.vendor_id"), e.text("usb.product_id"), e.text("usb.product")));
        }
      } else {
        String maker = e.text("display.edid.manufacturer_id");
        push(d.displays, new Display(e.timestamp(), e.text("display.edid.monitor_name"), maker));
      }
      return;
    }
    if (!ACTIVITY.contains(dataset)) {
      return;
    }
    Person p = personOf(e, reference);
    if (p == null) {
      return;
    }
    PersonAgg agg = people.computeIfAbsent(p.personId(), k -> new PersonAgg());
    if ("idp.signin".equals(dataset)) {
      String country = e.text("source.geo.country_iso_code");
      if (country != null && country.length() <= 8 && (agg.countries.containsKey(country) || agg.countries.size() < MAX_COUNTRIES)) {
        agg.countries.merge(country, 1, Integer::sum);
      }
    }
    agg.utc[e.timestamp().atZone(ZoneOffset.UTC).getHour()]++;
    ZoneId zone = p.timezone() == null ? ZoneOffset.UTC : p.timezone();
    agg.local[e.timestamp().atZone(zone).getHour()]++;
  }

  /** Records a person's risk after a publication (only when it changed). */
  public synchronized void risk(String personId, Instant at, double risk) {
    PersonAgg agg = people.computeIfAbsent(personId, k -> new PersonAgg());
    RiskPoint last = agg.risk.peekLast();
    if (last != null && Math.abs(last.risk() - risk) < 0.05) {
      return;
    }
    agg.risk.addLast(new RiskPoint(at, risk));
    while (agg.risk.size() > MAX_RISK_POINTS) {
      agg.risk.removeFirst();
    }
  }

  public synchronized Profile person(String personId) {
    PersonAgg agg = people.get(personId);
    if (agg == null) {
      return new Profile(Map.of(), new int[24], new int[24], List.of());
    }
    return new Profile(Map.copyOf(agg.countries), agg.utc.clone(), agg.local.clone(), List.copyOf(agg.risk));
  }

  public synchronized DeviceHistory device(String deviceId) {
    DeviceAgg d = devices.get(deviceId);
    return d == null ? new DeviceHistory(List.of(), List.of()) : new DeviceHistory(new ArrayList<>(d.usb), new ArrayList<>(d.displays));
  }

  private static Person personOf(Event e, ReferenceData reference) {
    String email = e.text("user.email");
    if (email != null) {
      Optional<Person> p = reference.personByEmail(email);
      if (p.isPresent()) {
        return p.get();
      }
    }
    String hostId = e.text("host.id");
    if (hostId != null) {
      Optional<Device> d = reference.device(hostId);
      if (d.isPresent() && d.get().personId() != null) {
        return reference.person(d.get().personId()).orElse(null);
      }
    }
    return null;
  }

  private static <T> void push(Deque<T> q, T item) {
    q.addLast(item);
    while (q.size() > MAX_HISTORY) {
      q.removeFirst();
    }
  }
}
