package org.unmask.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RmmCatalogTest {

  private static final RmmCatalog CATALOG = RmmCatalog.shipped();

  private static List<String> names(List<RmmTool> tools) {
    return tools.stream().map(RmmTool::name).toList();
  }

  @Test
  void tools_holdTheWholeLolrmmCatalogue() {
    assertThat(CATALOG.tools()).hasSize(319);
    RmmTool anyDesk = CATALOG.tools().stream().filter(t -> t.name().equals("AnyDesk")).findFirst().orElseThrow();
    assertThat(anyDesk.processNames()).contains("anydesk.exe");
    assertThat(anyDesk.domains()).contains("*.anydesk.com");
    assertThat(anyDesk.signers()).contains("AnyDesk Software GmbH");
    assertThat(anyDesk.installationPaths()).contains("C:\\Program Files (x86)\\AnyDesk\\*");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "AnyDesk.exe | AnyDesk",
    "C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe | AnyDesk",
    "TEAMVIEWER_SERVICE.EXE | TeamViewer",
    "remoting_host.exe | Chrome Remote Desktop",
    "/usr/lib/x/rustdesk-1.2.3.exe | RustDesk",
    "ScreenConnect.ClientService.exe | ScreenConnect",
  })
  void byProcessName_findsTheTool_caseInsensitively_fromANameOrPath(String process, String tool) {
    assertThat(names(CATALOG.byProcessName(process))).contains(tool);
  }

  @ParameterizedTest
  @ValueSource(strings = {"chrome.exe", "dwm.exe", "setup.exe", "", "   ", "C:\\Windows\\"})
  void byProcessName_findsNothing_forOrdinaryOrGenericNames(String process) {
    assertThat(CATALOG.byProcessName(process)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "AnyDesk Software GmbH | AnyDesk",
    "anydesk   software gmbh | AnyDesk",
    "philandro Software GmbH | AnyDesk",
    "CN=TeamViewer Germany GmbH, O=TeamViewer Germany GmbH, L=Göppingen, C=DE | TeamViewer",
    "O=\"ConnectWise, LLC\", C=US | ScreenConnect",
  })
  void bySigner_findsTheTool_fromANameOrDistinguishedName(String signer, String tool) {
    assertThat(names(CATALOG.bySigner(signer))).contains(tool);
  }

  @Test
  void bySigner_ignoresPlatformSigners() {
    assertThat(CATALOG.bySigner("Microsoft Corporation")).isEmpty();
    assertThat(CATALOG.bySigner("Google LLC")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "net.anydesk.com | AnyDesk",
    "relay-0a1b2c3d.net.anydesk.com | AnyDesk",
    "anydesk.com | AnyDesk",
    "CLIENT.TEAMVIEWER.COM. | TeamViewer",
    "remotedesktop-pa.googleapis.com | Chrome Remote Desktop",
    "relay.splashtop.com:443 | Splashtop",
  })
  void byDomain_matchesExactAndWildcardDomains(String domain, String tool) {
    assertThat(names(CATALOG.byDomain(domain))).contains(tool);
  }

  @ParameterizedTest
  @ValueSource(strings = {"www.google.com", "github.com", "notanydesk.com", "anydesk.com.evil.example", ""})
  void byDomain_findsNothing_forUnrelatedDomains(String domain) {
    assertThat(CATALOG.byDomain(domain)).isEmpty();
  }

  @Test
  void lookups_surviveHostileInput() {
    String huge = "*".repeat(10_000) + "a";
    assertThat(CATALOG.byProcessName(huge)).isEmpty();
    assertThat(CATALOG.byDomain(huge)).isEmpty();
    assertThat(CATALOG.bySigner("CN=" + ",".repeat(500))).isEmpty();
    assertThat(CATALOG.byDomain(null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"*.anydesk.com, x.anydesk.com, true", "plus*.site24x7.com, plus12.site24x7.com, true",
      "a*b*c, aXbYc, true", "a*b*c, aXbY, false", "*, '', true", "abc, abd, false"})
  void glob_matchesStarsOnly(String pattern, String text, boolean expected) {
    assertThat(StarPattern.matches(pattern, text)).isEqualTo(expected);
  }
}
