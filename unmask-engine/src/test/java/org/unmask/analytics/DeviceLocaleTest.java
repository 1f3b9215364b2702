package org.unmask.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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

class DeviceLocaleTest {

  private final ReferenceData ref = People.of(
      List.of(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago")),
      List.of(People.laptop("d1", "p1", "2026-01-02T00:00:00Z")));

  private static List<Event> snapshots(int days, String zone, String... layouts) {
    List<Event> out = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      Instant t = Instant.parse("2026-05-04T15:00:00Z").plus(d, ChronoUnit.DAYS);
      out.add(Events.at(t.toString(), "endpoint.inventory", "host.id", "d1", "host.locale.timezone", zone,
          "host.locale.keyboard_layouts", List.of(layouts)));
    }
    return out;
  }

  @Test
  void laptopKeptOnSeoulTime_fires() {
    List<Finding> findings = DetectorHarness.of(new DeviceLocale(), ref).feed(snapshots(12, "Asia/Seoul", "en-US")).findings();
    assertThat(findings).extracting(Finding::ruleId).containsExactly("unmask.device.foreign_timezone");
  }

  @Test
  void lateSnapshots_areNotCountedAsDaysAgain() {
    // eight days on Seoul time (ten are needed), each day's snapshot followed by a late one from two
    // days before, as a server receiving a delayed batch would see them
    List<Event> arrived = new ArrayList<>();
    for (Event e : snapshots(8, "Asia/Seoul", "en-US")) {
      arrived.add(e);
      arrived.add(Events.at(e.timestamp().minus(2, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS).toString(),
          "endpoint.inventory", "host.id", "d1", "host.locale.timezone", "Asia/Seoul"));
    }
    assertThat(DetectorHarness.of(new DeviceLocale(), ref).feedAsArrived(arrived).findings()).isEmpty();
  }

  @Test
  void oneWeekTrip_amongMonthsAtHome_staysQuiet() {
    List<Event> events = new ArrayList<>(snapshots(30, "America/Chicago", "en-US"));
    for (Event e : snapshots(6, "Asia/Tokyo", "en-US")) {
      events.add(Events.at(e.timestamp().plus(40, ChronoUnit.DAYS).toString(), "endpoint.inventory", "host.id", "d1",
          "host.locale.timezone", "Asia/Tokyo"));
    }
    assertThat(DetectorHarness.of(new DeviceLocale(), ref).feed(events).findings()).isEmpty();
  }

  private static List<Event> days(String... zoneByDay) {
    List<Event> out = new ArrayList<>();
    for (int d = 0; d < zoneByDay.length; d++) {
      for (String zone : zoneByDay[d].split("\\+")) {
        if (!zone.isEmpty()) {
          Instant t = Instant.parse("2026-05-04T15:00:00Z").plus(d, ChronoUnit.DAYS).plus(out.size() % 5, ChronoUnit.HOURS);
          out.add(Events.at(t.toString(), "endpoint.inventory", "host.id", "d1", "host.locale.timezone", zone));
        }
      }
    }
    return out;
  }

  private static final String HOME = "America/Chicago";
  private static final String FAR = "Asia/Shanghai";

  @Test
  void clockThatGoesToShanghaiForADay_againAndAgain_fires() {
    // a far day between home days, in three different weeks; weekends without snapshots between
    List<Finding> findings = DetectorHarness.of(new DeviceLocale(), ref).feed(days(
        HOME, HOME, FAR, HOME, HOME, "", "", HOME, HOME, HOME, FAR, HOME, "", "", HOME, HOME, HOME, FAR, HOME)).findings();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unmask.device.timezone_flips");
      assertThat(f.summary()).contains("Asia/Shanghai").contains("3 times over 16 days");
    });
  }

  @Test
  void flipsThatGoOn_areReportedAgain_everyTwoWeeks_andStopWhenTheyStop() {
    List<String> weeks = new ArrayList<>();
    for (int w = 0; w < 8; w++) { // a one-day flip every week for eight weeks
      weeks.addAll(List.of(HOME, HOME, FAR, HOME, HOME, "", ""));
    }
    for (int w = 0; w < 6; w++) { // then six weeks at home
      weeks.addAll(List.of(HOME, HOME, HOME, HOME, HOME, "", ""));
    }
    List<Finding> findings = DetectorHarness.of(new DeviceLocale(), ref).feed(days(weeks.toArray(String[]::new))).findings();
    assertThat(findings).extracting(Finding::ruleId).containsOnly("unmask.device.timezone_flips").hasSize(3);
    assertThat(findings.get(1).summary()).contains("it goes on");
  }

  @Test
  void bothZonesOnOneDay_countAsFlips() {
    List<Finding> findings = DetectorHarness.of(new DeviceLocale(), ref).feed(days(
        HOME, HOME + "+" + FAR, HOME, HOME, HOME, HOME, HOME, HOME, FAR + "+" + HOME, HOME, HOME, HOME, HOME, HOME, HOME,
        HOME, HOME, HOME + "+" + FAR, HOME)).findings();
    assertThat(findings).extracting(Finding::ruleId).containsExactly("unmask.device.timezone_flips");
  }

  @Test
  void aTripWhoseClockFollowsTheNetwork_flippingForAWeek_staysQuiet() {
    // in China for a week, the laptop's zone flips with the VPN: many flips, one trip
    assertThat(DetectorHarness.of(new DeviceLocale(), ref).feed(days(
        HOME, HOME, HOME, FAR + "+" + HOME, FAR, HOME + "+" + FAR, FAR, HOME, FAR, HOME + "+" + FAR, HOME, HOME, HOME,
        HOME, HOME, HOME, HOME, HOME, HOME, HOME, HOME)).findings()).isEmpty();
  }

  @Test
  void tripsOfSeveralDays_andOneDayGlitches_stayQuiet() {
    // two real trips (4 and 3 days abroad) and two one-day glitches: not a habit
    assertThat(DetectorHarness.of(new DeviceLocale(), ref).feed(days(
        HOME, HOME, FAR, FAR, FAR, FAR, HOME, HOME, FAR, HOME, HOME, HOME, HOME, FAR, FAR, FAR, HOME, HOME, HOME,
        HOME, HOME, HOME, FAR, HOME, HOME, HOME, HOME, HOME, HOME, HOME)).findings()).isEmpty();
  }

  @Test
  void aNearbyZone_isNotFar() {
    // Chicago to New York and back every other day is one hour: not a flip
    assertThat(DetectorHarness.of(new DeviceLocale(), ref).feed(days(
        HOME, "America/New_York", HOME, "America/New_York", HOME, "America/New_York", HOME)).findings()).isEmpty();
  }

  @Test
  void koreanKeyboard_ofAKoreanNamedOwner_isReportedOnce_asLow() {
    ReferenceData korean = People.of(
        List.of(People.person("p1", "Ji-woo Park", "Dallas", "1 Oak St", "America/Chicago")),
        List.of(People.laptop("d1", "p1", "2026-01-02T00:00:00Z")));
    List<Finding> findings = DetectorHarness.of(new DeviceLocale(), korean)
        .feed(snapshots(3, "America/Chicago", "en-US", "ko-KR")).findings();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unmask.device.korean_input");
      assertThat(f.severity().label()).isEqualTo("low");
    });
  }

  @Test
  void koreanKeyboard_onANonKoreanPersona_isReportedOnce_asMedium() {
    List<Finding> findings = DetectorHarness.of(new DeviceLocale(), ref)
        .feed(snapshots(3, "America/Chicago", "en-US", "ko-KR")).findings();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unmask.device.korean_input_unexplained");
      assertThat(f.severity().label()).isEqualTo("medium");
      assertThat(f.summary()).contains("p1", "not Korean");
    });
  }

  @Test
  void koreanNames_errTowardsKorean() {
    assertThat(KoreanNames.couldBeKorean("Min-jun Kim")).isTrue();
    assertThat(KoreanNames.couldBeKorean("Sarah Lee")).isTrue(); // also an Anglo name: stays weak
    assertThat(KoreanNames.couldBeKorean("CHOI, Seo-yeon")).isTrue();
    assertThat(KoreanNames.couldBeKorean("Madison White")).isFalse();
    assertThat(KoreanNames.couldBeKorean(null)).isTrue();
  }

  @Test
  void spanishAndChineseKeyboards_stayQuiet() {
    assertThat(DetectorHarness.of(new DeviceLocale(), ref)
        .feed(snapshots(3, "America/Chicago", "en-US", "es-ES", "zh-CN")).findings()).isEmpty();
  }
}
