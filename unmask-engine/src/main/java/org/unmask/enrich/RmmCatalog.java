package org.unmask.enrich;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The catalogue of remote monitoring and management tools (LOLRMM, 319 tools), indexed for the
 * three questions detectors ask: is this process, this code signer, this domain an RMM tool?
 *
 * <p>Lookups are case-insensitive and return every tool that matches (LOLRMM lists some products
 * twice under different names). A few signers and domains are left out of the indexes on purpose
 * because they belong to platforms, not to the tool: a file signed by Microsoft or Google, or a
 * request to github.com, says nothing about remote access ({@link #AMBIGUOUS_PROCESS_NAMES},
 * {@link #AMBIGUOUS_SIGNERS}, {@link #AMBIGUOUS_DOMAINS}); they stay in {@link RmmTool}'s lists for rule authors to see.
 */
public final class RmmCatalog {

  static final String RESOURCE = "rmm-tools.json.gz";

  /**
   * Executable names LOLRMM lists that are Windows built-ins, generic words many unrelated
   * programs use ({@code dwm.exe} is the Desktop Window Manager, {@code setup.exe} is everything)
   * or everyday admin tools (PuTTY, WinSCP, PsExec). Kept in step with the generic lists of
   * tools/generate_rmm_rules.py, so the Sigma rules and these lookups agree.
   */
  static final Set<String> AMBIGUOUS_PROCESS_NAMES = Set.of(
      "*.exe", "7z.exe", "7zip.exe", "agent.exe", "app.exe", "autoupdate.exe", "backup.exe", "chrome.exe",
      "client.exe", "cmd.exe", "connect.exe", "dd.exe", "dwm.exe", "explorer.exe", "helper.exe", "host.exe",
      "httpd.exe", "install.exe", "installer.exe", "installshield setup.exe", "java.exe", "javaw.exe",
      "launcher.exe", "main.exe", "msedge.exe", "msiexec.exe", "mstsc.exe", "music.exe", "nc.exe",
      "ncat.exe", "node.exe", "notificationhelper.exe", "perl.exe", "plink.exe", "powershell.exe",
      "privacyhelper.exe", "psexec.exe", "putty.exe", "python.exe", "qq.exe", "quickassist.exe", "rd.exe",
      "remote.exe", "run.exe", "rundll32.exe", "selfupdater.exe", "server.exe", "service.exe", "setup.exe",
      "si.exe", "ssh.exe", "sshd.exe", "start.exe", "svchost.exe", "tar.exe", "teams.exe", "uninstall.exe",
      "update-shim.exe", "update.exe", "updater.exe", "upload.exe", "usernotificationhelper.exe",
      "viewer.exe", "winscp.exe", "wmic.exe", "wperl.exe");

  /** Signers shared by platforms or bundled libraries; not evidence of any one tool. */
  static final Set<String> AMBIGUOUS_SIGNERS = Set.of(
      "adobe inc.", "adobe systems incorporated", "amazon.com services llc", "apple inc.", "codesigningmico",
      "docker inc", "github, inc.", "globalsigningdig", "google inc", "google llc", "martin prikryl",
      "microsoft corporation", "microsoft windows", "microsoft windows component publisher",
      "mozilla corporation", "node.js foundation", "oculus vr, llc", "oracle america, inc.",
      "python software foundation", "simon tatham", "the tor project, inc.", "tor project",
      "unity technologies aps", "unity technologies sf", "win.rar gmbh");

  /** Shared hosting and code-hosting domains that LOLRMM lists because a tool downloads from them. */
  static final Set<String> AMBIGUOUS_DOMAINS = Set.of(
      "*.akamaized.net", "*.amazonaws.com", "*.apple.com", "*.azurewebsites.net", "*.blob.core.windows.net",
      "*.cloudflare.com", "*.cloudfront.net", "*.github.com", "*.google.com", "*.googleapis.com",
      "*.gstatic.com", "*.herokuapp.com", "*.live.com", "*.microsoft.com", "*.office.com", "*.pages.dev",
      "*.sourceforge.net", "*.windows.net", "amazonaws.com", "apple.com", "cloudflare.com",
      "download.sourceforge.net", "ghcr.io", "github.com", "google.com", "googleapis.com",
      "login.microsoftonline.com", "microsoft.com", "objects.githubusercontent.com", "pages.dev",
      "raw.githubusercontent.com", "sourceforge.net", "user_managed");

  private static volatile RmmCatalog shipped;

  private final List<RmmTool> tools;
  private final Map<String, List<RmmTool>> byProcess = new HashMap<>();
  private final List<Map.Entry<String, RmmTool>> processGlobs = new ArrayList<>();
  private final Map<String, List<RmmTool>> bySigner = new HashMap<>();
  private final Map<String, List<RmmTool>> byExactDomain = new HashMap<>();
  private final Map<String, List<RmmTool>> bySuffixDomain = new HashMap<>(); // "*.x.com" → key "x.com"
  private final List<Map.Entry<String, RmmTool>> domainGlobs = new ArrayList<>();

  RmmCatalog(List<RmmTool> tools) {
    this.tools = List.copyOf(tools);
    for (RmmTool tool : this.tools) {
      for (String process : tool.processNames()) {
        String key = process.toLowerCase(Locale.ROOT);
        if (AMBIGUOUS_PROCESS_NAMES.contains(key)) {
          continue;
        }
        if (key.indexOf('*') >= 0) {
          processGlobs.add(Map.entry(key, tool));
        } else {
          add(byProcess, key, tool);
        }
      }
      for (String signer : tool.signers()) {
        String key = normalizeSigner(signer);
        if (!key.isEmpty() && !AMBIGUOUS_SIGNERS.contains(key)) {
          add(bySigner, key, tool);
        }
      }
      for (String domain : tool.domains()) {
        String key = domain.toLowerCase(Locale.ROOT);
        if (AMBIGUOUS_DOMAINS.contains(key)) {
          continue;
        }
        int star = key.lastIndexOf('*');
        if (star < 0) {
          add(byExactDomain, key, tool);
        } else if (star == 0 && key.startsWith("*.") && key.indexOf('*', 1) < 0) {
          add(bySuffixDomain, key.substring(2), tool);
        } else {
          domainGlobs.add(Map.entry(key, tool));
        }
      }
    }
  }

  private static void add(Map<String, List<RmmTool>> index, String key, RmmTool tool) {
    List<RmmTool> list = index.computeIfAbsent(key, k -> new ArrayList<>(1));
    if (!list.contains(tool)) {
      list.add(tool);
    }
  }

  /** The catalogue shipped in the jar, loaded on first use. */
  public static RmmCatalog shipped() {
    RmmCatalog result = shipped;
    if (result == null) {
      synchronized (RmmCatalog.class) {
        result = shipped;
        if (result == null) {
          try (InputStream in = new GZIPInputStream(ReferenceFiles.resource(RESOURCE))) {
            RmmTool[] loaded = new ObjectMapper().readValue(in, RmmTool[].class);
            result = new RmmCatalog(Arrays.asList(loaded));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped RMM catalogue " + RESOURCE, e);
          }
          shipped = result;
        }
      }
    }
    return result;
  }

  /** Every tool, in LOLRMM's order (for generating rules and documentation). */
  public List<RmmTool> tools() {
    return tools;
  }

  /**
   * Tools whose executable has this name. A full Windows or POSIX path is accepted; only its last
   * part counts ({@code C:\Program Files (x86)\AnyDesk\AnyDesk.exe} → {@code anydesk.exe}).
   */
  public List<RmmTool> byProcessName(String nameOrPath) {
    if (nameOrPath == null || nameOrPath.isBlank()) {
      return List.of();
    }
    String name = baseName(nameOrPath.strip()).toLowerCase(Locale.ROOT);
    if (name.isEmpty() || name.length() > 260) {
      return List.of();
    }
    List<RmmTool> exact = byProcess.getOrDefault(name, List.of());
    Set<RmmTool> found = null;
    for (Map.Entry<String, RmmTool> glob : processGlobs) {
      if (StarPattern.matches(glob.getKey(), name)) {
        if (found == null) {
          found = new LinkedHashSet<>(exact);
        }
        found.add(glob.getValue());
      }
    }
    return found == null ? exact : List.copyOf(found);
  }

  /**
   * Tools whose code is signed by this subject. Accepts a bare organisation name ({@code
   * AnyDesk Software GmbH}) or a distinguished name ({@code CN=AnyDesk Software GmbH, O=...}),
   * whose CN and O are tried in turn.
   */
  public List<RmmTool> bySigner(String subject) {
    if (subject == null || subject.isBlank() || subject.length() > 1024) {
      return List.of();
    }
    List<RmmTool> direct = bySigner.get(normalizeSigner(subject));
    if (direct != null) {
      return direct;
    }
    if (subject.indexOf('=') >= 0) {
      for (String value : distinguishedNameValues(subject)) {
        List<RmmTool> found = bySigner.get(normalizeSigner(value));
        if (found != null) {
          return found;
        }
      }
    }
    return List.of();
  }

  /**
   * Tools that use this domain. {@code *.anydesk.com} in the catalogue matches any subdomain and
   * {@code anydesk.com} itself; a trailing dot and a {@code :port} are ignored.
   */
  public List<RmmTool> byDomain(String domain) {
    if (domain == null || domain.isBlank() || domain.length() > 253 + 6) {
      return List.of();
    }
    String d = domain.strip().toLowerCase(Locale.ROOT);
    int colon = d.lastIndexOf(':');
    if (colon > 0 && d.indexOf(':') == colon) {
      d = d.substring(0, colon);
    }
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    Set<RmmTool> found = new LinkedHashSet<>(byExactDomain.getOrDefault(d, List.of()));
    for (int i = 0; ; ) { // d itself, then each parent domain
      List<RmmTool> suffix = bySuffixDomain.get(d.substring(i));
      if (suffix != null) {
        found.addAll(suffix);
      }
      int dot = d.indexOf('.', i);
      if (dot < 0) {
        break;
      }
      i = dot + 1;
    }
    for (Map.Entry<String, RmmTool> glob : domainGlobs) {
      if (StarPattern.matches(glob.getKey(), d)) {
        found.add(glob.getValue());
      }
    }
    return List.copyOf(found);
  }

  /** The CN and O values of a distinguished name, in that order; commas inside values tolerated. */
  static List<String> distinguishedNameValues(String dn) {
    List<String> parts = new ArrayList<>();
    for (String piece : dn.split(",")) { // String.split on one char: no regex engine involved
      String p = piece.strip();
      int eq = p.indexOf('=');
      boolean startsAttribute = eq > 0 && p.substring(0, eq).chars().allMatch(Character::isLetter);
      if (startsAttribute || parts.isEmpty()) {
        parts.add(p);
      } else {
        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + ", " + p);
      }
    }
    List<String> values = new ArrayList<>();
    for (String attribute : List.of("CN", "O")) {
      for (String p : parts) {
        int eq = p.indexOf('=');
        if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(attribute)) {
          String value = p.substring(eq + 1).strip();
          if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          values.add(value);
        }
      }
    }
    return values;
  }

  static String baseName(String path) {
    int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
    String name = cut >= 0 ? path.substring(cut + 1) : path;
    if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1);
    }
    return name;
  }

  static String normalizeSigner(String signer) {
    StringBuilder out = new StringBuilder(signer.length());
    boolean space = false;
    for (int i = 0; i < signer.length(); i++) { // collapse runs of whitespace
      char c = signer.charAt(i);
      if (Character.isWhitespace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }
}
