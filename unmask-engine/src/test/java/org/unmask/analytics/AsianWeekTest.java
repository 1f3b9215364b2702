package org.unmask.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.DetectorHarness;
import org.unmask.testing.Events;
import org.unmask.testing.People;

class AsianWeekTest {

  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private static final ZoneId PYONGYANG = ZoneId.of("Asia/Pyongyang");
  /** Seven weeks of winter, when Pyongyang's morning is 15:30 the afternoon before in Los Angeles. */
  private static final LocalDate FIRST = LocalDate.of(2026, 1, 5);
  private static final int DAYS = 49;

  private final ReferenceData ref = People.of(
      List.of(People.person("p1", "Julia White", "Los Angeles", "4 Forest Blvd", "America/Los_Angeles")), List.of());

  /**
   * A proxy event every 20 minutes from {@code startHour} for {@code hours}, on each day in
   * {@code zone} that {@code works} accepts.
   */
  private static List<Event> days(ZoneId zone, double startHour, double hours, Predicate<DayOfWeek> works) {
    List<Event> events = new ArrayList<>();
    for (int d = -1; d <= DAYS; d++) {
      LocalDate day = FIRST.plusDays(d);
      if (!works.test(day.getDayOfWeek())) {
        continue;
      }
      ZonedDateTime start = day.atStartOfDay(zone).plusMinutes(Math.round(startHour * 60));
      for (int m = 0; m < hours * 60; m += 20) {
        Instant t = start.plusMinutes(m).toInstant();
        if (!t.isBefore(FIRST.atStartOfDay(LOS_ANGELES).toInstant())
            && t.isBefore(FIRST.plusDays(DAYS).atStartOfDay(LOS_ANGELES).toInstant())) {
          events.add(Events.at(t.toString(), "proxy.http", "user.email", "p1@example.com", "url.domain", "github.com"));
        }
      }
    }
    events.sort(Comparator.comparing(Event::timestamp));
    return events;
  }

  private static boolean weekday(DayOfWeek d) {
    return d.getValue() <= 5;
  }

  private List<Finding> findings(List<Event> events) {
    return DetectorHarness.of(new AsianWeek(), ref).feed(events).findings();
  }

  @Test
  void pyongyangsWeek_behindALosAngelesClaim_fires() {
    // 08:30-18:30 Monday to Friday in Pyongyang: 15:30-01:30 Sunday to Thursday in Los Angeles
    List<Finding> findings = findings(days(PYONGYANG, 8.5, 10, AsianWeekTest::weekday));
    assertThat(findings).first().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unmask.hours.asian_week");
      assertThat(f.summary()).contains("worked 3 of 4 Sundays and 0 of 3 Saturdays").contains("America/Los_Angeles");
    });
  }

  @Test
  void aWeekKeptForMonths_isReportedAgainEveryTwoWeeks_andOnlyWhileItIsKept() {
    List<Event> kept = days(PYONGYANG, 8.5, 10, AsianWeekTest::weekday); // seven weeks
    List<Finding> findings = findings(kept);
    assertThat(findings).hasSize(2);
    assertThat(findings.get(1).summary()).contains("since the last report");
    // three weeks and a day of Pyongyang's week, then the American week: one report only
    Instant switched = FIRST.plusDays(22).atStartOfDay(LOS_ANGELES).toInstant();
    List<Event> stopped = new ArrayList<>(kept.stream().filter(e -> e.timestamp().isBefore(switched)).toList());
    stopped.addAll(days(LOS_ANGELES, 9, 8.5, AsianWeekTest::weekday).stream().filter(e -> !e.timestamp().isBefore(switched)).toList());
    assertThat(findings(stopped)).hasSize(1);
  }

  @Test
  void aNewHire_seenForThreeWeeks_isJudgedOnThem() {
    // Vladivostok's week from Denver (17 hours behind): 08:30 Monday there is 15:30 Sunday here
    ReferenceData denver = People.of(
        List.of(People.person("p1", "Nick Thomas", "Denver", "7 Adams Rd", "America/Denver")), List.of());
    List<Event> threeWeeks = days(ZoneId.of("Asia/Vladivostok"), 8.5, 10, AsianWeekTest::weekday).stream()
        .filter(e -> e.timestamp().isBefore(FIRST.plusDays(22).atStartOfDay(LOS_ANGELES).toInstant()))
        .toList();
    assertThat(DetectorHarness.of(new AsianWeek(), denver).feed(threeWeeks).findings())
        .extracting(Finding::ruleId).containsExactly("unmask.hours.asian_week");
  }

  @Test
  void anEventLateByADay_neitherReopensItsDay_norLosesTheDayInProgress() {
    // each Sunday's work, with a stray event from the Friday before arriving just before its end
    List<Event> events = new ArrayList<>();
    for (Event e : days(PYONGYANG, 8.5, 10, AsianWeekTest::weekday)) {
      events.add(e);
      ZonedDateTime local = e.timestamp().atZone(LOS_ANGELES);
      if (local.getDayOfWeek() == DayOfWeek.MONDAY && local.getHour() == 0 && local.getMinute() < 20) {
        events.add(Events.at(e.timestamp().minus(Duration.ofDays(2)).toString(), "proxy.http",
            "user.email", "p1@example.com", "url.domain", "github.com"));
      }
    }
    assertThat(DetectorHarness.of(new AsianWeek(), ref).feedAsArrived(events).findings()).first().satisfies(f ->
        assertThat(f.summary()).contains("worked 3 of 4 Sundays and 0 of 3 Saturdays"));
  }

  @Test
  void aNightOwl_onTheSameHours_butTheAmericanWeek_staysQuiet() {
    // 15:30-01:30 Monday to Friday in Los Angeles: the same clock, the American week
    assertThat(findings(days(LOS_ANGELES, 15.5, 10, AsianWeekTest::weekday))).isEmpty();
  }

  @Test
  void anAmericanNightShift_fromSundayNightToThursdayNight_staysQuiet() {
    // 22:00-05:30, Sunday to Thursday nights: the week is the same shape, the start is a night's
    assertThat(findings(days(LOS_ANGELES, 22, 7.5, d -> d != DayOfWeek.FRIDAY && d != DayOfWeek.SATURDAY))).isEmpty();
  }

  @Test
  void lateHours_everyDayOfTheWeek_staysQuiet() {
    // no day of rest at all, Saturday included: not the week of anywhere in particular
    assertThat(findings(days(LOS_ANGELES, 15.5, 10, d -> true))).isEmpty();
  }

  @Test
  void aSundayToThursdayWeek_inDaytimeHours_staysQuiet() {
    // a Saturday Sabbath kept, the week worked from Sunday, 09:00-17:30
    assertThat(findings(days(LOS_ANGELES, 9, 8.5, d -> d != DayOfWeek.FRIDAY && d != DayOfWeek.SATURDAY))).isEmpty();
  }

  @Test
  void shortSundaySessions_onTopOfAnOrdinaryWeek_stayQuiet() {
    List<Event> events = new ArrayList<>(days(LOS_ANGELES, 9, 8.5, AsianWeekTest::weekday));
    events.addAll(days(LOS_ANGELES, 16, 2.5, d -> d == DayOfWeek.SUNDAY)); // catching up on e-mail
    events.sort(Comparator.comparing(Event::timestamp));
    assertThat(findings(events)).isEmpty();
  }

  @Test
  void aTraveller_keepingSeoulsWeek_whileSignInsPlaceHerInKorea_staysQuiet() {
    List<Event> events = new ArrayList<>(days(PYONGYANG, 8.5, 10, AsianWeekTest::weekday));
    for (int d = 0; d < DAYS; d++) { // a sign-in from a Korean home network at the start of each Korean day
      Instant t = FIRST.plusDays(d).atStartOfDay(PYONGYANG).plusHours(8).toInstant();
      events.add(Events.at(t.toString(), "idp.signin", "user.email", "p1@example.com", "event.outcome", "success",
          "source.geo.country_iso_code", "KR", "source.unmask.network", "residential"));
    }
    events.sort(Comparator.comparing(Event::timestamp));
    assertThat(findings(events)).isEmpty();
  }

  @Test
  void daysOfTheWeekBetweenTwoDays_areCounted() {
    AsianWeek.Week w = new AsianWeek.Week();
    w.firstDay = LocalDate.of(2026, 1, 5).toEpochDay(); // a Monday
    w.lastClosed = LocalDate.of(2026, 1, 25).toEpochDay(); // a Sunday, three weeks on
    for (DayOfWeek d : DayOfWeek.values()) {
      assertThat(AsianWeek.elapsed(w, d)).as(d.toString()).isEqualTo(3);
    }
    w.lastClosed = LocalDate.of(2026, 1, 26).toEpochDay();
    assertThat(AsianWeek.elapsed(w, DayOfWeek.MONDAY)).isEqualTo(4);
    assertThat(AsianWeek.elapsed(w, DayOfWeek.SUNDAY)).isEqualTo(3);
  }
}
