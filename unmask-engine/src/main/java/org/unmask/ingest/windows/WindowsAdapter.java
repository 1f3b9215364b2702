package org.unmask.ingest.windows;

import static org.unmask.ingest.VendorFields.add;
import static org.unmask.ingest.VendorFields.baseName;
import static org.unmask.ingest.VendorFields.dataset;
import static org.unmask.ingest.VendorFields.has;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unmask.ingest.Timestamps;
import org.unmask.ingest.VendorAdapter;
import org.unmask.ingest.VendorFields;

/**
 * Windows event log records in the three JSON shapes they are commonly exported in:
 *
 * <ul>
 *   <li>evtx_dump / python-evtx ({@code Event.System.*}, {@code Event.EventData.*}, XML attributes
 *       under {@code #attributes}), the shape of Sigma's regression data;
 *   <li>Winlogbeat / Elastic Agent ECS ({@code winlog.channel}, {@code winlog.event_id},
 *       {@code winlog.event_data.*});
 *   <li>NXLog {@code im_msvistalog} (flat: {@code EventID}, {@code Channel}, event data at the top),
 *       the shape of the OTRF/Mordor datasets.
 * </ul>
 *
 * The adapter only adds ECS fields: the raw names stay, because Sigma's evtx and Winlogbeat field
 * mappings match on them. Mapped onto the contract: Sysmon 1 and Security 4688 (for fleets
 * without Sysmon) -> {@code endpoint.process}, Sysmon
 * 3 -> {@code network.flow}, USB arrivals (Kernel-PnP, DriverFrameworks-UserMode, Security 6416,
 * UserPnp) whose device id holds {@code VID_xxxx&PID_xxxx} -> {@code endpoint.usb}. Everything
 * else keeps a dataset named after its channel: {@code windows.sysmon} (Sysmon 22 gains
 * {@code dns.question.name}), {@code windows.security} (4624/4625 gain user, source IP and outcome),
 * {@code windows.system}, {@code windows.taskscheduler_operational}, ...
 */
public final class WindowsAdapter implements VendorAdapter {

  @Override
  public String name() {
    return "windows";
  }

  @Override
  public boolean recognises(Map<String, Object> f) {
    return f.containsKey("Event.System.EventID") || f.containsKey("Event.System.EventID.#text")
        || f.containsKey("winlog.channel") || f.containsKey("winlog.event_id")
        || (f.containsKey("EventID") && f.containsKey("Channel"));
  }

  @Override
  public String timeField(Map<String, Object> adapted) {
    for (String key : SYSTEM_TIME_FIELDS) {
      if (VendorFields.text(adapted, key) != null) {
        return key;
      }
    }
    return null;
  }

  /** evtx_dump's record time, as its JSON writes it (attributes, or elements). */
  private static final String[] SYSTEM_TIME_FIELDS = {"Event.System.TimeCreated.#attributes.SystemTime", "Event.System.TimeCreated.SystemTime"};

  @Override
  public void adapt(Map<String, Object> f) {
    Shape s = Shape.of(f);
    if (s.time != null) {
      VendorFields.timestamp(f, Timestamps.lenient(s.time), s.time);
    }
    add(f, "host.name", s.computer);
    add(f, "event.code", s.eventId < 0 ? null : String.valueOf(s.eventId));
    add(f, "event.provider", s.provider);
    String channel = s.channel == null ? "" : s.channel.toLowerCase(Locale.ROOT);
    boolean sysmon = channel.contains("sysmon");
    if (sysmon && s.eventId == 1) {
      process(f, s);
    } else if (sysmon && s.eventId == 3) {
      flow(f, s);
    } else if (channel.equals("security") && s.eventId == 4688) {
      securityProcess(f, s);
    } else if (usb(f, s, channel)) {
      return;
    } else {
      dataset(f, datasetFor(channel));
      if (sysmon && s.eventId == 22) {
        add(f, "dns.question.name", s.data("QueryName"));
        executable(f, "process", s.data("Image"));
      } else if (channel.equals("security") && (s.eventId == 4624 || s.eventId == 4625)) {
        logon(f, s);
      }
    }
  }

  /** {@code windows.} plus the channel, with Microsoft-Windows- dropped and punctuation as _. */
  static String datasetFor(String channel) {
    if (channel.isEmpty()) {
      return "windows.unknown";
    }
    String c = channel.startsWith("microsoft-windows-") ? channel.substring("microsoft-windows-".length()) : channel;
    if (c.startsWith("sysmon")) {
      return "windows.sysmon";
    }
    StringBuilder b = new StringBuilder("windows.");
    for (int i = 0; i < c.length() && i < 64; i++) {
      char ch = c.charAt(i);
      b.append(Character.isLetterOrDigit(ch) ? ch : '_');
    }
    return b.toString();
  }

  private static void process(Map<String, Object> f, Shape s) {
    dataset(f, "endpoint.process");
    add(f, "event.action", "start");
    executable(f, "process", s.data("Image"));
    add(f, "process.command_line", s.data("CommandLine"));
    add(f, "process.pid", number(s.raw("ProcessId")));
    add(f, "process.working_directory", s.data("CurrentDirectory"));
    add(f, "process.pe.original_file_name", s.data("OriginalFileName"));
    add(f, "process.pe.company", s.data("Company"));
    add(f, "process.pe.description", s.data("Description"));
    add(f, "process.pe.product", s.data("Product"));
    executable(f, "process.parent", s.data("ParentImage"));
    add(f, "process.parent.command_line", s.data("ParentCommandLine"));
    add(f, "process.parent.pid", number(s.raw("ParentProcessId")));
    user(f, s.data("User"));
    hashes(f, s.data("Hashes"));
  }

  /**
   * Security 4688, process creation as the Security log has it: the new process's path, its
   * command line (when the "include command line" audit policy is on), its parent (Windows 10 and
   * later), and ids in hexadecimal. The account is the new process's ({@code Target*}, Windows 10
   * and later) or else its creator's ({@code Subject*}); no hashes or PE metadata.
   */
  private static void securityProcess(Map<String, Object> f, Shape s) {
    dataset(f, "endpoint.process");
    add(f, "event.action", "start");
    executable(f, "process", s.data("NewProcessName"));
    add(f, "process.command_line", s.data("CommandLine"));
    add(f, "process.pid", number(s.raw("NewProcessId")));
    executable(f, "process.parent", s.data("ParentProcessName"));
    add(f, "process.parent.pid", number(s.raw("ProcessId")));
    String target = account(s.data("TargetUserName"));
    boolean byTarget = target != null;
    add(f, "user.name", byTarget ? target : account(s.data("SubjectUserName")));
    add(f, "user.domain", account(s.data(byTarget ? "TargetDomainName" : "SubjectDomainName")));
  }

  /** A process's path as {@code <prefix>.executable}, and its file name as {@code <prefix>.name}. */
  private static void executable(Map<String, Object> f, String prefix, String path) {
    add(f, prefix + ".executable", path);
    add(f, prefix + ".name", baseName(path));
  }

  /** An account field's value, or null for the Security log's "-" (not applicable). */
  private static String account(String v) {
    return v == null || v.isBlank() || v.equals("-") ? null : v;
  }

  private static void flow(Map<String, Object> f, Shape s) {
    dataset(f, "network.flow");
    add(f, "source.ip", s.data("SourceIp"));
    add(f, "source.port", number(s.raw("SourcePort")));
    add(f, "destination.ip", s.data("DestinationIp"));
    add(f, "destination.port", number(s.raw("DestinationPort")));
    add(f, "destination.domain", s.data("DestinationHostname"));
    String protocol = s.data("Protocol");
    add(f, "network.transport", protocol == null ? null : protocol.toLowerCase(Locale.ROOT));
    // who opened the connection, as Elastic's Sysmon module writes it: the ECS pipeline reads
    // Sigma's Initiated there (40 of SigmaHQ's 51 network_connection rules require 'true')
    String initiated = s.data("Initiated");
    add(f, "network.direction", "true".equalsIgnoreCase(initiated) ? "egress" : "false".equalsIgnoreCase(initiated) ? "ingress" : null);
    executable(f, "process", s.data("Image"));
    user(f, s.data("User"));
  }

  private static void logon(Map<String, Object> f, Shape s) {
    boolean success = s.eventId == 4624;
    add(f, "event.category", List.of("authentication"));
    add(f, "event.action", success ? "logged-in" : "logon-failed");
    add(f, "event.outcome", success ? "success" : "failure");
    add(f, "user.name", s.data("TargetUserName"));
    add(f, "user.domain", s.data("TargetDomainName"));
    add(f, "source.ip", s.data("IpAddress"));
    add(f, "source.port", number(s.raw("IpPort")));
    add(f, "source.domain", s.data("WorkstationName"));
    Long type = number(s.raw("LogonType"));
    add(f, "windows.logon.type", type);
    if (type != null && (type == 2 || type == 7 || type == 10 || type == 11)) { // console, unlock/RDP reconnect, RDP, cached
      add(f, "windows.logon.interactive", Boolean.TRUE);
    }
  }

  /**
   * USB arrivals: any event of the PnP channels (or Security 6416, System UserPnp 20001/20003)
   * whose data holds {@code VID_xxxx&PID_xxxx}. Removal events are not mapped (their ids differ
   * between Windows versions); the arrival is what the detectors need.
   */
  private static boolean usb(Map<String, Object> f, Shape s, String channel) {
    boolean candidate = channel.contains("driverframeworks-usermode") || channel.contains("kernel-pnp")
        || (channel.equals("security") && s.eventId == 6416)
        || (s.provider != null && s.provider.toLowerCase(Locale.ROOT).contains("userpnp"));
    if (!candidate) {
      return false;
    }
    for (Map.Entry<String, Object> e : f.entrySet()) {
      if (!(e.getValue() instanceof String value) || !s.isData(e.getKey())) {
        continue;
      }
      UsbId id = UsbId.parse(value);
      if (id != null) {
        dataset(f, "endpoint.usb");
        add(f, "event.action", "connected");
        add(f, "usb.vendor_id", id.vendor());
        add(f, "usb.product_id", id.product());
        add(f, "usb.serial", id.serial());
        return true;
      }
    }
    return false;
  }

  private static void user(Map<String, Object> f, String user) {
    if (user == null) {
      return;
    }
    int slash = user.indexOf('\\');
    if (slash > 0) {
      add(f, "user.domain", user.substring(0, slash));
      add(f, "user.name", user.substring(slash + 1));
    } else {
      add(f, "user.name", user);
    }
  }

  /** Sysmon's {@code Hashes}: {@code MD5=..,SHA256=..,IMPHASH=..} (no regex: hostile input). */
  private static void hashes(Map<String, Object> f, String hashes) {
    if (hashes == null) {
      return;
    }
    for (String part : hashes.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String algo = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = part.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      switch (algo) {
        case "md5", "sha1", "sha256", "imphash" -> add(f, "process.hash." + algo, value);
        default -> { }
      }
    }
  }

  private static Long number(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof String s) {
      String t = s.trim();
      try {
        return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.valueOf(t);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Where each part of a Windows record lives in the shape at hand. */
  private static final class Shape {
    final Map<String, Object> f;
    final String dataPrefix;
    final String userDataPrefix;
    String channel;
    long eventId = -1;
    String provider;
    String computer;
    String time;

    private Shape(Map<String, Object> f, String dataPrefix, String userDataPrefix) {
      this.f = f;
      this.dataPrefix = dataPrefix;
      this.userDataPrefix = userDataPrefix;
    }

    static Shape of(Map<String, Object> f) {
      Shape s;
      if (f.containsKey("Event.System.EventID") || f.containsKey("Event.System.EventID.#text")) {
        s = new Shape(f, "Event.EventData.", "Event.UserData.");
        s.channel = text(f, "Event.System.Channel");
        Object id = f.containsKey("Event.System.EventID") ? f.get("Event.System.EventID") : f.get("Event.System.EventID.#text");
        s.eventId = id(id);
        s.provider = VendorFields.firstText(f, "Event.System.Provider.#attributes.Name", "Event.System.Provider.Name");
        s.computer = text(f, "Event.System.Computer");
        s.time = VendorFields.firstText(f, SYSTEM_TIME_FIELDS);
      } else if (f.containsKey("winlog.channel") || f.containsKey("winlog.event_id")) {
        s = new Shape(f, "winlog.event_data.", "winlog.user_data.");
        s.channel = text(f, "winlog.channel");
        s.eventId = id(f.get("winlog.event_id"));
        s.provider = text(f, "winlog.provider_name");
        s.computer = VendorFields.firstText(f, "winlog.computer_name", "host.name");
      } else {
        s = new Shape(f, "", null);
        s.channel = text(f, "Channel");
        s.eventId = id(f.get("EventID"));
        s.provider = text(f, "SourceName");
        s.computer = VendorFields.firstText(f, "Hostname", "Computer");
      }
      return s;
    }

    Object raw(String name) {
      return f.get(dataPrefix + name);
    }

    String data(String name) {
      Object v = raw(name);
      if (v == null) {
        return null;
      }
      String s = String.valueOf(v);
      return s.isBlank() || s.equals("-") ? null : s;
    }

    boolean isData(String key) {
      return dataPrefix.isEmpty() || key.startsWith(dataPrefix) || (userDataPrefix != null && key.startsWith(userDataPrefix));
    }

    private static String text(Map<String, Object> f, String key) {
      return VendorFields.text(f, key);
    }

    private static long id(Object v) {
      if (v instanceof Long l) {
        return l;
      }
      if (v instanceof String s) {
        try {
          return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
          return -1;
        }
      }
      return -1;
    }
  }
}
