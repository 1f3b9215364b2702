package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.reference.Person;
import org.unmask.reference.WatchlistEntry;
import org.unmask.testing.Events;
import org.unmask.testing.People;

class AllowListTest {

  private static final Person DEV = People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago");
  private static final Person LAB = People.person("p2", "Bo Li", "Boise", "2 Elm St", "America/Boise");

  private static WatchlistEntry row(String type, String value, String label) {
    return new WatchlistEntry(WatchlistEntry.Type.parse(type), value, label, "test");
  }

  private static Event process(String name) {
    return Events.at("2026-05-04T14:00:00Z", "endpoint.process", "process.name", name);
  }

  @Test
  void sanctionedTool_isAllowedForEveryone_andItsRelayDomainsToo() {
    AllowList allow = new AllowList(List.of(row("process_name", "TeamViewer.exe", "allow:sanctioned-rmm")));
    assertThat(allow.allows(process("TeamViewer.exe"), DEV)).isTrue();
    assertThat(allow.allows(Events.at("2026-05-04T14:00:00Z", "network.flow", "destination.domain",
        "router15.teamviewer.com"), DEV)).isTrue();
    assertThat(allow.allows(process("AnyDesk.exe"), DEV)).isFalse();
  }

  @Test
  void labelNarrowedToPeopleOrADepartment_allowsOnlyThem() {
    AllowList allow = new AllowList(List.of(
        row("process_name", "rustdesk.exe", "allow:lab;people=P2,p9"),
        row("process_name", "AnyDesk.exe", "allow:helpdesk;department=Support")));
    assertThat(allow.allows(process("rustdesk.exe"), LAB)).isTrue();
    assertThat(allow.allows(process("rustdesk.exe"), DEV)).isFalse();
    assertThat(allow.allows(process("rustdesk.exe"), null)).isFalse();
    assertThat(allow.allows(process("AnyDesk.exe"), DEV)).isFalse(); // Engineering, not Support
  }

  @Test
  void rowsOfConcern_allowNothing() {
    AllowList allow = new AllowList(List.of(row("process_name", "AnyDesk.exe", "facilitator-tool")));
    assertThat(allow.isEmpty()).isTrue();
    assertThat(allow.allows(process("AnyDesk.exe"), DEV)).isFalse();
  }
}
