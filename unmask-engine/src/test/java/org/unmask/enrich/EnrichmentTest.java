package org.unmask.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.Events;

class EnrichmentTest {

  private final Enrichment enrichment = Enrichment.forDataset(null, ReferenceData.empty());

  @Test
  void forgedVerdictFields_areDropped_evenWithoutAnAddress() {
    Event forged = Events.at("2026-05-04T14:00:00Z", "idp.signin", "user.email", "a@x.test",
        "source.unmask.allow", true, "host.public.unmask.shared_by_design", true, "unmask.note", "trust me");
    Event clean = enrichment.apply(forged);
    assertThat(clean.fields()).doesNotContainKeys("source.unmask.allow", "host.public.unmask.shared_by_design", "unmask.note");
    assertThat(clean.text("user.email")).isEqualTo("a@x.test");
  }

  @Test
  void remoteAccessProcesses_areNamedByTool() {
    Event anydesk = enrichment.apply(Events.at("2026-05-04T14:00:00Z", "endpoint.process", "process.name", "AnyDesk.exe"));
    Event chrome = enrichment.apply(Events.at("2026-05-04T14:00:00Z", "endpoint.process", "process.name", "chrome.exe"));
    assertThat(anydesk.text(ToolEnricher.FIELD)).containsIgnoringCase("anydesk");
    assertThat(chrome.get(ToolEnricher.FIELD)).isNull();
  }
}
