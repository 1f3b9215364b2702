package org.unmask.sim.telemetry;

import java.util.List;

/**
 * Ordinary work applications and remote-access tools as endpoint agents report them: process name,
 * install path, signer and the domain the tool calls home to. RMM names, paths and domains follow the
 * LOLRMM catalogue and SigmaHQ (THREAT.md S7); signers follow LOLRMM's certificate list where it has one.
 */
public final class Software {

  /** One program on one OS. {@code %u} in a path is the user's profile name. */
  public record App(String name, String windowsPath, String macName, String macPath, String signer, String parent, String domain, int port) {}

  public static final List<App> COMMON = List.of(
      new App("chrome.exe", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "Google Chrome",
          "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "Google LLC", "explorer.exe", "www.google.com", 443),
      new App("slack.exe", "C:\\Users\\%u\\AppData\\Local\\slack\\app-4.41.105\\slack.exe", "Slack",
          "/Applications/Slack.app/Contents/MacOS/Slack", "Slack Technologies, LLC", "explorer.exe", "edgeapi.slack.com", 443),
      new App("Zoom.exe", "C:\\Users\\%u\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe", "zoom.us",
          "/Applications/zoom.us.app/Contents/MacOS/zoom.us", "Zoom Video Communications, Inc.", "explorer.exe", "zoom.us", 443),
      new App("ms-teams.exe", "C:\\Program Files\\WindowsApps\\MSTeams_24335.208.3315.1951_x64__8wekyb3d8bbwe\\ms-teams.exe", "Microsoft Teams",
          "/Applications/Microsoft Teams.app/Contents/MacOS/MSTeams", "Microsoft Corporation", "explorer.exe", "teams.microsoft.com", 443),
      new App("OUTLOOK.EXE", "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "Microsoft Outlook",
          "/Applications/Microsoft Outlook.app/Contents/MacOS/Microsoft Outlook", "Microsoft Corporation", "explorer.exe", "outlook.office365.com", 443),
      new App("msedge.exe", "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "Safari",
          "/Applications/Safari.app/Contents/MacOS/Safari", "Microsoft Corporation", "explorer.exe", "www.bing.com", 443),
      new App("EXCEL.EXE", "C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE", "Microsoft Excel",
          "/Applications/Microsoft Excel.app/Contents/MacOS/Microsoft Excel", "Microsoft Corporation", "explorer.exe", "officeclient.microsoft.com", 443),
      new App("1Password.exe", "C:\\Users\\%u\\AppData\\Local\\1Password\\app\\8\\1Password.exe", "1Password",
          "/Applications/1Password.app/Contents/MacOS/1Password", "AgileBits Inc.", "explorer.exe", "my.1password.com", 443));

  public static final List<App> ENGINEERING = List.of(
      new App("Code.exe", "C:\\Users\\%u\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe", "Code",
          "/Applications/Visual Studio Code.app/Contents/MacOS/Electron", "Microsoft Corporation", "explorer.exe", "marketplace.visualstudio.com", 443),
      new App("git.exe", "C:\\Program Files\\Git\\cmd\\git.exe", "git", "/usr/bin/git", "Johannes Schindelin", "WindowsTerminal.exe", "github.com", 443),
      new App("WindowsTerminal.exe", "C:\\Program Files\\WindowsApps\\Microsoft.WindowsTerminal_1.21.2911.0_x64__8wekyb3d8bbwe\\WindowsTerminal.exe", "iTerm2",
          "/Applications/iTerm.app/Contents/MacOS/iTerm2", "Microsoft Corporation", "explorer.exe", null, 0),
      new App("Docker Desktop.exe", "C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe", "Docker Desktop",
          "/Applications/Docker.app/Contents/MacOS/Docker Desktop", "Docker Inc", "explorer.exe", "registry-1.docker.io", 443),
      new App("idea64.exe", "C:\\Program Files\\JetBrains\\IntelliJ IDEA 2025.2\\bin\\idea64.exe", "idea",
          "/Applications/IntelliJ IDEA.app/Contents/MacOS/idea", "JetBrains s.r.o.", "explorer.exe", "plugins.jetbrains.com", 443));

  /** Remote-access tools (THREAT.md S7). TeamViewer is the company's sanctioned tool (watchlists allow:). */
  public static final List<App> RMM = List.of(
      new App("AnyDesk.exe", "C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe", "AnyDesk", "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk",
          "philandro Software GmbH", "services.exe", "relay-5b2a7c1d.net.anydesk.com", 443),
      new App("TeamViewer.exe", "C:\\Program Files\\TeamViewer\\TeamViewer.exe", "TeamViewer", "/Applications/TeamViewer.app/Contents/MacOS/TeamViewer",
          "TeamViewer Germany GmbH", "TeamViewer_Service.exe", "router15.teamviewer.com", 5938),
      new App("remoting_host.exe", "C:\\Program Files (x86)\\Google\\Chrome Remote Desktop\\131.0.6778.13\\remoting_host.exe", "remoting_me2me_host",
          "/Library/PrivilegedHelperTools/ChromeRemoteDesktopHost.app/Contents/MacOS/remoting_me2me_host", "Google LLC", "services.exe",
          "remotedesktop-pa.googleapis.com", 443),
      new App("rustdesk.exe", "C:\\Program Files\\RustDesk\\rustdesk.exe", "RustDesk", "/Applications/RustDesk.app/Contents/MacOS/RustDesk",
          "Purslane Ltd.", "services.exe", "rs-ny.rustdesk.com", 21116),
      new App("SRService.exe", "C:\\Program Files (x86)\\Splashtop\\Splashtop Remote\\Server\\SRService.exe", "Splashtop Streamer",
          "/Applications/Splashtop Streamer.app/Contents/MacOS/Splashtop Streamer", "Splashtop Inc.", "services.exe", "relay.splashtop.com", 443),
      new App("ScreenConnect.ClientService.exe", "C:\\Program Files (x86)\\ScreenConnect Client (8f4e2b6a1c3d5e7f)\\ScreenConnect.ClientService.exe",
          "connectwisecontrol-8f4e2b6a1c3d5e7f", "/opt/connectwisecontrol-8f4e2b6a1c3d5e7f.app/Contents/MacOS/ClientService", "ConnectWise, LLC", "services.exe",
          "instance-8f4e2b.relay.screenconnect.com", 443));

  public static final int TEAMVIEWER = 1;

  private Software() {}
}
