package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unmask.detect.sigma.PipelineTest.json;
import static org.unmask.detect.sigma.PipelineTest.rules;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;

/**
 * Process-creation rules also run on the Security log's event 4688, for fleets without Sysmon:
 * through the fields 4688 has (NewProcessName, ParentProcessName, CommandLine), and never
 * matching more because of the fields it lacks.
 */
class SecurityProcessCreationTest {

  private static final String HEAD = "title: %s\nid: 51111111-2222-4333-8444-55555555555%d\nlevel: high\n"
      + "logsource:\n    product: windows\n    category: process_creation\ndetection:\n";

  private static String rule(String title, int n, String detection) {
    return String.format(HEAD, title, n) + detection;
  }

  private static Event security4688(String image, String parent, String commandLine) throws IOException {
    return json("{\"Event\":{\"System\":{\"EventID\":4688,\"Channel\":\"Security\",\"Computer\":\"LT-7\"},"
        + "\"EventData\":{\"NewProcessName\":" + quoted(image) + ",\"ParentProcessName\":" + quoted(parent)
        + ",\"CommandLine\":" + quoted(commandLine) + ",\"NewProcessId\":\"0x1a2c\",\"SubjectUserName\":\"ana\"}}}");
  }

  private static Event sysmon1(String image, String parent, String commandLine, String originalFileName) throws IOException {
    return json("{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"},"
        + "\"EventData\":{\"Image\":" + quoted(image) + ",\"ParentImage\":" + quoted(parent) + ",\"CommandLine\":"
        + quoted(commandLine) + ",\"OriginalFileName\":" + quoted(originalFileName) + "}}}");
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\") + "\"";
  }

  @Test
  void aRuleOnImageAndCommandLine_firesOnSysmon1AndOnSecurity4688_andOnNothingElseInTheSecurityLog() throws IOException {
    SigmaRuleSet set = rules(PipelineTest.PROCESS_RULE, "evtx");
    assertThat(set.matches(security4688("C:\\Program Files\\AnyDesk\\AnyDesk.exe", "C:\\Windows\\explorer.exe",
        "AnyDesk.exe --service"))).singleElement().satisfies(m -> assertThat(m.rule().title()).isEqualTo("AnyDesk"));
    assertThat(set.matches(sysmon1("C:\\AnyDesk.exe", "C:\\Windows\\explorer.exe", "AnyDesk.exe --service", "AnyDesk.exe"))).hasSize(1);
    assertThat(set.matches(security4688("C:\\Windows\\notepad.exe", "C:\\Windows\\explorer.exe", "notepad.exe --service"))).isEmpty();
    assertThat(set.matches(json("{\"Event\":{\"System\":{\"EventID\":4624,\"Channel\":\"Security\"},"
        + "\"EventData\":{\"NewProcessName\":\"C:\\\\AnyDesk.exe\",\"CommandLine\":\"--service\"}}}"))).isEmpty();
    assertThat(set.rules()).as("listed once, however many logs it reads").hasSize(1);
  }

  @Test
  void aSelectionWithAnOriginalFileNameAlternative_keepsItsImageAlternativeOn4688() throws IOException {
    SigmaRuleSet set = rules(rule("Rclone", 1, "    selection:\n        - Image|endswith: '\\rclone.exe'\n"
        + "        - OriginalFileName: 'rclone.exe'\n    condition: selection\n"), "evtx");
    assertThat(set.matches(security4688("C:\\Users\\ana\\rclone.exe", "C:\\Windows\\System32\\cmd.exe", "rclone copy x y"))).hasSize(1);
    assertThat(set.matches(security4688("C:\\Users\\ana\\sync.exe", "C:\\Windows\\System32\\cmd.exe", "sync copy x y")))
        .as("a renamed rclone is only visible in Sysmon's OriginalFileName").isEmpty();
    assertThat(set.matches(sysmon1("C:\\Users\\ana\\sync.exe", "C:\\Windows\\System32\\cmd.exe", "sync", "rclone.exe"))).hasSize(1);
  }

  @Test
  void aFilterOnAFieldThe4688LogLacks_keepsExcluding_soItsFalsePositivesNeverSlipThrough() throws IOException {
    SigmaRuleSet set = rules(rule("Whoami", 2, "    selection:\n        Image|endswith: '\\whoami.exe'\n"
        + "    filter:\n        ParentCommandLine|contains: 'inventory-agent'\n    condition: selection and not filter\n"), "evtx");
    assertThat(set.matches(sysmon1("C:\\Windows\\System32\\whoami.exe", "C:\\Windows\\System32\\cmd.exe", "whoami", "whoami.exe")))
        .as("Sysmon: the filter is read and lets this one through").hasSize(1);
    assertThat(set.matches(security4688("C:\\Windows\\System32\\whoami.exe", "C:\\Windows\\System32\\cmd.exe", "whoami")))
        .as("4688 has no ParentCommandLine: the filter cannot be read, so it cannot be trusted to be false").isEmpty();
  }

  @Test
  void aKeywordFilter_keepsExcludingOn4688_forItCouldHaveBeenInAFieldThe4688LogLacks() throws IOException {
    SigmaRuleSet set = rules(rule("Whoami", 7, "    selection:\n        Image|endswith: '\\whoami.exe'\n"
        + "    agent:\n        - 'inventory-agent'\n    condition: selection and not agent\n"), "evtx");
    assertThat(set.matches(security4688("C:\\Windows\\System32\\whoami.exe", "C:\\Windows\\System32\\cmd.exe", "whoami")))
        .as("Sysmon could have found the keyword in ParentCommandLine").isEmpty();
    assertThat(set.matches(sysmon1("C:\\Windows\\System32\\whoami.exe", "C:\\Windows\\System32\\cmd.exe", "whoami", "whoami.exe")))
        .hasSize(1);
  }

  @Test
  void aFieldThe4688LogLeavesEmpty_orOmits_cannotLetAFilterSlipEither() throws IOException {
    SigmaRuleSet set = rules(rule("Rundll32", 8, "    selection:\n        Image|endswith: '\\rundll32.exe'\n"
        + "    filter_cpl:\n        CommandLine|contains: 'Control_RunDLL'\n"
        + "    filter_msi:\n        ParentImage|endswith: '\\msiexec.exe'\n"
        + "    condition: selection and not 1 of filter_*\n"), "evtx");
    String rundll = "C:\\Windows\\System32\\rundll32.exe";
    assertThat(set.matches(security4688(rundll, "C:\\Windows\\explorer.exe", "rundll32.exe evil.dll,Start"))).hasSize(1);
    assertThat(set.matches(security4688(rundll, "C:\\Windows\\explorer.exe", "")))
        .as("no command line (the audit policy is off): the filter cannot be read").isEmpty();
    assertThat(set.matches(json("{\"Event\":{\"System\":{\"EventID\":4688,\"Channel\":\"Security\"},"
        + "\"EventData\":{\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe\",\"CommandLine\":\"rundll32.exe evil.dll,Start\"}}}")))
        .as("no parent (before Windows 10): the filter cannot be read").isEmpty();
  }

  @Test
  void aFilterOnAFieldThe4688LogHas_isReadThere() throws IOException {
    SigmaRuleSet set = rules(rule("Whoami", 3, "    selection:\n        Image|endswith: '\\whoami.exe'\n"
        + "    filter:\n        ParentImage|endswith: '\\inventory-agent.exe'\n    condition: selection and not filter\n"), "evtx");
    assertThat(set.matches(security4688("C:\\Windows\\System32\\whoami.exe", "C:\\Windows\\System32\\cmd.exe", "whoami"))).hasSize(1);
    assertThat(set.matches(security4688("C:\\Windows\\System32\\whoami.exe", "C:\\Tools\\inventory-agent.exe", "whoami"))).isEmpty();
  }

  @Test
  void aFilterDocument_appliesToThe4688Variant_throughTheSameNames() throws IOException {
    String yaml = rule("Whoami", 4, "    selection:\n        Image|endswith: '\\whoami.exe'\n    condition: selection\n")
        + "---\ntitle: inventory agent\nlogsource:\n    product: windows\n    category: process_creation\n"
        + "filter:\n    rules: [51111111-2222-4333-8444-555555555554]\n"
        + "    agent:\n        ParentImage|endswith: '\\inventory-agent.exe'\n    condition: agent\n"
        + "---\ntitle: a filter on what 4688 lacks\nlogsource:\n    product: windows\n    category: process_creation\n"
        + "filter:\n    rules: [51111111-2222-4333-8444-555555555555]\n"
        + "    here:\n        CurrentDirectory|startswith: 'C:\\Tools\\'\n    condition: here\n"
        + "---\n" + rule("Whoami too", 5, "    selection:\n        Image|endswith: '\\whoami.exe'\n    condition: selection\n");
    SigmaRuleSet set = rules(yaml, "evtx");
    assertThat(set.matches(security4688("C:\\Windows\\System32\\whoami.exe", "C:\\Tools\\inventory-agent.exe", "whoami")))
        .extracting(m -> m.rule().title()).isEmpty();
    assertThat(set.matches(security4688("C:\\Windows\\System32\\whoami.exe", "C:\\Windows\\System32\\cmd.exe", "whoami")))
        .extracting(m -> m.rule().title()).as("the filter on CurrentDirectory, unreadable in 4688, excludes its rule there")
        .containsExactly("Whoami");
  }

  @Test
  void aRuleOnlyOnFieldsThe4688LogLacks_neverMatchesThere() throws IOException {
    SigmaRuleSet set = rules(rule("Hash", 6, "    selection:\n        Hashes|contains: 'IMPHASH=ABC'\n    condition: selection\n"), "evtx");
    assertThat(set.matches(security4688("C:\\x.exe", "C:\\y.exe", "x"))).isEmpty();
    assertThat(set.rules()).hasSize(1);
  }

  @Test
  void winlogbeatEvents4688_matchToo() throws IOException {
    SigmaRuleSet set = rules(PipelineTest.PROCESS_RULE, "winlogbeat");
    Event e = json("{\"winlog\":{\"channel\":\"Security\",\"event_id\":4688,"
        + "\"event_data\":{\"NewProcessName\":\"C:\\\\AnyDesk.exe\",\"CommandLine\":\"AnyDesk.exe --service\"}}}");
    assertThat(set.matches(e)).hasSize(1);
  }
}
