package org.unmask.ingest.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.detect.sigma.Pipeline;
import org.unmask.detect.sigma.SigmaConfig;
import org.unmask.detect.sigma.SigmaRuleSet;
import org.unmask.event.Event;
import org.unmask.ingest.AdapterHarness;

/**
 * Elastic Defend documents, shaped as its logs-endpoint.events.* data streams write them: process
 * starts and opened or accepted connections become the contract's datasets, and the Sigma rules
 * of a scan (the ECS pipeline) see them; ends, forks and disconnects keep Defend's dataset.
 */
class ElasticDefendAdapterTest {

  @TempDir Path dir;

  private static String doc(String dataset, String eventJson, String rest) {
    return "{\"@timestamp\":\"2026-05-04T14:00:00.000Z\",\"agent\":{\"type\":\"endpoint\"},"
        + "\"data_stream\":{\"dataset\":\"" + dataset + "\",\"namespace\":\"default\",\"type\":\"logs\"},"
        + "\"event\":{\"dataset\":\"" + dataset + "\",\"module\":\"endpoint\",\"kind\":\"event\"," + eventJson + "},"
        + "\"host\":{\"id\":\"d1\",\"name\":\"LT-ANA-01\",\"os\":{\"type\":\"windows\"}},\"user\":{\"name\":\"ana.ruiz\",\"domain\":\"CORP\"}," + rest + "}";
  }

  private static final String ANYDESK = "\"process\":{\"executable\":\"C:\\\\Program Files\\\\AnyDesk\\\\AnyDesk.exe\",\"pid\":4242,"
      + "\"command_line\":\"\\\"C:\\\\Program Files\\\\AnyDesk\\\\AnyDesk.exe\\\" --service\","
      + "\"parent\":{\"executable\":\"C:\\\\Windows\\\\System32\\\\services.exe\",\"pid\":700},\"pe\":{\"original_file_name\":\"AnyDesk.exe\"}}";

  private static final String MEGA = "\"network\":{\"transport\":\"tcp\",\"type\":\"ipv4\"},"
      + "\"source\":{\"ip\":\"192.168.1.20\",\"port\":50123},\"destination\":{\"ip\":\"31.216.144.5\",\"port\":443,\"domain\":\"g.api.mega.co.nz\"},"
      + "\"process\":{\"executable\":\"C:\\\\Tools\\\\rclone.exe\",\"pid\":5150}";

  @Test
  void processStartsAndConnections_becomeTheContractsDatasets_othersKeepDefends() {
    List<String> lines = List.of(
        doc("endpoint.events.process", "\"action\":\"start\",\"category\":[\"process\"],\"type\":[\"start\"]", ANYDESK),
        doc("endpoint.events.process", "\"action\":\"end\",\"category\":[\"process\"],\"type\":[\"end\"]", ANYDESK),
        doc("endpoint.events.process", "\"action\":\"exec\",\"category\":[\"process\"],\"type\":[\"start\"]",
            "\"process\":{\"executable\":\"/usr/bin/curl\",\"parent\":{\"executable\":\"/bin/bash\"}}"),
        doc("endpoint.events.network", "\"action\":\"connection_attempted\",\"category\":[\"network\"],\"type\":[\"start\"]", MEGA),
        doc("endpoint.events.network", "\"action\":\"connection_accepted\",\"category\":[\"network\"],\"type\":[\"start\"]", MEGA),
        doc("endpoint.events.network", "\"action\":\"disconnect_received\",\"category\":[\"network\"],\"type\":[\"end\"]", MEGA),
        doc("endpoint.events.file", "\"action\":\"creation\",\"category\":[\"file\"],\"type\":[\"creation\"]",
            "\"file\":{\"path\":\"C:\\\\Users\\\\ana\\\\x.zip\"}"));
    AdapterHarness h = AdapterHarness.read(dir, "defend-export.jsonl", lines);

    assertThat(h.rejections).isEmpty();
    assertThat(h.events).extracting(Event::dataset).containsExactly("endpoint.process", "endpoint.events.process", "endpoint.process",
        "network.flow", "network.flow", "endpoint.events.network", "endpoint.events.file");
    Event start = h.events.get(0);
    assertThat(start.fields())
        .containsEntry("process.name", "AnyDesk.exe") // from the path, as the contract wants it
        .containsEntry("process.parent.name", "services.exe")
        .containsEntry("data_stream.dataset", "endpoint.events.process")
        .containsEntry("host.id", "d1")
        .containsEntry("user.name", "ana.ruiz");
    assertThat(h.events.get(2).text("process.name")).isEqualTo("curl");
    assertThat(h.events.get(3).text("network.direction")).isEqualTo("egress");
    assertThat(h.events.get(4).text("network.direction")).isEqualTo("ingress");
  }

  @Test
  void theScansSigmaRules_seeDefendsProcessStartsAndOpenedConnections() throws Exception {
    String anydesk = "title: AnyDesk service\nid: 11111111-2222-4333-8444-555555555555\nlevel: high\n"
        + "logsource:\n    product: windows\n    category: process_creation\n"
        + "detection:\n    selection:\n        Image|endswith: '\\anydesk.exe'\n        CommandLine|contains: '--service'\n    condition: selection\n";
    String mega = java.nio.file.Files.readString(Path.of(System.getProperty("unmask.shared", "../../shared"))
        .resolve("data/sigma/rules/windows/network_connection/net_connection_win_domain_mega_nz.yml"));
    SigmaRuleSet rules = SigmaRuleSet.parse(anydesk + "---\n" + mega, "r.yml", Pipeline.named("ecs"), SigmaConfig.defaults(), p -> {
      if (p.isError()) {
        throw new AssertionError(p.toString());
      }
    });
    AdapterHarness h = AdapterHarness.read(dir, "elastic/events.jsonl", List.of(
        doc("endpoint.events.process", "\"action\":\"start\",\"category\":[\"process\"],\"type\":[\"start\"]", ANYDESK),
        doc("endpoint.events.process", "\"action\":\"end\",\"category\":[\"process\"],\"type\":[\"end\"]", ANYDESK),
        doc("endpoint.events.network", "\"action\":\"connection_attempted\",\"category\":[\"network\"],\"type\":[\"start\"]", MEGA),
        doc("endpoint.events.network", "\"action\":\"connection_accepted\",\"category\":[\"network\"],\"type\":[\"start\"]", MEGA)));
    assertThat(h.events).extracting(e -> rules.matches(e).stream().map(m -> m.rule().title()).toList()).containsExactly(
        List.of("AnyDesk service"), List.of(), List.of("Network Connection Initiated To Mega.nz"), List.of());
  }

  /** {@code unmask match} reads files without a dataset folder: its reader decides Defend's datasets the same way. */
  @Test
  void unmaskMatchsReader_decidesDefendsDatasetsToo() throws Exception {
    org.unmask.event.SourceRef where = new org.unmask.event.SourceRef("defend.jsonl", 1);
    Event start = org.unmask.detect.sigma.JsonEvents.toEvent(org.unmask.detect.sigma.JsonEvents.parse(
        doc("endpoint.events.process", "\"action\":\"start\",\"category\":[\"process\"],\"type\":[\"start\"]", ANYDESK)), where);
    Event end = org.unmask.detect.sigma.JsonEvents.toEvent(org.unmask.detect.sigma.JsonEvents.parse(
        doc("endpoint.events.process", "\"action\":\"end\",\"category\":[\"process\"],\"type\":[\"end\"]", ANYDESK)), where);
    assertThat(start.dataset()).isEqualTo("endpoint.process");
    assertThat(end.dataset()).isEqualTo("endpoint.events.process");
  }
}
