package org.unmask.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.DetectorHarness;
import org.unmask.testing.Events;
import org.unmask.testing.People;

class WorkHoursTest {

  private final ReferenceData ref = People.of(
      List.of(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago")), List.of());

  /** Activity every weekday, {@code perDay} events spread over [startUtcHour, startUtcHour + span). */
  private static List<Event> days(int days, int startUtcHour, int span, int perDay) {
    List<Event> events = new ArrayList<>();
    Instant monday = Instant.parse("2026-05-04T00:00:00Z");
    for (int d = 0; d < days; d++) {
      for (int i = 0; i < perDay; i++) {
        int hour = (startUtcHour + (i * span) / perDay) % 24;
        Instant t = monday.plus(d, ChronoUnit.DAYS).plus(hour, ChronoUnit.HOURS).plus(i, ChronoUnit.MINUTES);
        events.add(Events.at(t.toString(), "proxy.http", "user.email", "p1@example.com", "url.domain", "github.com"));
      }
    }
    return events;
  }

  @Test
  void pyongyangWorkday_forAClaimedChicagoResident_fires() {
    // two weeks: longer than the trips that shift a traveller's hours
    // 09:00-18:00 in Pyongyang (UTC+9) is 00:00-09:00 UTC: the middle of a Chicago night.
    List<Finding> findings = DetectorHarness.of(new WorkHours(), ref).feed(days(14, 0, 9, 12)).findings();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unmask.hours.foreign_workday");
      assertThat(f.summary()).contains("America/Chicago");
    });
  }

  @Test
  void chicagoWorkday_staysQuiet() {
    // 08:30-17:30 Chicago (UTC-5 in May) is 13:30-22:30 UTC.
    assertThat(DetectorHarness.of(new WorkHours(), ref).feed(days(20, 13, 9, 12)).findings()).isEmpty();
  }

  @Test
  void nightOwl_shiftedByFourHours_staysQuiet() {
    assertThat(DetectorHarness.of(new WorkHours(), ref).feed(days(20, 17, 10, 12)).findings()).isEmpty();
  }

  @Test
  void oneLateNight_amongNormalDays_staysQuiet() {
    List<Event> events = new ArrayList<>(days(10, 13, 9, 12));
    events.addAll(days(1, 4, 6, 30));
    assertThat(DetectorHarness.of(new WorkHours(), ref).feed(events).findings()).isEmpty();
  }

  @Test
  void tooFewDays_staysQuiet_evenAtNight() {
    assertThat(DetectorHarness.of(new WorkHours(), ref).feed(days(3, 0, 9, 20)).findings()).isEmpty();
  }

  @Test
  void inference_findsTheOffsetThatHoldsTheWorkday() {
    long[] hist = new long[24];
    for (int h = 0; h < 9; h++) {
      hist[h] = 10; // 00-09 UTC
    }
    WorkHours.Inference inference = WorkHours.infer(hist, -5);
    assertThat(inference.bestShare()).isEqualTo(1.0);
    assertThat(inference.bestOffset()).isBetween(8, 10);
    assertThat(inference.fires()).isTrue();
  }

  /** A sign-in at the start of each day's activity, from a residential address in {@code country}. */
  private static List<Event> signIns(int days, int startUtcHour, String country) {
    List<Event> events = new ArrayList<>();
    Instant monday = Instant.parse("2026-05-04T00:00:00Z");
    for (int d = 0; d < days; d++) {
      Instant t = monday.plus(d, ChronoUnit.DAYS).plus(startUtcHour, ChronoUnit.HOURS);
      events.add(Events.at(t.toString(), "idp.signin", "user.email", "p1@example.com", "event.outcome", "success",
          "source.geo.country_iso_code", country, "source.unmask.network", "residential"));
    }
    return events;
  }

  private static List<Event> merged(List<Event> a, List<Event> b) {
    List<Event> all = new ArrayList<>(a);
    all.addAll(b);
    all.sort(java.util.Comparator.comparing(Event::timestamp));
    return all;
  }

  @Test
  void aTravellerWorkingShanghaiHours_fromShanghai_staysQuiet() {
    // 09:00-18:00 in Shanghai is 01:00-10:00 UTC; every day starts with a sign-in from China
    List<Event> trip = merged(signIns(14, 1, "CN"), days(14, 1, 9, 12));
    assertThat(DetectorHarness.of(new WorkHours(), ref).feed(trip).findings()).isEmpty();
  }

  @Test
  void shanghaiHours_behindAmericanAddresses_fire_evenAfterOneSlipFromChina() {
    List<Event> events = merged(signIns(14, 1, "US"), days(14, 1, 9, 12));
    events.add(0, Events.at("2026-05-03T23:00:00Z", "idp.signin", "user.email", "p1@example.com", "event.outcome",
        "success", "source.geo.country_iso_code", "CN", "source.unmask.network", "residential"));
    assertThat(DetectorHarness.of(new WorkHours(), ref).feed(events).findings())
        .extracting(Finding::ruleId).containsExactly("unmask.hours.foreign_workday");
  }

  @Test
  void eventsLateByADay_areNotNewDays() {
    // eleven days of Shanghai hours (12 are needed), each day's events followed by a stray one from
    // two days before, as a server receiving a late batch would see them
    List<Event> arrived = new ArrayList<>();
    for (Event e : days(11, 1, 9, 12)) {
      arrived.add(e);
      if (e.timestamp().atOffset(ZoneOffset.UTC).getHour() == 5) {
        arrived.add(Events.at(e.timestamp().minus(2, ChronoUnit.DAYS).toString(), "proxy.http",
            "user.email", "p1@example.com", "url.domain", "github.com"));
      }
    }
    assertThat(DetectorHarness.of(new WorkHours(), ref).feedAsArrived(arrived).findings()).isEmpty();
    assertThat(DetectorHarness.of(new WorkHours(), ref).feedAsArrived(days(12, 1, 9, 12)).findings()).hasSize(1);
  }
}
