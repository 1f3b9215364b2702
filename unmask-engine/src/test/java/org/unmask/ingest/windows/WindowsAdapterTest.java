package org.unmask.ingest.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.Event;
import org.unmask.ingest.AdapterHarness;
import org.unmask.ingest.TestDatasets;

class WindowsAdapterTest {

  @TempDir Path dir;

  @Test
  void sigmaRegressionEvtx_sysmonProcessCreation_becomesEndpointProcess_andKeepsRawNames() {
    List<String> lines = TestDatasets.sigmaRegressionEvents();
    AdapterHarness h = AdapterHarness.read(dir, "evtx.jsonl", lines);

    assertThat(h.rejections).isEmpty();
    assertThat(h.events).hasSize(lines.size());
    List<Event> processes = h.dataset("endpoint.process");
    assertThat(processes).hasSizeGreaterThanOrEqualTo(90).allSatisfy(e -> {
      assertThat(e.get("Event.System.EventID")).isEqualTo(1L);
      assertThat(e.text("Event.System.Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
      assertThat(e.text("process.executable")).isEqualTo(e.text("Event.EventData.Image"));
      assertThat(e.text("process.name")).isNotBlank();
    });
    Event snipping = processes.stream()
        .filter(e -> e.text("process.executable").endsWith("SnippingTool.exe")).findFirst().orElseThrow();
    assertThat(snipping.timestamp()).isEqualTo(Instant.parse("2026-04-20T10:00:35.646624Z"));
    assertThat(snipping.fields())
        .containsEntry("process.name", "SnippingTool.exe")
        .containsEntry("process.parent.name", "msedge.exe")
        .containsEntry("process.hash.sha256", "a80cb394d251f781dbd5ffb889d38fdd2095ade63110578ca62f62cf795b7538")
        .containsEntry("user.name", "xodih")
        .containsEntry("user.domain", "swachchhanda")
        .containsEntry("host.name", "swachchhanda")
        .containsEntry("event.code", "1");
    assertThat(h.events).extracting(Event::dataset)
        .contains("windows.sysmon", "windows.security", "windows.taskscheduler_operational");
  }

  @Test
  void readEvents_readsSigmaRegressionJsonFilesAsTheyAre() throws IOException {
    Path root = TestDatasets.shared().resolve("data/sigma/regression_data");
    List<Path> files;
    try (var walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<org.unmask.ingest.Rejection> rejections = new java.util.ArrayList<>();
    long events = 0;
    for (Path f : files) {
      List<Event> read = org.unmask.ingest.Dataset.readEvents(f, rejections::add);
      assertThat(read).as(f.toString()).isNotEmpty().allSatisfy(e -> assertThat(e.dataset()).matches("endpoint\\.process|windows\\..+"));
      events += read.size();
    }
    assertThat(rejections).isEmpty();
    assertThat(events).isEqualTo(TestDatasets.sigmaRegressionEvents().size());
  }

  @Test
  void otrfNxlogLogons_areWindowsSecurity_withUserSourceAndOutcome() throws IOException {
    List<String> lines = Files.readAllLines(TestDatasets.shared().resolve("data/sample-logs/otrf/rdp_interactive_logon_events.jsonl"));
    AdapterHarness h = AdapterHarness.read(dir, "mordor.jsonl", lines);

    assertThat(h.rejections).isEmpty();
    assertThat(h.events).hasSize(lines.size());
    List<Event> logons = h.events.stream().filter(e -> Long.valueOf(4624).equals(e.get("EventID"))).toList();
    assertThat(logons).isNotEmpty().allSatisfy(e -> {
      assertThat(e.dataset()).isEqualTo("windows.security");
      assertThat(e.text("event.outcome")).isEqualTo("success");
      assertThat(e.text("user.name")).isEqualTo(e.text("TargetUserName"));
    });
    assertThat(logons).anySatisfy(e -> {
      assertThat(e.get("windows.logon.type")).isEqualTo(7L); // RDP reconnect in this capture
      assertThat(e.get("windows.logon.interactive")).isEqualTo(true);
      assertThat(e.text("user.name")).isEqualTo("pgustavo");
      assertThat(e.text("source.ip")).isEqualTo("1.2.3.4");
    });
  }

  @Test
  void winlogbeatSysmon_networkAndDns_areMapped_rawKept() {
    String network = """
        {"@timestamp":"2026-05-04T16:00:00.123Z","host":{"name":"LT-ANA-01"},"winlog":{"channel":"Microsoft-Windows-Sysmon/Operational",\
        "event_id":"3","provider_name":"Microsoft-Windows-Sysmon","computer_name":"LT-ANA-01.corp.example.com",\
        "event_data":{"Image":"C:\\\\Program Files\\\\AnyDesk\\\\AnyDesk.exe","User":"CORP\\\\ana.ruiz","Protocol":"tcp",\
        "SourceIp":"192.168.1.20","SourcePort":"50123","DestinationIp":"195.181.174.42","DestinationPort":"443","DestinationHostname":"relay-1.net.anydesk.com",\
        "Initiated":"true"}}}""";
    String dns = """
        {"@timestamp":"2026-05-04T16:00:01Z","winlog":{"channel":"Microsoft-Windows-Sysmon/Operational","event_id":22,\
        "event_data":{"QueryName":"boot.net.anydesk.com","Image":"C:\\\\Windows\\\\System32\\\\svchost.exe"}}}""";
    AdapterHarness h = AdapterHarness.read(dir, "windows/beats.jsonl", List.of(network, dns));

    Event flow = h.events.get(0);
    assertThat(flow.dataset()).isEqualTo("network.flow");
    assertThat(flow.fields())
        .containsEntry("destination.ip", "195.181.174.42")
        .containsEntry("destination.port", 443L)
        .containsEntry("destination.domain", "relay-1.net.anydesk.com")
        .containsEntry("network.transport", "tcp")
        .containsEntry("network.direction", "egress") // Initiated: true, as Elastic's Sysmon module writes it
        .containsEntry("process.name", "AnyDesk.exe")
        .containsEntry("user.name", "ana.ruiz")
        .containsEntry("host.name", "LT-ANA-01") // the line's own host.name is never replaced
        .containsEntry("winlog.event_data.DestinationHostname", "relay-1.net.anydesk.com")
        .containsEntry("winlog.channel", "Microsoft-Windows-Sysmon/Operational");
    Event query = h.events.get(1);
    assertThat(query.dataset()).isEqualTo("windows.sysmon");
    assertThat(query.text("dns.question.name")).isEqualTo("boot.net.anydesk.com");
  }

  @Test
  void security4688_becomesEndpointProcess_forFleetsWithoutSysmon() {
    String evtx = """
        {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Security-Auditing"}},"EventID":4688,\
        "TimeCreated":{"#attributes":{"SystemTime":"2026-05-04T19:00:03Z"}},"Channel":"Security","Computer":"LT-ANA-01"},\
        "EventData":{"SubjectUserName":"LT-ANA-01$","SubjectDomainName":"CORP","NewProcessId":"0x1a2c",\
        "NewProcessName":"C:\\\\Users\\\\ana\\\\AppData\\\\Local\\\\Temp\\\\AnyDesk.exe","ProcessId":"0x9f0",\
        "CommandLine":"AnyDesk.exe --silent","TargetUserName":"ana","TargetDomainName":"CORP",\
        "ParentProcessName":"C:\\\\Windows\\\\explorer.exe","MandatoryLabel":"S-1-16-8192"}}}""";
    String older = """
        {"Event":{"System":{"EventID":4688,"TimeCreated":{"#attributes":{"SystemTime":"2026-05-04T19:00:04Z"}},\
        "Channel":"Security"},"EventData":{"SubjectUserName":"LT-ANA-01$","SubjectDomainName":"CORP",\
        "NewProcessId":"0x1a2d","NewProcessName":"C:\\\\Windows\\\\System32\\\\cmd.exe","TargetUserName":"-"}}}""";
    AdapterHarness h = AdapterHarness.read(dir, "security.jsonl", List.of(evtx, older));
    Event e = h.events.get(0);
    assertThat(e.dataset()).isEqualTo("endpoint.process");
    assertThat(e.fields())
        .containsEntry("process.executable", "C:\\Users\\ana\\AppData\\Local\\Temp\\AnyDesk.exe")
        .containsEntry("process.name", "AnyDesk.exe")
        .containsEntry("process.command_line", "AnyDesk.exe --silent")
        .containsEntry("process.pid", 0x1a2cL)
        .containsEntry("process.parent.name", "explorer.exe")
        .containsEntry("process.parent.pid", 0x9f0L)
        .containsEntry("user.name", "ana")
        .containsEntry("user.domain", "CORP")
        .containsEntry("Event.EventData.NewProcessName", e.text("process.executable"));
    Event old = h.events.get(1);
    assertThat(old.fields()).as("before Windows 10: the creator's account, no parent path")
        .containsEntry("user.name", "LT-ANA-01$").doesNotContainKey("process.parent.executable");
  }

  @Test
  void pnpDeviceArrival_withVidPid_becomesEndpointUsb() {
    String evtx = """
        {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Kernel-PnP"}},"EventID":400,\
        "TimeCreated":{"#attributes":{"SystemTime":"2026-05-04T19:00:03.5Z"}},"Channel":"Microsoft-Windows-Kernel-PnP/Configuration",\
        "Computer":"LT-ANA-01"},"EventData":{"DeviceInstanceId":"USB\\\\VID_0781&PID_5581\\\\4C530001230410117484","DriverName":"usbstor.inf"}}}""";
    String noSerial = evtx.replace("4C530001230410117484", "6&2F4F3B&0&1");
    Event e = AdapterHarness.read(dir, "pnp.jsonl", List.of(evtx, noSerial)).events.get(0);
    assertThat(e.dataset()).isEqualTo("endpoint.usb");
    assertThat(e.fields())
        .containsEntry("usb.vendor_id", "0781")
        .containsEntry("usb.product_id", "5581")
        .containsEntry("usb.serial", "4C530001230410117484")
        .containsEntry("event.action", "connected")
        .containsEntry("Event.EventData.DriverName", "usbstor.inf");
  }

  @Test
  void unmappedChannel_getsAWindowsDataset_andStillFlows() {
    String line = """
        {"Event":{"System":{"EventID":{"#attributes":{"Qualifiers":16384},"#text":"7045"},"Channel":"System",\
        "TimeCreated":{"#attributes":{"SystemTime":"2026-05-04T19:00:03Z"}}},"EventData":{"ServiceName":"AnyDesk"}}}""";
    Event e = AdapterHarness.read(dir, "sys.jsonl", List.of(line)).events.get(0);
    assertThat(e.dataset()).isEqualTo("windows.system");
    assertThat(e.text("event.code")).isEqualTo("7045");
    assertThat(UsbId.parse("USB\\VID_046D&PID_C52B\\5&1A2B")).isEqualTo(new UsbId("046d", "c52b", null));
    assertThat(UsbId.parse("USB\\VID_046D&PID_C52B&MI_00\\7&2F&0&0000")).isEqualTo(new UsbId("046d", "c52b", null));
    assertThat(UsbId.parse("\\\\?\\USB#VID_0781&PID_5581#4C530001230410117484#{a5dcbf10-6530-11d2-901f-00c04fb951ed}"))
        .isEqualTo(new UsbId("0781", "5581", "4C530001230410117484"));
    assertThat(UsbId.parse("USB\\VID_XYZ1&PID_5581\\1")).isNull();
  }
}
