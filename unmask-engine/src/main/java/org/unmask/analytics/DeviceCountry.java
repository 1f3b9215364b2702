package org.unmask.analytics;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.reference.Device;
import org.unmask.reference.Person;
import org.unmask.state.State;

/**
 * A laptop that lives in another country than the one it was shipped to (THREAT.md S12: the worker
 * abroad, a laptop forwarded out of the country). Reads the laptop's own internet egress
 * ({@code host.public_ip} of inventory snapshots) where it says where the laptop is: home broadband,
 * fixed wireless or a mobile carrier. VPN, hosting, Tor, satellite and allow-listed addresses say
 * nothing about position and are skipped. The shipped geo data is country-level, so this compares
 * countries; the shipping country comes from devices.csv, else from the owner's claimed home.
 *
 * <p>It fires once the laptop has {@link #MIN_AWAY_DAYS} days abroad and they are most of its days
 * with a positional egress: a holiday or a conference trip is a minority of days.
 */
public final class DeviceCountry implements Detector<DeviceCountry.Days> {

  static final RuleSpec AWAY = new RuleSpec(
      "unmask.device.away_from_shipping", "Laptop lives in another country than it was shipped to",
      Severity.MEDIUM, List.of("T1078"), "endpoint", 15);

  static final int MIN_AWAY_DAYS = 7;
  static final double MIN_AWAY_SHARE = 0.5;

  public static List<RuleSpec> rules() {
    return List.of(AWAY);
  }

  /** Days with a positional egress, days abroad (by country) and whether it was reported. */
  public static final class Days {
    public long lastDay = Long.MIN_VALUE;
    public boolean lastDayAway;
    public int days;
    public int awayDays;
    public Map<String, Integer> awayByCountry = new TreeMap<>();
    public boolean reported;
  }

  @Override
  public String id() {
    return "unmask.device.country";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    if (!"endpoint.inventory".equals(event.dataset()) || event.get("host.public_ip") == null
        || Boolean.TRUE.equals(event.get("host.public.unmask.allow"))) {
      return null;
    }
    return event.text("host.id");
  }

  @Override
  public void onEvent(Event event, State<Days> state, DetectionContext context) {
    Days d = state.value() == null ? new Days() : state.value();
    if (d.reported) {
      return;
    }
    String deviceId = event.text("host.id");
    Device device = context.reference().device(deviceId).orElse(null);
    String shipped = shippedCountry(device, context);
    String country = event.text("host.public.geo.country_iso_code");
    if (shipped == null || country == null || !positional(event.text("host.public.unmask.network"))) {
      return;
    }
    long day = event.timestamp().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    if (day != d.lastDay) {
      d.days++;
      d.lastDay = day;
      d.lastDayAway = false;
    }
    String here = country.toUpperCase(Locale.ROOT);
    if (!here.equals(shipped) && !d.lastDayAway) {
      d.awayDays++;
      d.lastDayAway = true;
      d.awayByCountry.merge(here, 1, Integer::sum);
    }
    if (d.awayDays >= MIN_AWAY_DAYS && d.awayDays >= MIN_AWAY_SHARE * d.days) {
      d.reported = true;
      String owner = device == null || device.personId() == null ? "" : " of " + device.personId();
      context.emit(AWAY.finding(EntityRef.device(deviceId), event, String.format(
          "Laptop %s%s, shipped to %s, went online from %s on %d of %d days (latest from %s).",
          deviceId, owner, shipped, countries(d.awayByCountry), d.awayDays, d.days, event.text("host.public_ip"))));
    }
    state.update(d);
  }

  /** Networks whose geolocation is where the laptop is. */
  static boolean positional(String network) {
    return "residential".equals(network) || "fixed_wireless".equals(network) || "mobile".equals(network);
  }

  private static String shippedCountry(Device device, DetectionContext context) {
    if (device == null) {
      return null;
    }
    String country = device.shipTo().country();
    if (country == null && device.personId() != null) {
      country = context.reference().person(device.personId()).map(Person::home).map(a -> a.country()).orElse(null);
    }
    return country == null || country.isBlank() ? null : country.trim().toUpperCase(Locale.ROOT);
  }

  private static String countries(Map<String, Integer> byCountry) {
    StringBuilder sb = new StringBuilder();
    byCountry.forEach((c, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(c).append(" (").append(n).append(n == 1 ? " day)" : " days)"));
    return sb.toString();
  }
}
