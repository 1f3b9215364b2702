package org.unmask.analytics;

import java.time.Duration;
import java.time.ZonedDateTime;
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
 * A "stretched day" (THREAT.md S12, S23): a morning block in the claimed time zone for cover, then a
 * second block hours later that runs through the claimed night, which is daytime in Shenyang or
 * Pyongyang. Work days are taken from 06:00 to 06:00 in the claimed zone so an evening-into-night
 * block stays with its morning. A day counts when it holds two blocks of activity, each of at least
 * {@link #MIN_BLOCK_HOURS} hours, and the second either reaches past midnight after
 * {@link #MIN_GAP_HOURS} or more idle hours, or is itself a working day in East Asia after
 * {@link #MIN_GAP_BEFORE_ASIAN_DAY} or more: at least
 * {@link #MIN_ASIAN_HOURS} hours that fall between 09:00 and 18:00 at UTC+8 or UTC+9, starting
 * after 15:00 claimed time. (From New York, Shenyang's morning is past midnight; from Denver or
 * Anchorage it is the claimed afternoon and evening.) It fires once the person has
 * {@link #MIN_DAYS} such days and they are most of their working days, and again every
 * {@link Refresh#DAYS} days for as long as the pattern holds on most days ({@link Refresh}). A
 * night owl works one long block that merely starts late; a parent's evening session is a couple of hours; an on-call
 * engineer has a night incident on a minority of days: none counts.
 */
public final class SecondShift implements Detector<SecondShift.Days> {

  static final RuleSpec SECOND_SHIFT = new RuleSpec(
      "unmask.hours.second_shift", "Works a second shift through the claimed night",
      Severity.HIGH, List.of("T1656"), "behaviour", 28);

  static final int DAY_STARTS_AT = 6;
  static final int MIN_BLOCK_HOURS = 2;
  static final int MIN_GAP_HOURS = 4;
  /**
   * The gap before a second block that is itself an East Asian working day (the stronger sign):
   * two idle hour buckets, over an hour of nothing. Seen from Anchorage or Honolulu the Shanghai
   * morning starts at 15:00-16:30, so a cover morning ending at 13:00 leaves only two or three.
   * What keeps a long lunch out is the block's time (after 15:00) and its East Asian hours.
   */
  static final int MIN_GAP_BEFORE_ASIAN_DAY = 2;
  static final int MIN_DAYS = 8;
  static final double MIN_SHARE = 0.5;
  /** Hours of the second block inside an East Asian working day (09:00-18:00 at UTC+8 or +9). */
  static final int MIN_ASIAN_HOURS = 4;
  /** The second block starts no earlier than this, claimed time: a late afternoon is not a shift. */
  static final int SECOND_BLOCK_EARLIEST = 15;
  /** Two-shift days since the last report that a further report needs. */
  static final int MIN_REFRESH_DAYS = 5;

  public static List<RuleSpec> rules() {
    return List.of(SECOND_SHIFT);
  }

  /** The current work day's active hours (bit 0 = 06:00 local) and the tallies so far. */
  public static final class Days {
    public long workDay = Long.MIN_VALUE;
    public int hourMask;
    /** The claimed zone's offset from UTC, in hours, on the current work day. */
    public int offsetHours;
    public int workDays;
    public int twoShiftDays;
    /** The work day of the last report, or {@code Long.MIN_VALUE} before the first. */
    public long reportedOn = Refresh.NEVER;
  }

  @Override
  public String id() {
    return "unmask.hours.second_shift";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    return WorkHours.personWithClaimedClock(event, context);
  }

  @Override
  public void onEvent(Event event, State<Days> state, DetectionContext context) {
    Days d = state.value() == null ? new Days() : state.value();
    Person person = Subjects.personOf(event, context.reference());
    ZonedDateTime local = event.timestamp().atZone(person.timezone()).minus(Duration.ofHours(DAY_STARTS_AT));
    long workDay = local.toLocalDate().toEpochDay();
    if (d.workDay != Long.MIN_VALUE && workDay < d.workDay) {
      return; // late by a day or more (the server judges in arrival order): its day is closed
    }
    if (workDay != d.workDay) {
      if (d.workDay != Long.MIN_VALUE) {
        close(d);
      }
      d.workDay = workDay;
      d.hourMask = 0;
    }
    d.hourMask |= 1 << local.getHour();
    d.offsetHours = local.getOffset().getTotalSeconds() / 3600;
    boolean first = d.reportedOn == Refresh.NEVER;
    boolean due = Refresh.due(d.reportedOn, workDay, d.twoShiftDays >= MIN_DAYS, d.twoShiftDays >= MIN_REFRESH_DAYS);
    if (due && d.twoShiftDays >= MIN_SHARE * d.workDays) {
      context.emit(SECOND_SHIFT.finding(EntityRef.person(person.personId()), event, String.format(
          "%s worked two shifts on %d of %d days%s: a morning in %s, then a second block after an"
              + " hours-long gap, in the claimed evening or night (daytime in East Asia).",
          person.personId(), d.twoShiftDays, d.workDays, first ? "" : " since the last report",
          person.timezone().getId())));
      d.reportedOn = workDay;
      d.workDays = 0;
      d.twoShiftDays = 0;
    }
    state.update(d);
  }

  private static void close(Days d) {
    d.workDays++;
    if (isTwoShifts(d.hourMask, d.offsetHours)) {
      d.twoShiftDays++;
    }
  }

  /**
   * Two blocks of at least {@link #MIN_BLOCK_HOURS} active hours separated by {@link #MIN_GAP_HOURS}
   * or more idle ones, the later ending after midnight (bit 18 = 00:00 with the day starting 06:00).
   * Hours are buckets, so a block of two hours is two consecutive active buckets; a single idle
   * bucket between two active ones is filled first.
   */
  static boolean isTwoShifts(int rawMask, int offsetHours) {
    // Activity is sampled, not continuous: an hour without an event between two busy hours is a
    // quiet stretch of the same block, not a break.
    int mask = rawMask;
    for (int h = 1; h < 23; h++) {
      if ((rawMask & (1 << (h - 1))) != 0 && (rawMask & (1 << (h + 1))) != 0) {
        mask |= 1 << h;
      }
    }
    int first = -1;
    int firstEnd = -1;
    for (int h = 0; h < 24; h++) {
      if ((mask & (1 << h)) != 0) {
        if (first < 0) {
          first = h;
        }
        if (h + 1 >= 24 || (mask & (1 << (h + 1))) == 0) {
          firstEnd = h;
          break;
        }
      }
    }
    if (first < 0 || firstEnd - first + 1 < MIN_BLOCK_HOURS) {
      return false;
    }
    int second = -1;
    for (int h = firstEnd + 1; h < 24; h++) {
      if ((mask & (1 << h)) != 0) {
        second = h;
        break;
      }
    }
    if (second < 0 || second - firstEnd - 1 < MIN_GAP_BEFORE_ASIAN_DAY) {
      return false;
    }
    boolean longGap = second - firstEnd - 1 >= MIN_GAP_HOURS;
    int secondEnd = second;
    while (secondEnd + 1 < 24 && (mask & (1 << (secondEnd + 1))) != 0) {
      secondEnd++;
    }
    if (secondEnd - second + 1 < MIN_BLOCK_HOURS) {
      return false;
    }
    return (longGap && secondEnd >= 24 - DAY_STARTS_AT)
        || (second + DAY_STARTS_AT >= SECOND_BLOCK_EARLIEST && asianWorkingHours(second, secondEnd, offsetHours) >= MIN_ASIAN_HOURS);
  }

  /** Hours of the block (work-day buckets) that are 09:00-18:00 at UTC+8 or at UTC+9, whichever holds more. */
  static int asianWorkingHours(int from, int to, int offsetHours) {
    int best = 0;
    for (int asia = 8; asia <= 9; asia++) {
      int n = 0;
      for (int h = from; h <= to; h++) {
        int there = Math.floorMod(h + DAY_STARTS_AT - offsetHours + asia, 24);
        if (there >= 9 && there < 18) {
          n++;
        }
      }
      best = Math.max(best, n);
    }
    return best;
  }
}
