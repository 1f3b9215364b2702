package org.unmask.analytics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.detect.Subjects;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.reference.Person;
import org.unmask.state.State;

/**
 * Where a person really works, judged from when they work (THREAT.md S12). Interactive activity is
 * folded into a 24-bin histogram of UTC hours; the most likely UTC offset is the one that puts the
 * most activity inside a working day (08:00-19:00 local). When that offset sits six hours or more
 * from the claimed time zone's, and the claimed zone's working day holds little of the activity,
 * the person is probably working Pyongyang or Shenyang hours rather than American ones.
 *
 * <p>It never fires on one late night: it waits for {@link #MIN_DAYS} active days and
 * {@link #MIN_EVENTS} events, and night owls (a shift of a few hours) and on-call engineers (some
 * nights, mostly days) stay under the distance and share bars. It fires once per person, at the
 * event that made the inference confident.
 *
 * <p>Activity while the person is seen abroad does not count: a sign-in whose address places them
 * in another country than their claimed home (a residential, mobile or fixed-wireless network;
 * VPN and hosting addresses place nobody) marks them abroad for {@link #ABROAD_HOLD_HOURS} hours,
 * renewed by each such sign-in and ended by one from home. A traveller in Shanghai works
 * Shanghai hours, which the trip explains, and the trip's egress is judged by the egress detectors;
 * the contradiction this detector looks for is Asian hours behind American addresses.
 */
public final class WorkHours implements Detector<WorkHours.Profile> {

  static final RuleSpec OFF_HOURS = new RuleSpec(
      "unmask.hours.foreign_workday", "Works on another continent's clock",
      Severity.HIGH, List.of("T1656"), "behaviour", 30);

  static final int MIN_DAYS = 12;
  static final int MIN_EVENTS = 40;
  static final int WORKDAY_START = 8;
  static final int WORKDAY_END = 19;
  static final int MIN_OFFSET_DISTANCE = 6;
  static final double MIN_BEST_SHARE = 0.6;
  static final double MAX_CLAIMED_SHARE = 0.35;
  static final int ABROAD_HOLD_HOURS = 24;

  public static List<RuleSpec> rules() {
    return List.of(OFF_HOURS);
  }

  /** Activity by UTC hour, the days seen, and whether the finding was made. */
  public static final class Profile {
    public long[] byUtcHour = new long[24];
    public long events;
    public int activeDays;
    public long lastDay = Long.MIN_VALUE;
    public boolean reported;
    /** Until when (epoch ms) activity is taken as done abroad. */
    public long abroadUntil = Long.MIN_VALUE;
  }

  @Override
  public String id() {
    return "unmask.hours";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    return personWithClaimedClock(event, context);
  }

  /**
   * The person an interactive event shows at work, when they claimed a time zone to compare it
   * with; null otherwise. The key of every detector that reads work hours against the claim.
   */
  static String personWithClaimedClock(Event event, DetectionContext context) {
    if (!isInteractive(event)) {
      return null;
    }
    Person p = Subjects.personOf(event, context.reference());
    return p == null || p.timezone() == null ? null : p.personId();
  }

  static boolean isInteractive(Event event) {
    return switch (event.dataset()) {
      case "idp.signin" -> !"failure".equalsIgnoreCase(event.text("event.outcome"));
      case "git.audit", "proxy.http", "endpoint.process" -> true;
      case "vpn.session" -> "start".equals(event.text("event.action"));
      default -> false;
    };
  }

  @Override
  public void onEvent(Event event, State<Profile> state, DetectionContext context) {
    Profile profile = state.value() == null ? new Profile() : state.value();
    Person person = Subjects.personOf(event, context.reference());
    if (abroad(event, person, profile)) {
      state.update(profile);
      return;
    }
    int hour = event.timestamp().atOffset(ZoneOffset.UTC).getHour();
    profile.byUtcHour[hour]++;
    profile.events++;
    long day = event.timestamp().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    boolean newDay = day > profile.lastDay; // an event late by a day (arrival order) is not a new day
    if (newDay) {
      profile.activeDays++;
      profile.lastDay = day;
    }
    if (!profile.reported && newDay && profile.activeDays >= MIN_DAYS && profile.events >= MIN_EVENTS) {
      ZoneId claimed = person.timezone();
      int claimedOffset = claimed.getRules().getOffset(event.timestamp()).getTotalSeconds() / 3600;
      Inference inference = infer(profile.byUtcHour, claimedOffset);
      if (inference.fires()) {
        profile.reported = true;
        context.emit(OFF_HOURS.finding(EntityRef.person(person.personId()), event, String.format(
            "%s's activity fits a UTC%+d working day (%.0f%% of %d events), not the claimed %s"
                + " (UTC%+d, %.0f%% of activity in its working hours).",
            person.personId(), inference.bestOffset, 100 * inference.bestShare, profile.events,
            claimed.getId(), claimedOffset, 100 * inference.claimedShare)));
      }
    }
    state.update(profile);
  }

  /** Whether this event was done abroad, updating what the person's sign-ins say of where they are. */
  private static boolean abroad(Event event, Person person, Profile profile) {
    profile.abroadUntil = abroadUntil(event, person, profile.abroadUntil);
    return event.timestamp().toEpochMilli() <= profile.abroadUntil;
  }

  /**
   * Until when (epoch ms) the person is taken to be abroad after this event: a sign-in from a
   * residential, mobile or fixed-wireless address in another country than the claimed home extends
   * it by {@link #ABROAD_HOLD_HOURS}, one from home ends it; any other event leaves it as it was.
   */
  static long abroadUntil(Event event, Person person, long until) {
    String home = person.home() == null ? null : person.home().country();
    String country = event.text("source.geo.country_iso_code");
    if (home != null && country != null && DeviceCountry.positional(event.text("source.unmask.network"))
        && !Boolean.TRUE.equals(event.get("source.unmask.allow"))) {
      return country.equalsIgnoreCase(home.trim()) ? Long.MIN_VALUE
          : event.timestamp().toEpochMilli() + ABROAD_HOLD_HOURS * 3_600_000L;
    }
    return until;
  }

  /** The result of fitting a working day to an hour histogram. */
  record Inference(int bestOffset, double bestShare, int claimedOffset, double claimedShare) {
    boolean fires() {
      int distance = Math.abs(bestOffset - claimedOffset) % 24;
      distance = Math.min(distance, 24 - distance);
      return distance >= MIN_OFFSET_DISTANCE && bestShare >= MIN_BEST_SHARE && claimedShare <= MAX_CLAIMED_SHARE;
    }
  }

  /** Finds the UTC offset (-12..+14) whose 08:00-19:00 holds the most activity; ties go to the claim. */
  static Inference infer(long[] byUtcHour, int claimedOffset) {
    long total = 0;
    for (long c : byUtcHour) {
      total += c;
    }
    if (total == 0) {
      return new Inference(claimedOffset, 0, claimedOffset, 0);
    }
    int best = claimedOffset;
    double bestShare = share(byUtcHour, claimedOffset, total);
    double claimedShare = bestShare;
    for (int offset = -12; offset <= 14; offset++) {
      double s = share(byUtcHour, offset, total);
      if (s > bestShare + 1e-9) {
        best = offset;
        bestShare = s;
      }
    }
    return new Inference(best, bestShare, claimedOffset, claimedShare);
  }

  private static double share(long[] byUtcHour, int offset, long total) {
    long inside = 0;
    for (int utc = 0; utc < 24; utc++) {
      int local = Math.floorMod(utc + offset, 24);
      if (local >= WORKDAY_START && local < WORKDAY_END) {
        inside += byUtcHour[utc];
      }
    }
    return (double) inside / total;
  }

  static LocalDate dayOf(Event e) {
    return e.timestamp().atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
