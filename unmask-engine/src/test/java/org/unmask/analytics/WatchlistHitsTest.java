package org.unmask.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.reference.WatchlistEntry;
import org.unmask.reference.WatchlistEntry.Type;
import org.unmask.testing.DetectorHarness;
import org.unmask.testing.Events;
import org.unmask.testing.People;

class WatchlistHitsTest {

  private static final List<WatchlistEntry> WATCHLIST = List.of(
      new WatchlistEntry(Type.DOMAIN, "*.evil-relay.example", "dprk-c2", "FBI PSA"),
      new WatchlistEntry(Type.SHA256, "AABBCCDDEEFF00112233445566778899AABBCCDDEEFF00112233445566778899", "stealer", "intel"),
      new WatchlistEntry(Type.PROCESS_NAME, "RustDesk.exe", "unsanctioned-rmm", ""),
      new WatchlistEntry(Type.USB_ID, "VID_1D6B&PID_0104", "ip-kvm-gadget", "PiKVM defaults"),
      new WatchlistEntry(Type.USB_ID, "2e8a", "raspberry-pi-vendor", ""),
      // known-good rows are not indicators of concern
      new WatchlistEntry(Type.PROCESS_NAME, "TeamViewer.exe", "allow:sanctioned-rmm", ""),
      new WatchlistEntry(Type.DOMAIN, "github.com", "allow:dev", ""));

  private final ReferenceData ref = new ReferenceData(
      List.of(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago")),
      List.of(People.laptop("d1", "p1", "2026-01-02T00:00:00Z")), List.of(), List.of(), WATCHLIST);

  private List<Finding> findings(Event... events) {
    return DetectorHarness.of(new WatchlistHits(), ref).feed(List.of(events)).findings();
  }

  private static Event at(String dataset, Object... kv) {
    return Events.at("2026-05-04T15:00:00Z", dataset, kv);
  }

  @Test
  void eachKindOfIndicator_inTheTelemetryThatShowsIt_fires() {
    List<Finding> found = findings(
        at("proxy.http", "user.email", "p1@example.com", "url.domain", "cdn.EVIL-relay.example"),
        at("endpoint.process", "host.id", "d1", "process.name", "svc.exe",
            "process.hash.sha256", "aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899"),
        at("endpoint.process", "host.id", "d1", "process.executable", "C:\\Users\\ana\\Downloads\\rustdesk.exe"),
        at("endpoint.usb", "host.id", "d1", "usb.vendor_id", "1d6b", "usb.product_id", "0104", "usb.product", "Gadget"),
        at("endpoint.usb", "host.id", "d1", "usb.vendor_id", "0x2E8A", "usb.product_id", "000a"),
        at("idp.signin", "user.email", "p1@example.com", "source.ip", "63.75.253.223",
            "source.unmask.watchlist", List.of("known laptop farm")));
    assertThat(found).extracting(Finding::ruleId).containsExactly("unmask.watchlist.domain", "unmask.watchlist.file",
        "unmask.watchlist.file", "unmask.watchlist.usb", "unmask.watchlist.usb", "unmask.watchlist.address");
    assertThat(found).allSatisfy(f -> assertThat(f.entity().id()).isEqualTo("p1"));
    assertThat(found.get(0).summary())
        .isEqualTo("p1 reached cdn.EVIL-relay.example (url.domain), which is on the watchlist: 'dprk-c2' (FBI PSA).");
    assertThat(found.get(3).summary()).contains("1d6b:0104 (Gadget)").contains("'ip-kvm-gadget' (PiKVM defaults)");
    assertThat(found.get(5).summary()).contains("63.75.253.223").contains("'known laptop farm'");
  }

  @Test
  void sanctionedTools_nearMisses_andRepeats_stayQuiet() {
    assertThat(findings(
        at("endpoint.process", "host.id", "d1", "process.name", "TeamViewer.exe"),
        at("proxy.http", "user.email", "p1@example.com", "url.domain", "github.com"),
        at("proxy.http", "user.email", "p1@example.com", "url.domain", "notevil-relay.example"),
        at("endpoint.usb", "host.id", "d1", "usb.vendor_id", "1d6b", "usb.product_id", "0002"),
        at("idp.signin", "user.email", "p1@example.com", "source.ip", "73.1.2.3", "source.unmask.watchlist", List.of())))
        .isEmpty();
    Event relay = at("proxy.http", "user.email", "p1@example.com", "url.domain", "evil-relay.example");
    assertThat(findings(relay, relay, relay)).hasSize(1);
  }
}
