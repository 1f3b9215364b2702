package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/** The shipped pipelines map Sigma's names onto each event shape. */
class PipelineTest {

  static final String PROCESS_RULE = "title: AnyDesk\nid: 11111111-2222-4333-8444-555555555555\nlevel: high\n"
      + "logsource:\n    product: windows\n    category: process_creation\n"
      + "detection:\n    selection:\n        Image|endswith: '\\anydesk.exe'\n        CommandLine|contains: '--service'\n    condition: selection\n";

  static Event json(String text) throws IOException {
    return JsonEvents.toEvent(JsonEvents.parse(text), new SourceRef("t.jsonl", 1));
  }

  static SigmaRuleSet rules(String yaml, String pipeline) {
    return SigmaRuleSet.parse(yaml, "r.yml", Pipeline.named(pipeline), SigmaConfig.defaults(), p -> {
      if (p.isError()) {
        throw new AssertionError(p.toString());
      }
    });
  }

  @Test
  void ecs_mapsSigmaProcessFieldsOntoTheContract_andTheLogsourceOntoTheDataset() throws IOException {
    SigmaRuleSet rules = rules(PROCESS_RULE, "ecs");
    Event contract = json("{\"@timestamp\":\"2026-05-04T14:05:00Z\",\"event\":{\"dataset\":\"endpoint.process\"},"
        + "\"process\":{\"executable\":\"C:\\\\Program Files (x86)\\\\AnyDesk\\\\AnyDesk.exe\",\"command_line\":\"AnyDesk.exe --service\"}}");
    assertThat(rules.matches(contract)).singleElement().satisfies(m -> assertThat(m.rule().title()).isEqualTo("AnyDesk"));
    Event otherDataset = json("{\"event\":{\"dataset\":\"proxy.http\"},\"process\":{\"executable\":\"C:\\\\AnyDesk.exe\",\"command_line\":\"--service\"}}");
    assertThat(rules.matches(otherDataset)).isEmpty();
  }

  @Test
  void ecs_runsOurOwnLogsources_onTheirDatasets() throws IOException {
    String usb = "title: Keystroke injector\nid: 21111111-2222-4333-8444-555555555555\nlevel: high\n"
        + "logsource:\n    product: unmask\n    category: usb\n"
        + "detection:\n    selection:\n        usb.vendor_id: '16c0'\n        event.action: connected\n    condition: selection\n";
    SigmaRuleSet rules = rules(usb, "ecs");
    assertThat(rules.matches(json("{\"event\":{\"dataset\":\"endpoint.usb\",\"action\":\"connected\"},\"usb\":{\"vendor_id\":\"16C0\"}}"))).hasSize(1);
    assertThat(rules.matches(json("{\"event\":{\"dataset\":\"endpoint.display\",\"action\":\"connected\"},\"usb\":{\"vendor_id\":\"16c0\"}}"))).isEmpty();
  }

  @Test
  void evtx_readsEventDataAndSystemFields_andRequiresTheSysmonChannelAndEventId() throws IOException {
    SigmaRuleSet rules = rules(PROCESS_RULE, "evtx");
    String data = "\"EventData\":{\"Image\":\"C:\\\\AnyDesk.exe\",\"CommandLine\":\"AnyDesk.exe --service\"}";
    assertThat(rules.matches(json("{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"}," + data + "}}"))).hasSize(1);
    assertThat(rules.matches(json("{\"Event\":{\"System\":{\"EventID\":3,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"}," + data + "}}"))).isEmpty();
    assertThat(rules.matches(json("{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Security\"}," + data + "}}"))).isEmpty();
    String provider = "title: p\nid: 31111111-2222-4333-8444-555555555555\nlogsource:\n    product: windows\n    service: system\n"
        + "detection:\n    selection:\n        Provider_Name: 'Service Control Manager'\n        EventID: 7045\n    condition: selection\n";
    assertThat(rules(provider, "evtx").matches(json("{\"Event\":{\"System\":{\"EventID\":7045,\"Channel\":\"System\","
        + "\"Provider\":{\"#attributes\":{\"Name\":\"Service Control Manager\"}}}}}"))).hasSize(1);
  }

  @Test
  void winlogbeat_readsWinlogFields() throws IOException {
    SigmaRuleSet rules = rules(PROCESS_RULE, "winlogbeat");
    Event e = json("{\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_id\":1,"
        + "\"event_data\":{\"Image\":\"C:\\\\AnyDesk.exe\",\"CommandLine\":\"AnyDesk.exe --service\"}}}");
    assertThat(JsonEvents.shapeOf(e.fields())).isEqualTo("winlogbeat");
    assertThat(rules.matches(e)).hasSize(1);
  }

  @Test
  void rulesForOtherPlatforms_loadButStayInactive() {
    String linux = "title: l\nid: 41111111-2222-4333-8444-555555555555\nlogsource:\n    product: linux\n    category: process_creation\n"
        + "detection:\n    selection:\n        Image|endswith: '/nc'\n    condition: selection\n";
    SigmaRuleSet rules = rules(linux, "evtx");
    assertThat(rules.rules()).hasSize(1);
    assertThat(rules.inactiveRules()).hasSize(1);
  }

  @Test
  void aWindowsCategoryNoEntryMaps_isInactive_notRunOnEveryChannel() throws IOException {
    // file_access has no Sysmon event: before, it fell to the catch-all and ran on every Windows
    // event, so "dns.exe modified a file" fired on dns.exe's process starts
    String header = "id: 51111111-2222-4333-8444-555555555555\nlogsource:\n    product: windows\n";
    String body = "detection:\n    selection:\n        Image|endswith: '\\dns.exe'\n    condition: selection\n";
    String dnsStart = "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"},"
        + "\"EventData\":{\"Image\":\"C:\\\\Windows\\\\System32\\\\dns.exe\"}}}";
    for (String category : List.of("file_access", "file_rename", "process_creaton")) {
      SigmaRuleSet rules = rules("title: " + category + "\n" + header + "    category: " + category + "\n" + body, "evtx");
      assertThat(rules.inactiveRules()).as(category).hasSize(1);
      assertThat(rules.matches(json(dnsStart))).as(category).isEmpty();
    }
    // a rule about any Windows log still runs on every channel
    SigmaRuleSet anyLog = rules("title: any\n" + header + body, "evtx");
    assertThat(anyLog.inactiveRules()).isEmpty();
    assertThat(anyLog.matches(json(dnsStart))).hasSize(1);
    // file_change is Sysmon's event 2 (a file's creation time changed)
    SigmaRuleSet change = rules("title: change\n" + header + "    category: file_change\n" + body, "evtx");
    assertThat(change.matches(json(dnsStart))).isEmpty();
    assertThat(change.matches(json(dnsStart.replace("\"EventID\":1", "\"EventID\":2")))).hasSize(1);
  }

  @Test
  void sysmonHashes_readOneFieldPerAlgorithm_inEcs() throws IOException {
    // 48 SigmaHQ rules test Hashes|contains: 'SHA256=...' or 'IMPHASH=...'; ECS keeps process.hash.sha256
    String rule = "title: gmer\nid: 61111111-2222-4333-8444-555555555555\nlogsource:\n    product: windows\n"
        + "    category: process_creation\ndetection:\n    selection:\n        Hashes|contains:\n"
        + "            - 'SHA256=E8A3E804A96C716A3E9B69195DB6FFB0D33E2433AF871E4D4E1EAB3097237173'\n"
        + "            - 'IMPHASH=3A1F9C2BD9F67CE58E23FBD4FD20DE4F'\n    condition: selection\n";
    SigmaRuleSet rules = rules(rule, "ecs");
    String process = "{\"event\":{\"dataset\":\"endpoint.process\"},\"process\":{\"executable\":\"C:\\\\x.exe\",";
    assertThat(rules.matches(json(process + "\"hash\":{\"sha256\":\"e8a3e804a96c716a3e9b69195db6ffb0d33e2433af871e4d4e1eab3097237173\"}}}"))).hasSize(1);
    assertThat(rules.matches(json(process + "\"pe\":{\"imphash\":\"3a1f9c2bd9f67ce58e23fbd4fd20de4f\"}}}"))).hasSize(1);
    assertThat(rules.matches(json(process + "\"hash\":{\"sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\"}}}"))).isEmpty();
    // evtx keeps Sysmon's one string
    assertThat(rules(rule, "evtx").matches(json("{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"},"
        + "\"EventData\":{\"Hashes\":\"SHA1=AA,MD5=BB,SHA256=E8A3E804A96C716A3E9B69195DB6FFB0D33E2433AF871E4D4E1EAB3097237173,IMPHASH=CC\"}}}"))).hasSize(1);
    // all: every listed hash, each in its own field
    String both = rule.replace("Hashes|contains:", "Hashes|contains|all:");
    assertThat(rules(both, "ecs").matches(json(process + "\"hash\":{\"sha256\":\"e8a3e804a96c716a3e9b69195db6ffb0d33e2433af871e4d4e1eab3097237173\"},"
        + "\"pe\":{\"imphash\":\"3a1f9c2bd9f67ce58e23fbd4fd20de4f\"}}}"))).hasSize(1);
    assertThat(rules(both, "ecs").matches(json(process + "\"pe\":{\"imphash\":\"3a1f9c2bd9f67ce58e23fbd4fd20de4f\"}}}"))).isEmpty();
  }

  /**
   * 40 of SigmaHQ's 51 network_connection rules require Sysmon's {@code Initiated: 'true'} (this
   * host opened the connection); ECS writes it as {@code network.direction}, egress (Elastic's
   * Sysmon module and Defend) or outbound (older shippers).
   */
  @Test
  void sysmonInitiated_isEcsNetworkDirection() throws IOException {
    String rule = "title: out to 4444\nid: 71111111-2222-4333-8444-555555555555\nlogsource:\n    product: windows\n"
        + "    category: network_connection\ndetection:\n    selection:\n        Initiated: 'true'\n"
        + "        DestinationPort: 4444\n    condition: selection\n";
    SigmaRuleSet outbound = rules(rule, "ecs");
    String flow = "{\"event\":{\"dataset\":\"network.flow\"},\"destination\":{\"ip\":\"203.0.113.9\",\"port\":4444}";
    assertThat(outbound.matches(json(flow + ",\"network\":{\"direction\":\"egress\"}}"))).hasSize(1);
    assertThat(outbound.matches(json(flow + ",\"network\":{\"direction\":\"Outbound\"}}"))).hasSize(1);
    assertThat(outbound.matches(json(flow + ",\"network\":{\"direction\":\"ingress\"}}"))).isEmpty();
    assertThat(outbound.matches(json(flow + "}"))).as("a flow that does not say who opened it").isEmpty();
    SigmaRuleSet inbound = rules(rule.replace("Initiated: 'true'", "Initiated: 'false'"), "ecs");
    assertThat(inbound.matches(json(flow + ",\"network\":{\"direction\":\"inbound\"}}"))).hasSize(1);
    assertThat(inbound.matches(json(flow + ",\"network\":{\"direction\":\"egress\"}}"))).isEmpty();
    // |exists asks whether the field is there, in its new place
    SigmaRuleSet said = rules(rule.replace("Initiated: 'true'", "Initiated|exists: true"), "ecs");
    assertThat(said.matches(json(flow + ",\"network\":{\"direction\":\"ingress\"}}"))).hasSize(1);
    assertThat(said.matches(json(flow + "}"))).isEmpty();
    // Sysmon's own shape keeps its field
    assertThat(rules(rule, "evtx").matches(json("{\"Event\":{\"System\":{\"EventID\":3,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"},"
        + "\"EventData\":{\"Initiated\":\"true\",\"DestinationPort\":4444}}}"))).hasSize(1);
  }

  /**
   * In a scan, a Sysmon network connection from evtx_dump is adapted to network.flow and read
   * through the ECS pipeline: SigmaHQ's own rule for uploads to Mega.nz (Initiated: 'true') fires
   * on it, and not on the same connection accepted from outside.
   */
  @Test
  void sigmaHqInitiatedRule_firesOnAnAdaptedSysmonConnection_inTheScansPipeline() throws IOException {
    String yaml = java.nio.file.Files.readString(SigmaCorpusTest.SIGMA.resolve("rules/windows/network_connection/net_connection_win_domain_mega_nz.yml"));
    SigmaRuleSet rules = rules(yaml, "ecs");
    String line = "{\"Event\":{\"System\":{\"EventID\":3,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"LT-7\","
        + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-05-04T10:00:00Z\"}}},\"EventData\":{\"Image\":\"C:\\\\Tools\\\\rclone.exe\","
        + "\"Protocol\":\"tcp\",\"Initiated\":\"INITIATED\",\"SourceIp\":\"192.168.1.20\",\"DestinationIp\":\"31.216.144.5\",\"DestinationPort\":443,"
        + "\"DestinationHostname\":\"g.api.mega.co.nz\"}}}";
    org.unmask.ingest.LineParser parser = new org.unmask.ingest.LineParser();
    Event out = parser.parse(line.replace("INITIATED", "true").getBytes(java.nio.charset.StandardCharsets.UTF_8), "e.jsonl", 1, r -> {
      throw new AssertionError(r.reason());
    });
    assertThat(out.dataset()).isEqualTo("network.flow");
    assertThat(rules.matches(out)).singleElement().satisfies(m -> assertThat(m.rule().title()).isEqualTo("Network Connection Initiated To Mega.nz"));
    Event in = parser.parse(line.replace("INITIATED", "false").getBytes(java.nio.charset.StandardCharsets.UTF_8), "e.jsonl", 2, r -> {
      throw new AssertionError(r.reason());
    });
    assertThat(rules.matches(in)).isEmpty();
  }

  @Test
  void unknownPipeline_namesTheKnownOnes() {
    assertThatThrownBy(() -> Pipeline.named("splunk")).hasMessageContaining("use one of [ecs, evtx, winlogbeat, none]");
    assertThat(Pipeline.named("evtx").eventFields("Image")).isEqualTo(List.of("Event.EventData.Image"));
    assertThat(Pipeline.named("ecs").eventFields("CommandLine")).isEqualTo(List.of("process.command_line"));
  }
}
