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
  void oneWeekTrip_amongMonthsAtHome_staysQuiet() {
    List<Event> events = new ArrayList<>(snapshots(30, "America/Chicago", "en-US"));
    for (Event e : snapshots(6, "Asia/Tokyo", "en-US")) {
      events.add(Events.at(e.timestamp().plus(40, ChronoUnit.DAYS).toString(), "endpoint.inventory", "host.id", "d1",
          "host.locale.timezone", "Asia/Tokyo"));
    }
    assertThat(DetectorHarness.of(new DeviceLocale(), ref).feed(events).findings()).isEmpty();
  }

  @Test
  void koreanKeyboard_isReportedOnce_asLow() {
    List<Finding> findings = DetectorHarness.of(new DeviceLocale(), ref)
        .feed(snapshots(3, "America/Chicago", "en-US", "ko-KR")).findings();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unmask.device.korean_input");
      assertThat(f.severity().label()).isEqualTo("low");
    });
  }

  @Test
  void spanishAndChineseKeyboards_stayQuiet() {
    assertThat(DetectorHarness.of(new DeviceLocale(), ref)
        .feed(snapshots(3, "America/Chicago", "en-US", "es-ES", "zh-CN")).findings()).isEmpty();
  }
}
