package org.unmask.analytics;

import java.time.Duration;
import java.util.List;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.detect.Subjects;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.state.State;

/**
 * Two successful sign-ins of one person from places no airliner could connect in the time between
 * them (THREAT.md S15). Positions come from {@code source.geo.location} when a city-level database
 * or the identity provider gives one, else from the country's centroid. Addresses that are not
 * positions are skipped: VPN, hosting and Tor exits, and carrier-grade NAT of mobile, satellite and
 * fixed-wireless carriers ({@code source.unmask.shared_by_design}), and allow-listed networks.
 */
public final class ImpossibleTravel implements Detector<ImpossibleTravel.LastFix> {

  static final RuleSpec TRAVEL = new RuleSpec(
      "unmask.signin.impossible_travel", "Sign-ins from places too far apart for the time between them",
      Severity.MEDIUM, List.of("T1078"), "identity", 15);

  /** Faster than a commercial flight, with slack for boarding and geolocation error. */
  static final double MAX_KMH = 1000;
  /** Countries share borders and centroids are coarse: ignore jumps shorter than this. */
  static final double MIN_KM = 800;

  public static List<RuleSpec> rules() {
    return List.of(TRAVEL);
  }

  /** The last trustworthy position of the person. */
  public static final class LastFix {
    public long epochSecond;
    public double lat;
    public double lon;
    public String place;
    public String ip;
    public long lastReportedEpochSecond = Long.MIN_VALUE;
  }

  @Override
  public String id() {
    return "unmask.signin.travel";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    if (!"idp.signin".equals(event.dataset()) || "failure".equalsIgnoreCase(event.text("event.outcome"))) {
      return null;
    }
    if (Boolean.TRUE.equals(event.get("source.unmask.shared_by_design"))
        || Boolean.TRUE.equals(event.get("source.unmask.vpn"))
        || Boolean.TRUE.equals(event.get("source.unmask.hosting"))
        || Boolean.TRUE.equals(event.get("source.unmask.tor"))
        || Boolean.TRUE.equals(event.get("source.unmask.allow"))) {
      return null;
    }
    return Subjects.personIdOf(event, context.reference());
  }

  @Override
  public void onEvent(Event event, State<LastFix> state, DetectionContext context) {
    double[] position = position(event);
    if (position == null) {
      return;
    }
    String place = event.text("source.geo.city_name") != null
        ? event.text("source.geo.city_name") + ", " + event.text("source.geo.country_iso_code")
        : event.text("source.geo.country_iso_code");
    LastFix last = state.value();
    long now = event.timestamp().getEpochSecond();
    if (last != null) {
      double km = GeoDistance.km(last.lat, last.lon, position[0], position[1]);
      double hours = Math.max((now - last.epochSecond) / 3600.0, 1.0 / 60);
      boolean reportedRecently = last.lastReportedEpochSecond != Long.MIN_VALUE
          && now - last.lastReportedEpochSecond < Duration.ofDays(1).toSeconds();
      if (km >= MIN_KM && km / hours > MAX_KMH && !reportedRecently) {
        String personId = Subjects.personIdOf(event, context.reference());
        context.emit(TRAVEL.finding(EntityRef.person(personId), event, String.format(
            "%s signed in from %s (%s) %.1f hours after signing in from %s (%s), %.0f km away.",
            personId, place, event.text("source.ip"), hours, last.place, last.ip, km)));
        last.lastReportedEpochSecond = now;
      }
    }
    LastFix fix = last == null ? new LastFix() : last;
    fix.epochSecond = now;
    fix.lat = position[0];
    fix.lon = position[1];
    fix.place = place;
    fix.ip = event.text("source.ip");
    state.update(fix);
  }

  static double[] position(Event event) {
    Object lat = event.get("source.geo.location.lat");
    Object lon = event.get("source.geo.location.lon");
    if (lat instanceof Number a && lon instanceof Number b) {
      return new double[] {a.doubleValue(), b.doubleValue()};
    }
    return CountryCentroids.of(event.text("source.geo.country_iso_code"));
  }
}
