package org.unmask.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
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
 * An East Asian week behind an American claim (THREAT.md S12). Seen from the US, a working day in
 * Pyongyang or Shenyang starts in the claimed afternoon or evening of the day before: Monday there
 * is Sunday here, and Sunday there is Saturday here. So a worker on that clock works the claimed
 * Sunday, from the afternoon on, and rests on the claimed Saturday, week after week.
 *
 * <p>From the West Coast, Alaska or Hawaii this is the one thing that tells such a worker from a
 * night owl: Pyongyang's 08:30-18:30 is 15:30-01:30 in Los Angeles in winter, a late shift that
 * some employees keep at home, and that most of whose activity falls inside the claimed working
 * day, where {@link WorkHours} cannot see it. The night owl keeps the American week.
 *
 * <p>Work days run from 06:00 to 06:00 claimed time (the small hours stay with the evening before).
 * A day counts as worked with {@link #MIN_WORKED_HOURS} active hour buckets or more: a weekend
 * errand or an on-call page does not. It fires once the person has been seen for
 * {@link #MIN_SPAN_DAYS} days, has worked {@link #MIN_SUNDAYS} Sundays and most Sundays, at most a
 * quarter of the Saturdays, most Mondays to Thursdays, and most working days start in the claimed
 * afternoon or evening ({@link #LATE_START} to {@link #LATEST_START}). A Sunday-to-Thursday week in
 * daytime hours (a Sabbath kept on Saturday) starts in the morning, a night shift from Sunday
 * night to Thursday night starts at 22:00 or later: both stay quiet. Activity while sign-ins place
 * the person abroad does not count: a traveller in Seoul keeps Seoul's week. It fires again every
 * {@link Refresh#DAYS} days for as long as the week is kept ({@link #MIN_REFRESH_SUNDAYS} Sundays
 * since the last report, and the rest as above): a habit of months must not age away while it lasts.
 */
public final class AsianWeek implements Detector<AsianWeek.Week> {

  static final RuleSpec ASIAN_WEEK = new RuleSpec(
      "unmask.hours.asian_week", "Keeps an East Asian week: works the claimed Sunday, not the Saturday",
      Severity.HIGH, List.of("T1656"), "behaviour", 25);

  static final int DAY_STARTS_AT = 6;
  static final int MIN_WORKED_HOURS = 5;
  /**
   * Three Sundays need fifteen days at least; a new hire seen for three weeks is judged on them,
   * as the first weeks are when a worker is caught (THREAT.md S24).
   */
  static final int MIN_SPAN_DAYS = 15;
  static final int MIN_SUNDAYS = 3;
  /** Sundays worked since the last report that a further report needs (two weeks hold two). */
  static final int MIN_REFRESH_SUNDAYS = 2;
  static final double MIN_SUNDAY_SHARE = 0.6;
  static final double MAX_SATURDAY_SHARE = 0.25;
  static final double MIN_WEEKDAY_SHARE = 0.6;
  /**
   * A working day that starts from 13:00 to 21:59 claimed time starts the way East Asia's morning
   * does seen from the US (09:00 in Pyongyang is 14:00 in Honolulu, 20:00 in New York in summer,
   * an hour later from Shenyang). A night shift starts at 22:00 or later, and an American night
   * shift often runs Sunday night to Thursday night: it would otherwise look the same.
   */
  static final int LATE_START = 13;
  static final int LATEST_START = 21;
  static final double MIN_LATE_SHARE = 0.6;

  public static List<RuleSpec> rules() {
    return List.of(ASIAN_WEEK);
  }

  /** The current work day's active hours (bit 0 = 06:00 claimed) and the tallies of the days closed. */
  public static final class Week {
    public long workDay = Long.MIN_VALUE;
    public int hourMask;
    /** The first work day seen, and the last one closed. */
    public long firstDay = Long.MIN_VALUE;
    public long lastClosed = Long.MIN_VALUE;
    /** Worked days by day of the week, Monday first. */
    public int[] worked = new int[7];
    public int workedDays;
    public int lateStarts;
    /** The last closed day of the last report, or {@link Refresh#NEVER} before the first. */
    public long reportedOn = Refresh.NEVER;
    /** Until when (epoch ms) activity is taken as done abroad. */
    public long abroadUntil = Long.MIN_VALUE;
  }

  @Override
  public String id() {
    return "unmask.hours.asian_week";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    return WorkHours.personWithClaimedClock(event, context);
  }

  @Override
  public void onEvent(Event event, State<Week> state, DetectionContext context) {
    Week w = state.value() == null ? new Week() : state.value();
    Person person = Subjects.personOf(event, context.reference());
    w.abroadUntil = WorkHours.abroadUntil(event, person, w.abroadUntil);
    if (event.timestamp().toEpochMilli() <= w.abroadUntil) {
      state.update(w);
      return;
    }
    ZonedDateTime local = event.timestamp().atZone(person.timezone()).minus(Duration.ofHours(DAY_STARTS_AT));
    long workDay = local.toLocalDate().toEpochDay();
    if (w.workDay != Long.MIN_VALUE && workDay < w.workDay) {
      state.update(w); // late by a day or more (the server judges in arrival order): its day is closed
      return;
    }
    if (workDay != w.workDay) {
      if (w.workDay != Long.MIN_VALUE) {
        close(w);
        boolean first = w.reportedOn == Refresh.NEVER;
        if (Refresh.due(w.reportedOn, w.lastClosed, holds(w, MIN_SUNDAYS), holds(w, MIN_REFRESH_SUNDAYS))) {
          context.emit(ASIAN_WEEK.finding(EntityRef.person(person.personId()), event, summary(person, w, first)));
          startAfresh(w);
        }
      }
      if (w.firstDay == Long.MIN_VALUE) {
        w.firstDay = workDay;
      }
      w.workDay = workDay;
      w.hourMask = 0;
    }
    w.hourMask |= 1 << local.getHour();
    state.update(w);
  }

  private static void close(Week w) {
    w.lastClosed = w.workDay;
    int mask = w.hourMask;
    if (Integer.bitCount(mask) < MIN_WORKED_HOURS) {
      return;
    }
    w.workedDays++;
    w.worked[LocalDate.ofEpochDay(w.workDay).getDayOfWeek().ordinal()]++;
    int start = Integer.numberOfTrailingZeros(mask) + DAY_STARTS_AT;
    if (start >= LATE_START && start <= LATEST_START) {
      w.lateStarts++;
    }
  }

  /**
   * The tallies since the last report start again from the day after it: a report again needs
   * {@link Refresh#DAYS} more days of the same week, Sundays worked and Saturdays not.
   */
  private static void startAfresh(Week w) {
    w.reportedOn = w.lastClosed;
    w.firstDay = w.lastClosed + 1;
    w.worked = new int[7];
    w.workedDays = 0;
    w.lateStarts = 0;
  }

  /** Whether the days tallied keep an East Asian week, with at least {@code minSundays} Sundays worked. */
  static boolean holds(Week w, int minSundays) {
    long span = w.lastClosed - w.firstDay + 1;
    if (span < MIN_SPAN_DAYS || w.workedDays == 0) {
      return false;
    }
    int sundays = elapsed(w, DayOfWeek.SUNDAY);
    int saturdays = elapsed(w, DayOfWeek.SATURDAY);
    int weekdays = 0;
    int workedWeekdays = 0;
    for (DayOfWeek d : new DayOfWeek[] {DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY}) {
      weekdays += elapsed(w, d);
      workedWeekdays += w.worked[d.ordinal()];
    }
    int workedSundays = w.worked[DayOfWeek.SUNDAY.ordinal()];
    return workedSundays >= minSundays
        && workedSundays >= MIN_SUNDAY_SHARE * sundays
        && w.worked[DayOfWeek.SATURDAY.ordinal()] <= MAX_SATURDAY_SHARE * saturdays
        && workedWeekdays >= MIN_WEEKDAY_SHARE * weekdays
        && w.lateStarts >= MIN_LATE_SHARE * w.workedDays;
  }

  /** How many of the given day of the week lie between the first work day and the last closed one. */
  static int elapsed(Week w, DayOfWeek day) {
    // epoch day 0 (1970-01-01) was a Thursday: day x is a Monday when (x + 3) mod 7 == 0
    long shift = 3 - day.ordinal();
    return (int) (Math.floorDiv(w.lastClosed + shift, 7) - Math.floorDiv(w.firstDay - 1 + shift, 7));
  }

  private static String summary(Person person, Week w, boolean first) {
    return String.format("%s worked %d of %d Sundays and %d of %d Saturdays%s in %s, %d%% of working days"
            + " starting from %d:00 to %d:59: the week of East Asia, where the claimed Sunday afternoon is Monday"
            + " morning.",
        person.personId(), w.worked[DayOfWeek.SUNDAY.ordinal()], elapsed(w, DayOfWeek.SUNDAY),
        w.worked[DayOfWeek.SATURDAY.ordinal()], elapsed(w, DayOfWeek.SATURDAY), first ? "" : " since the last report",
        person.timezone().getId(), Math.round(100.0 * w.lateStarts / w.workedDays), LATE_START, LATEST_START);
  }
}
