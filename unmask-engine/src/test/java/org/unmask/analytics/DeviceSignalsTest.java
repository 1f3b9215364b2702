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

class DeviceSignalsTest {

  private final ReferenceData ref = People.of(
      List.of(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago")),
      List.of(People.laptop("d1", "p1", "2026-05-01T12:00:00Z")));

  @Test
  void anyDeskTwoDaysAfterDelivery_fires() {
    List<Finding> findings = DetectorHarness.of(new RemoteControlAfterDelivery(), ref).feed(List.of(
        Events.at("2026-05-03T12:00:00Z", "endpoint.process", "host.id", "d1", "process.name", "AnyDesk.exe"))).findings();
    assertThat(findings).singleElement().satisfies(f -> assertThat(f.summary()).contains("2 days"));
  }

  /**
   * A tool on the laptop before it shipped is IT's and stays quiet when used again; it no longer
   * hides another tool set up after delivery (one event dated before shipping, by a clock set
   * back, used to silence the device for good).
   */
  @Test
  void aToolSeenBeforeShipping_silencesOnlyItself() {
    List<Finding> findings = DetectorHarness.of(new RemoteControlAfterDelivery(), ref).feed(List.of(
        Events.at("2026-04-28T12:00:00Z", "endpoint.process", "host.id", "d1", "process.name", "TeamViewer.exe"),
        Events.at("2026-05-02T09:00:00Z", "endpoint.process", "host.id", "d1", "process.name", "teamviewer.exe"),
        Events.at("2026-05-03T12:00:00Z", "endpoint.process", "host.id", "d1", "process.name", "AnyDesk.exe"),
        Events.at("2026-05-04T12:00:00Z", "endpoint.process", "host.id", "d1", "process.name", "rustdesk.exe"))).findings();
    assertThat(findings).singleElement().satisfies(f -> assertThat(f.summary()).contains("AnyDesk.exe", "2 days"));

    assertThat(DetectorHarness.of(new RemoteControlAfterDelivery(), ref).feed(List.of(
        Events.at("2026-04-28T12:00:00Z", "endpoint.process", "host.id", "d1", "process.name", "TeamViewer.exe"),
        Events.at("2026-05-02T09:00:00Z", "endpoint.process", "host.id", "d1", "process.name", "TeamViewer.exe"))).findings())
        .as("IT's own tool, used after delivery").isEmpty();
  }

  @Test
  void piKvmGadgetAfterDelivery_fires() {
    assertThat(DetectorHarness.of(new RemoteControlAfterDelivery(), ref).feed(List.of(
        Events.at("2026-05-02T12:00:00Z", "endpoint.usb", "host.id", "d1", "event.action", "connected",
            "usb.vendor_id", "1d6b", "usb.product_id", "0104", "usb.product", "PiKVM Composite Device"))).findings()).hasSize(1);
  }

  @Test
  void raspberryPiNetworkGadget_isNotRemoteControl() {
    assertThat(DetectorHarness.of(new RemoteControlAfterDelivery(), ref).feed(List.of(
        Events.at("2026-05-02T12:00:00Z", "endpoint.usb", "host.id", "d1", "event.action", "connected",
            "usb.vendor_id", "1d6b", "usb.product_id", "0104", "usb.interface_classes", List.of("02", "0a", "08")))).findings())
        .isEmpty();
  }

  @Test
  void itToolMonthsAfterDelivery_andOrdinaryMouse_stayQuiet() {
    assertThat(DetectorHarness.of(new RemoteControlAfterDelivery(), ref).feed(List.of(
        Events.at("2026-05-02T12:00:00Z", "endpoint.usb", "host.id", "d1", "usb.vendor_id", "046d", "usb.product_id", "c52b"),
        Events.at("2026-09-03T12:00:00Z", "endpoint.process", "host.id", "d1", "process.name", "TeamViewer.exe"))).findings()).isEmpty();
  }

  @Test
  void monitorNamedDellWithLinuxEdid_fires_butARealDellDoesNot() {
    List<Finding> findings = DetectorHarness.of(new DisplayIdentity(), ref).feed(List.of(
        Events.at("2026-05-02T12:00:00Z", "endpoint.display", "host.id", "d1", "display.edid.manufacturer_id", "LNX",
            "display.edid.monitor_name", "DELL U2723QE", "display.edid.product_code", "7773"),
        Events.at("2026-05-02T13:00:00Z", "endpoint.display", "host.id", "d1", "display.edid.manufacturer_id", "DEL",
            "display.edid.monitor_name", "DELL U2723QE", "display.edid.product_code", "a1b2"),
        Events.at("2026-05-02T14:00:00Z", "endpoint.display", "host.id", "d1", "display.edid.manufacturer_id", "XYZ",
            "display.edid.monitor_name", "Generic PnP Monitor"))).findings();
    assertThat(findings).singleElement().satisfies(f -> assertThat(f.summary()).contains("LNX"));
  }

  @Test
  void laptopUsedTwentyHoursADay_fires_afterThreeDays() {
    List<Event> events = new ArrayList<>();
    for (int d = 0; d < 4; d++) {
      for (int h = 0; h < 20; h++) {
        Instant t = Instant.parse("2026-05-04T00:10:00Z").plus(d, ChronoUnit.DAYS).plus(h, ChronoUnit.HOURS);
        events.add(Events.at(t.toString(), "endpoint.process", "host.id", "d1", "process.name", "code.exe"));
      }
    }
    assertThat(DetectorHarness.of(new AroundTheClock(), ref).feed(events).findings()).hasSize(1);
  }

  @Test
  void laptopUsedTwentyHoursADay_stillFires_whenLateEventsArriveInTheMiddleOfItsDays() {
    List<Event> arrived = new ArrayList<>();
    for (int d = 0; d < 4; d++) {
      for (int h = 0; h < 20; h++) {
        Instant t = Instant.parse("2026-05-04T00:10:00Z").plus(d, ChronoUnit.DAYS).plus(h, ChronoUnit.HOURS);
        arrived.add(Events.at(t.toString(), "endpoint.process", "host.id", "d1", "process.name", "code.exe"));
        if (h == 10) { // a late batch from the day before: its day is over, this one goes on
          arrived.add(Events.at(t.minus(1, ChronoUnit.DAYS).toString(), "endpoint.process", "host.id", "d1",
              "process.name", "code.exe"));
        }
      }
    }
    assertThat(DetectorHarness.of(new AroundTheClock(), ref).feedAsArrived(arrived).findings()).hasSize(1);
  }

  @Test
  void longDayOnCall_staysQuiet() {
    List<Event> events = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      int hours = d == 3 ? 19 : 10; // one incident night
      for (int h = 0; h < hours; h++) {
        Instant t = Instant.parse("2026-05-04T13:10:00Z").plus(d, ChronoUnit.DAYS).plus(h, ChronoUnit.HOURS);
        events.add(Events.at(t.toString(), "endpoint.process", "host.id", "d1", "process.name", "code.exe"));
      }
    }
    assertThat(DetectorHarness.of(new AroundTheClock(), ref).feed(events).findings()).isEmpty();
  }
}
