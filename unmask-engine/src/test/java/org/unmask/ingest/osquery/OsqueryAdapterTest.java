package org.unmask.ingest.osquery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.Event;
import org.unmask.ingest.AdapterHarness;
import org.unmask.ingest.Rejection;
import org.unmask.ingest.TestDatasets;

class OsqueryAdapterTest {

  @TempDir Path dir;

  @Test
  void pantherSamples_withATime_areRead_andKeepTheirColumns() {
    List<String> logs = TestDatasets.pantherLogs("panther_osquery_test_events.jsonl", null);
    AdapterHarness h = AdapterHarness.read(dir, "osquery/results.jsonl", logs);

    // Panther's samples drop unixTime/calendarTime from most rows; those cannot be placed in time
    assertThat(h.rejections).extracting(Rejection::reason).containsOnly("missing @timestamp");
    assertThat(h.events).hasSize(11);
    Event mounts = h.events.stream().filter(e -> "pack/incident-response/mounts".equals(e.text("name"))).findFirst().orElseThrow();
    assertThat(mounts.timestamp()).isEqualTo(Instant.ofEpochSecond(1586561171));
    assertThat(mounts.dataset()).isEqualTo("osquery.result");
    assertThat(mounts.text("columns.path")).isEqualTo("/");
  }

  @Test
  void aResultWithoutItsQueryName_isStillARead_result() {
    // found by MutatedVendorLinesTest: a null "name" threw from the adapter and ended the scan
    String line = "{\"name\":null,\"action\":\"added\",\"hostIdentifier\":\"h1\",\"unixTime\":1777921203,"
        + "\"columns\":{\"name\":\"liblzma.so\",\"version\":\"5.6.1\"}}";
    String nameless = line.replace("\"name\":null,", "");
    AdapterHarness h = AdapterHarness.read(dir, "osquery/results.jsonl", List.of(line, nameless));

    assertThat(h.rejections).isEmpty();
    assertThat(h.events).extracting(Event::dataset).containsExactly("osquery.result", "osquery.result");
    assertThat(h.events).allSatisfy(e -> assertThat(e.text("host.id")).isEqualTo("h1"));
  }

  @Test
  void usbDevices_becomeEndpointUsb_withFourDigitLowerCaseIds() {
    String added = """
        {"name":"pack/hardware/usb_devices","hostIdentifier":"a1f0c2d4e5b6","calendarTime":"Mon May  4 19:00:03 2026 UTC",\
        "unixTime":1777921203,"epoch":0,"counter":3,"numerics":false,"decorations":{"hostname":"LT-ANA-01"},\
        "columns":{"usb_address":"3","usb_port":"1","vendor":"Logitech","vendor_id":"46D","version":"1203","model":"USB Receiver",\
        "model_id":"0xC52B","serial":"561E54EF6E99","class":"0","subclass":"0","protocol":"0","removable":"1"},"action":"added"}""";
    String removed = added.replace("\"added\"", "\"removed\"").replace("\"unixTime\":1777921203,", "");
    AdapterHarness h = AdapterHarness.read(dir, "agents.jsonl", List.of(added, removed)); // shape alone

    assertThat(h.rejections).isEmpty();
    assertThat(h.events).extracting(Event::dataset).containsOnly("endpoint.usb");
    Event e = h.events.get(0);
    assertThat(e.fields())
        .containsEntry("host.id", "a1f0c2d4e5b6")
        .containsEntry("host.name", "LT-ANA-01")
        .containsEntry("usb.vendor_id", "046d")
        .containsEntry("usb.product_id", "c52b")
        .containsEntry("usb.manufacturer", "Logitech")
        .containsEntry("usb.serial", "561E54EF6E99")
        .containsEntry("event.action", "connected");
    assertThat(h.events.get(1).text("event.action")).isEqualTo("disconnected");
    // without unixTime, calendarTime ("%a %b %e %H:%M:%S %Y UTC") gives the time
    assertThat(h.events.get(1).timestamp()).isEqualTo(Instant.parse("2026-05-04T19:00:03Z"));
  }

  @Test
  void processes_becomeEndpointProcess() {
    String line = """
        {"name":"pack/incident-response/process_events","hostIdentifier":"a1f0c2d4e5b6","unixTime":"1777921203","action":"added",\
        "columns":{"pid":"4242","parent":"1","path":"/Applications/AnyDesk.app/Contents/MacOS/AnyDesk","cmdline":"AnyDesk --service","uid":"501"}}""";
    Event e = AdapterHarness.read(dir, "osquery/p.jsonl", List.of(line)).events.get(0);
    assertThat(e.dataset()).isEqualTo("endpoint.process");
    assertThat(e.fields())
        .containsEntry("process.name", "AnyDesk")
        .containsEntry("process.executable", "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk")
        .containsEntry("process.command_line", "AnyDesk --service")
        .containsEntry("process.pid", 4242L);
  }

  @Test
  void keyboardLayoutSnapshot_becomesInventory_withEveryLayout() {
    String line = """
        {"name":"pack/inventory/keyboard_layouts","hostIdentifier":"a1f0c2d4e5b6","unixTime":1777921203,"action":"snapshot",\
        "snapshot":[{"layout":"en-US"},{"layout":"ko-KR"},{"layout":"en-US"}]}""";
    Event e = AdapterHarness.read(dir, "osquery/k.jsonl", List.of(line)).events.get(0);
    assertThat(e.dataset()).isEqualTo("endpoint.inventory");
    assertThat(e.get("host.locale.keyboard_layouts")).isEqualTo(List.of("en-US", "ko-KR"));
  }

  @Test
  void keyboardEventTapQuery_isNotMistakenForLayouts() {
    String line = """
        {"name":"pack_osx-attacks_Keyboard_Event_Taps","hostIdentifier":"h","unixTime":1777921203,"action":"added",\
        "columns":{"path":"/Users/johnny/Desktop/Siri.app/Contents/MacOS/Siri","pid":100,"name":"Siri"}}""";
    Event e = AdapterHarness.read(dir, "osquery/t.jsonl", List.of(line)).events.get(0);
    assertThat(e.dataset()).isEqualTo("osquery.result");
    assertThat(e.fields()).doesNotContainKey("host.locale.keyboard_layouts");
  }

  @Test
  void folderHint_adaptsRowsTooBareToRecognise() {
    String bare = "{\"@timestamp\":\"2026-05-04T19:00:03Z\",\"name\":\"usb_devices\",\"columns\":{\"vendor_id\":\"046d\",\"model_id\":\"c52b\"}}";
    assertThat(AdapterHarness.read(dir.resolve("a"), "osquery/x.jsonl", List.of(bare)).events.get(0).dataset())
        .isEqualTo("endpoint.usb");
    AdapterHarness unhinted = AdapterHarness.read(dir.resolve("b"), "x.jsonl", List.of(bare));
    assertThat(unhinted.events).isEmpty();
    assertThat(unhinted.rejections).extracting(Rejection::reason).containsExactly("missing event.dataset");
  }
}
