package org.unmask.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.DetectorHarness;
import org.unmask.testing.Events;
import org.unmask.testing.People;

class SecondShiftTest {

  private final ReferenceData ref = People.of(
      List.of(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago")), List.of());

  /** Days of activity; each block is {start UTC hour, length in hours}; one event every 20 minutes. */
  private static List<Event> days(int days, int[]... blocks) {
    List<Event> events = new ArrayList<>();
    Instant monday = Instant.parse("2026-05-04T00:00:00Z");
    for (int d = 0; d < days; d++) {
      for (int[] b : blocks) {
        for (int m = 0; m < b[1] * 60; m += 20) {
          Instant t = monday.plus(d, ChronoUnit.DAYS).plus(b[0], ChronoUnit.HOURS).plus(m, ChronoUnit.MINUTES);
          events.add(Events.at(t.toString(), "proxy.http", "user.email", "p1@example.com", "url.domain", "github.com"));
        }
      }
    }
    return events;
  }

  @Test
  void chicagoMorning_thenShenyangDay_fires() {
    // 08:45-13:30 CDT is 13:45-18:30 UTC; 08:30 in Shenyang (UTC+8) is 00:30 UTC = 19:30 CDT, for six hours.
    List<Finding> findings = DetectorHarness.of(new SecondShift(), ref).feed(days(12, new int[] {13, 5}, new int[] {0, 6})).findings();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unmask.hours.second_shift");
      assertThat(f.summary()).contains("America/Chicago");
    });
  }

  @Test
  void anEventLateByADay_doesNotCutTheDayInProgressInTwo() {
    // each night shift gets a stray event from two days before, arriving in the middle of it
    List<Event> events = new ArrayList<>();
    List<Event> inTimeOrder = new ArrayList<>(days(12, new int[] {13, 5}, new int[] {0, 6}));
    inTimeOrder.sort(Comparator.comparing(Event::timestamp));
    for (Event e : inTimeOrder) {
      events.add(e);
      OffsetDateTime utc = e.timestamp().atOffset(ZoneOffset.UTC);
      if (utc.getHour() == 2 && utc.getMinute() == 0) {
        events.add(Events.at(e.timestamp().minus(2, ChronoUnit.DAYS).toString(), "proxy.http",
            "user.email", "p1@example.com", "url.domain", "github.com"));
      }
    }
    assertThat(DetectorHarness.of(new SecondShift(), ref).feedAsArrived(events).findings())
        .extracting(Finding::ruleId).containsExactly("unmask.hours.second_shift");
  }

  @Test
  void aShiftKeptForWeeks_isReportedAgainEveryTwoWeeks_andOnlyWhileItLasts() {
    // 40 days of two shifts: the first report after 8 days, then one every 14 days
    List<Finding> kept = DetectorHarness.of(new SecondShift(), ref).feed(days(40, new int[] {13, 5}, new int[] {0, 6})).findings();
    assertThat(kept).hasSize(3);
    assertThat(kept.get(1).summary()).contains("since the last report");
    // 12 days of two shifts, then four weeks of ordinary days: one report only
    List<Event> stopped = new ArrayList<>(days(12, new int[] {13, 5}, new int[] {0, 6}));
    for (Event e : days(40, new int[] {14, 8})) {
      if (e.timestamp().isAfter(Instant.parse("2026-05-17T00:00:00Z"))) {
        stopped.add(e);
      }
    }
    assertThat(DetectorHarness.of(new SecondShift(), ref).feed(stopped).findings()).hasSize(1);
  }

  private final ReferenceData denver = People.of(
      List.of(People.person("p1", "Karen Roe", "Denver", "2 Elm St", "America/Denver")), List.of());

  @Test
  void denverMorning_thenPyongyangMorningInTheDenverEvening_fires() {
    // 08:00-13:00 MDT is 14:00-19:00 UTC; 08:00-14:00 in Pyongyang (UTC+9) is 23:00-05:00 UTC,
    // 17:00-23:00 MDT: the second block never passes the claimed midnight
    List<Finding> findings = DetectorHarness.of(new SecondShift(), denver)
        .feed(days(12, new int[] {14, 5}, new int[] {23, 6})).findings();
    assertThat(findings).extracting(Finding::ruleId).containsExactly("unmask.hours.second_shift");
  }

  private final ReferenceData anchorage = People.of(
      List.of(People.person("p1", "Ash Reed", "Anchorage", "3 Pine St", "America/Anchorage")), List.of());

  @Test
  void anchorageMorning_thenShanghaiMorningTwoHoursLater_fires() {
    // 09:00-14:00 AKDT is 17:00-22:00 UTC; 08:00-14:00 in Shanghai (UTC+8) is 00:00-06:00 UTC,
    // 16:00-22:00 AKDT: the claimed afternoon, after a gap of two hours
    List<Finding> findings = DetectorHarness.of(new SecondShift(), anchorage)
        .feed(days(12, new int[] {17, 5}, new int[] {0, 6})).findings();
    assertThat(findings).extracting(Finding::ruleId).containsExactly("unmask.hours.second_shift");
  }

  @Test
  void anchorageLongLunch_thenAnAfternoonBlock_staysQuiet() {
    // 08:00-12:00 AKDT, then 15:00-19:00 AKDT (23:00-03:00 UTC): 07:00-11:00 in Shanghai, only two
    // hours of an East Asian working day
    assertThat(DetectorHarness.of(new SecondShift(), anchorage)
        .feed(days(20, new int[] {16, 4}, new int[] {23, 4})).findings()).isEmpty();
  }

  @Test
  void aParentsEveningSession_afterTheKidsAreInBed_staysQuiet() {
    // 08:00-15:00 MDT, then 20:00-22:30 MDT (02:00-04:30 UTC): a short second block
    assertThat(DetectorHarness.of(new SecondShift(), denver)
        .feed(days(20, new int[] {14, 7}, new int[] {2, 2})).findings()).isEmpty();
  }

  @Test
  void nightOwl_oneLongLateBlock_staysQuiet() {
    // 13:00-01:00 CDT in one block is 18:00-06:00 UTC.
    assertThat(DetectorHarness.of(new SecondShift(), ref).feed(days(20, new int[] {18, 12})).findings()).isEmpty();
  }

  @Test
  void ordinaryDay_withALunchBreak_staysQuiet() {
    assertThat(DetectorHarness.of(new SecondShift(), ref).feed(days(20, new int[] {14, 3}, new int[] {18, 5})).findings()).isEmpty();
  }

  @Test
  void onCallIncidents_onAFewNights_stayQuiet() {
    List<Event> events = new ArrayList<>(days(20, new int[] {14, 8}));
    events.addAll(days(3, new int[] {7, 2})); // 02:00-04:00 CDT pages on three nights
    assertThat(DetectorHarness.of(new SecondShift(), ref).feed(events).findings()).isEmpty();
  }

  @Test
  void twoShiftShape_needsTwoBlocksAGapAndANightEnd() {
    int morning = 0b11_1100; // 08:00-12:00 (bits 2..5 with the day starting 06:00)
    int night = (1 << 19) | (1 << 20) | (1 << 21); // 01:00-04:00
    assertThat(SecondShift.isTwoShifts(morning | night, -5)).isTrue();
    assertThat(SecondShift.isTwoShifts(morning, -5)).isFalse();
    assertThat(SecondShift.isTwoShifts(morning | (1 << 8) | (1 << 9), -5)).isFalse(); // afternoon, not night
  }

  private final ReferenceData losAngeles = People.of(
      List.of(People.person("p1", "Julia White", "Los Angeles", "4 Forest Blvd", "America/Los_Angeles")), List.of());

  @Test
  void aLongDayWithoutABreak_staysQuiet_evenWhenItRunsIntoEastAsiasMorning() {
    // 10:00-22:00 PDT (17:00-05:00 UTC): Pyongyang's 09:00-14:00 lies inside it, but one unbroken
    // block is the shape of an ordinary long day too. A stretched day from the West Coast, whose
    // blocks merge, is the same shape, and is left to other signals (docs/EVALUATION.md).
    assertThat(DetectorHarness.of(new SecondShift(), losAngeles).feed(days(20, new int[] {17, 12})).findings()).isEmpty();
  }
}
