package org.unmask.analytics;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
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
 * A laptop's own settings against its owner's claims (THREAT.md S12, S13): a system time zone far
 * from the claimed one, held for most of the laptop's days (a trip abroad is a minority of days);
 * a clock that goes to a far zone for a day and comes back, again and again, in three different
 * weeks (on a trip, a clock that follows the network flips between the local zone and
 * home for a week or two; flips over weeks are where the laptop's user sits, slipping out from
 * behind the claimed zone); and Korean keyboard layouts
 * (ko-KR, KLID 00000412). The keyboard is weak on its own, since Korean-speaking employees exist,
 * so it carries few points and is reported once; it weighs more when nothing in the claimed
 * identity explains it (no word of the owner's name is a Korean surname: the advisory's "Korean
 * language preferences on a non-Korean persona"), yet still cannot open a case alone.
 */
public final class DeviceLocale implements Detector<DeviceLocale.Snapshots> {

  static final RuleSpec TIMEZONE = new RuleSpec(
      "unmask.device.foreign_timezone", "Laptop clock set to a far-away time zone",
      Severity.MEDIUM, List.of("T1614"), "endpoint", 18);
  static final RuleSpec TIMEZONE_FLIPS = new RuleSpec(
      "unmask.device.timezone_flips", "Laptop clock flips to a far-away time zone for a day, again and again",
      Severity.HIGH, List.of("T1614"), "endpoint", 30);
  static final RuleSpec KOREAN_KEYBOARD = new RuleSpec(
      "unmask.device.korean_input", "Korean keyboard layout on the laptop",
      Severity.LOW, List.of("T1614"), "endpoint", 8);
  static final RuleSpec KOREAN_KEYBOARD_UNEXPLAINED = new RuleSpec(
      "unmask.device.korean_input_unexplained", "Korean keyboard layout on the laptop of a non-Korean persona",
      Severity.MEDIUM, List.of("T1614"), "endpoint", 18);

  static final int MIN_MISMATCH_DAYS = 10;
  static final double MIN_MISMATCH_SHARE = 0.5;
  static final int MIN_HOURS_APART = 4;
  /** Day trips to a far zone before the flips are reported: one could be a glitch, three are a habit. */
  static final int MIN_FLIPS = 3;
  /**
   * Distinct weeks (counted from the first flip) that must hold a flip. On a trip, a laptop that
   * sets its zone from the network flips between the local zone and home (over the company VPN)
   * for a week or two; flips week after week are the laptop's user, not a trip.
   */
  static final int MIN_FLIP_WEEKS = 3;
  /** Flips since the last report that a further report needs ({@link Refresh}). */
  static final int MIN_REFRESH_FLIPS = 2;

  public static List<RuleSpec> rules() {
    return List.of(TIMEZONE, TIMEZONE_FLIPS, KOREAN_KEYBOARD, KOREAN_KEYBOARD_UNEXPLAINED);
  }

  /** Days with a snapshot, days whose zone was far from the claim, and what was reported. */
  public static final class Snapshots {
    public long lastDay = Long.MIN_VALUE;
    public int days;
    public int mismatchedDays;
    public boolean timezoneReported;
    public boolean keyboardReported;
    /** The last day's snapshots: any in the claimed zone (home), any far from it. */
    public boolean lastDayHome;
    public boolean lastDayFar;
    /** Days of the far run going on, and whether a home day came before it. */
    public int farRunDays;
    public boolean farRunAfterHome;
    public boolean homeSeen;
    /** Far runs of one day with home on both sides, or a far and a home snapshot on one day. */
    public int flips;
    public long firstFlipDay = Long.MIN_VALUE;
    /** Bit w: a flip in week w after the first one (weeks past 63 share the last bit). */
    public long flipWeeks;
    /** The day the flips were last reported, and how many there were then. */
    public long flipsReportedOn = Refresh.NEVER;
    public int flipsAtReport;
    /** The far zone last seen, and its distance from the claimed one. */
    public String farZone;
    public int farHoursApart;
  }

  @Override
  public String id() {
    return "unmask.device.locale";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    return "endpoint.inventory".equals(event.dataset()) ? event.text("host.id") : null;
  }

  @Override
  public void onEvent(Event event, State<Snapshots> state, DetectionContext context) {
    Snapshots s = state.value() == null ? new Snapshots() : state.value();
    String deviceId = event.text("host.id");
    Person owner = context.reference().device(deviceId).map(Device::personId)
        .flatMap(context.reference()::person).orElse(null);
    checkKeyboard(event, s, deviceId, owner, context);
    checkTimezone(event, s, deviceId, owner, context);
    state.update(s);
  }

  private void checkKeyboard(Event event, Snapshots s, String deviceId, Person owner, DetectionContext context) {
    if (s.keyboardReported) {
      return;
    }
    for (String layout : event.texts("host.locale.keyboard_layouts")) {
      String l = layout.toLowerCase(Locale.ROOT);
      if (l.startsWith("ko") || l.contains("00000412") || l.contains("korean")) {
        s.keyboardReported = true;
        boolean unexplained = owner != null && !KoreanNames.couldBeKorean(owner.fullName());
        context.emit((unexplained ? KOREAN_KEYBOARD_UNEXPLAINED : KOREAN_KEYBOARD).finding(EntityRef.device(deviceId), event,
            "Laptop " + deviceId + (owner == null ? "" : " of " + owner.personId())
                + " has the Korean input layout '" + layout + "' installed"
                + (unexplained ? "; the owner's claimed identity does not explain it (the name is not Korean)." : ".")));
        return;
      }
    }
  }

  private void checkTimezone(Event event, Snapshots s, String deviceId, Person owner, DetectionContext context) {
    String zone = event.text("host.locale.timezone");
    if (owner == null || owner.timezone() == null || zone == null) {
      return;
    }
    ZoneId deviceZone;
    try {
      deviceZone = ZoneId.of(zone);
    } catch (RuntimeException e) {
      return; // not an IANA zone name: nothing to compare
    }
    int hoursApart = Math.abs(deviceZone.getRules().getOffset(event.timestamp()).getTotalSeconds()
        - owner.timezone().getRules().getOffset(event.timestamp()).getTotalSeconds()) / 3600;
    hoursApart = Math.min(hoursApart, 24 - hoursApart);
    boolean mismatched = hoursApart >= MIN_HOURS_APART;
    long day = event.timestamp().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    if (s.lastDay != Long.MIN_VALUE && day < s.lastDay) {
      return; // a snapshot late by a day or more (the server judges in arrival order): its day is closed
    }
    if (day != s.lastDay) {
      if (s.lastDay != Long.MIN_VALUE) {
        closeDay(s);
      }
      s.days++;
      s.lastDay = day;
      s.lastDayHome = false;
      s.lastDayFar = false;
    }
    if (mismatched && !s.lastDayFar) {
      s.mismatchedDays++;
    }
    s.lastDayHome |= !mismatched;
    s.lastDayFar |= mismatched;
    if (mismatched) {
      s.farZone = zone;
      s.farHoursApart = hoursApart;
    }
    int today = flipOfToday(s);
    int flips = s.flips + today;
    if (today > 0) {
      if (s.firstFlipDay == Long.MIN_VALUE) {
        s.firstFlipDay = day;
      }
      s.flipWeeks |= 1L << Math.min(63, (day - s.firstFlipDay) / 7);
    }
    boolean first = s.flipsReportedOn == Refresh.NEVER;
    boolean due = Refresh.due(s.flipsReportedOn, day,
        flips >= MIN_FLIPS && Long.bitCount(s.flipWeeks) >= MIN_FLIP_WEEKS, flips - s.flipsAtReport >= MIN_REFRESH_FLIPS);
    if (!s.timezoneReported && due) {
      s.flipsReportedOn = day;
      s.flipsAtReport = flips;
      context.emit(TIMEZONE_FLIPS.finding(EntityRef.device(deviceId), event, String.format(
          "Laptop %s of %s went to the time zone %s (%d hours from the claimed %s) for a day and came back, %d times over %d days%s.",
          deviceId, owner.personId(), s.farZone, s.farHoursApart, owner.timezone().getId(),
          flips, day - s.firstFlipDay + 1, first ? "" : "; it goes on")));
    }
    if (!s.timezoneReported && s.mismatchedDays >= MIN_MISMATCH_DAYS
        && s.mismatchedDays >= MIN_MISMATCH_SHARE * s.days) {
      s.timezoneReported = true;
      context.emit(TIMEZONE.finding(EntityRef.device(deviceId), event, String.format(
          "Laptop %s of %s keeps the time zone %s on %d of %d days, %d hours from the claimed %s.",
          deviceId, owner.personId(), zone, s.mismatchedDays, s.days, hoursApart, owner.timezone().getId())));
    }
  }

  /**
   * The flip the last day makes, if any: both zones on it, or home after a single far day that
   * followed home. Counted as soon as it shows, so the finding needs no later snapshot.
   */
  private static int flipOfToday(Snapshots s) {
    if (s.lastDayHome && s.lastDayFar) {
      return 1;
    }
    return s.lastDayHome && s.farRunDays == 1 && s.farRunAfterHome ? 1 : 0;
  }

  /**
   * Counts the day just ended into the flips: a day with snapshots in both zones is a flip; a
   * single far day between home days is one; a longer far run is a trip, and counts nothing.
   * Days without snapshots (weekends, leave) neither break nor lengthen a run.
   */
  private static void closeDay(Snapshots s) {
    s.flips += flipOfToday(s);
    if (s.lastDayHome) {
      s.farRunDays = 0;
      s.homeSeen = true;
    } else if (s.lastDayFar) {
      if (s.farRunDays == 0) {
        s.farRunAfterHome = s.homeSeen;
      }
      s.farRunDays++;
    }
  }
}
