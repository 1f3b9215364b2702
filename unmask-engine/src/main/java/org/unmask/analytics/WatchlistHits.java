package org.unmask.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.detect.Subjects;
import org.unmask.enrich.IpEnricher;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.reference.PerReference;
import org.unmask.reference.Person;
import org.unmask.reference.WatchlistEntry;
import org.unmask.state.State;

/**
 * Telemetry that meets an indicator of concern from the dataset's watchlists (every row whose
 * label does not start with {@code allow:}): an address ({@code ip}, {@code cidr}: the enrichment
 * has matched them, {@code P.unmask.watchlist}), a domain contacted or looked up (the domain or
 * any name under it), a binary's SHA-256, a process name (case-insensitive, also the file name of
 * {@code process.executable}) and a USB device ({@code usb_id}: {@code 1d6b:0104},
 * {@code VID_1D6B&PID_0104}, or a vendor alone). The payroll and applicant types (bank account,
 * organisation, phone, e-mail) are matched where those records are read. Each indicator is
 * reported once per person (or, for a laptop without a known owner, per device).
 */
public final class WatchlistHits implements Detector<WatchlistHits.Reported> {

  static final RuleSpec ADDRESS = new RuleSpec(
      "unmask.watchlist.address", "Address on a watchlist", Severity.HIGH, List.of("T1090"), "network", 30);
  static final RuleSpec DOMAIN = new RuleSpec(
      "unmask.watchlist.domain", "Domain on a watchlist", Severity.HIGH, List.of("T1071"), "network", 35);
  static final RuleSpec FILE = new RuleSpec(
      "unmask.watchlist.file", "Program on a watchlist", Severity.HIGH, List.of("T1204.002"), "endpoint", 40);
  /**
   * Medium and light: a USB id names a kind of device, not one device. The usual entry, the Linux
   * gadget default 1d6b:0104 that DIY IP-KVMs reuse, is also what an engineer's Raspberry Pi shows;
   * the hardware rules tell the two apart by what the device presents, which a list cannot.
   */
  static final RuleSpec USB = new RuleSpec(
      "unmask.watchlist.usb", "USB device on a watchlist", Severity.MEDIUM, List.of("T1200"), "endpoint", 12);

  /** Indicators remembered per person or device: bounded, because matches are attacker-driven. */
  static final int MAX_REPORTED = 256;

  private static final List<String> IP_FIELDS = IpEnricher.IP_FIELDS;
  /** Where the enrichment lists an address's concern labels: {@code source.ip} → {@code source.unmask.watchlist}. */
  private static final String[] WATCHLIST_FIELDS = IP_FIELDS.stream()
      .map(f -> f.substring(0, f.length() - 3) + ".unmask.watchlist").toArray(String[]::new);
  private static final List<String> DOMAIN_FIELDS = List.of("url.domain", "destination.domain", "dns.question.name");
  private static final Pattern USB_ID = Pattern.compile(
      "(?i)^\\s*(?:vid_|0x)?([0-9a-f]{4})(?:\\s*[:/&_\\-]+\\s*(?:pid_|0x)?([0-9a-f]{4}))?\\s*$");

  public static List<RuleSpec> rules() {
    return List.of(ADDRESS, DOMAIN, FILE, USB);
  }

  /** The indicators already reported for one person or device. */
  public static final class Reported {
    public Set<String> indicators = new LinkedHashSet<>();
  }

  /** The watchlists' indicators, indexed once per reference data. */
  private final PerReference<Indicators> indicators = new PerReference<>(r -> Indicators.of(r.watchlist()));

  @Override
  public String id() {
    return "unmask.watchlist";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    if (hits(event, indicators.of(context.reference())).isEmpty()) {
      return null;
    }
    Person p = Subjects.personOf(event, context.reference());
    if (p != null) {
      return "person:" + p.personId();
    }
    String host = event.text("host.id");
    return host == null ? null : "device:" + host;
  }

  @Override
  public void onEvent(Event event, State<Reported> state, DetectionContext context) {
    Person person = Subjects.personOf(event, context.reference());
    String host = event.text("host.id");
    if (person == null && host == null) {
      return;
    }
    EntityRef entity = person != null ? EntityRef.person(person.personId()) : EntityRef.device(host);
    Reported reported = state.value() == null ? new Reported() : state.value();
    boolean changed = false;
    for (Hit hit : hits(event, indicators.of(context.reference()))) {
      if (reported.indicators.size() >= MAX_REPORTED || !reported.indicators.add(hit.rule().id() + "|" + hit.value())) {
        continue;
      }
      changed = true;
      context.emit(hit.rule().finding(entity, event, (person != null ? person.personId() : "Laptop " + host)
          + " " + hit.what() + ", which is on the watchlist: " + hit.labels() + "."));
    }
    if (changed) {
      state.update(reported);
    }
  }

  /** A match: the rule, the indicator value, what the event did with it, and the list's words. */
  private record Hit(RuleSpec rule, String value, String what, String labels) {}

  private static List<Hit> hits(Event event, Indicators ind) {
    List<Hit> hits = null;
    for (int i = 0; i < IP_FIELDS.size(); i++) {
      if (event.get(WATCHLIST_FIELDS[i]) instanceof List<?> labels && !labels.isEmpty()) {
        String field = IP_FIELDS.get(i);
        String ip = event.text(field);
        hits = add(hits, new Hit(ADDRESS, ip, "used the address " + ip + " (" + field + ")", quoted(event.texts(WATCHLIST_FIELDS[i]))));
      }
    }
    // each kind is looked for only when some row has it: this runs on every event of a scan
    for (int i = 0; i < DOMAIN_FIELDS.size() && !ind.domains.isEmpty(); i++) {
      String field = DOMAIN_FIELDS.get(i);
      String domain = event.text(field);
      WatchlistEntry e = domain == null ? null : ind.domain(domain);
      if (e != null) {
        hits = add(hits, new Hit(DOMAIN, e.value(), "reached " + domain + " (" + field + ")", quoted(e)));
      }
    }
    String sha = ind.sha256.isEmpty() ? null : event.text("process.hash.sha256");
    WatchlistEntry bySha = sha == null ? null : ind.sha256.get(sha.trim().toLowerCase(Locale.ROOT));
    if (bySha != null) {
      hits = add(hits, new Hit(FILE, bySha.value(), "ran a program with SHA-256 " + sha, quoted(bySha)));
    }
    String name = ind.processNames.isEmpty() ? null : processName(event);
    WatchlistEntry byName = name == null ? null : ind.processNames.get(name);
    if (byName != null) {
      hits = add(hits, new Hit(FILE, byName.value(), "ran " + name, quoted(byName)));
    }
    String vendor = ind.usb.isEmpty() ? null : hex4(event.text("usb.vendor_id"));
    if (vendor != null) {
      String product = hex4(event.text("usb.product_id"));
      WatchlistEntry byUsb = product == null ? null : ind.usb.get(vendor + ":" + product);
      if (byUsb == null) {
        byUsb = ind.usb.get(vendor);
      }
      if (byUsb != null) {
        hits = add(hits, new Hit(USB, byUsb.value(), "attached the USB device " + vendor + ":" + (product == null ? "?" : product)
            + describeUsb(event), quoted(byUsb)));
      }
    }
    return hits == null ? List.of() : hits;
  }

  private static List<Hit> add(List<Hit> hits, Hit hit) {
    List<Hit> out = hits == null ? new ArrayList<>(2) : hits;
    out.add(hit);
    return out;
  }


  private static String processName(Event event) {
    String name = event.text("process.name");
    if (name == null) {
      String exe = event.text("process.executable");
      if (exe == null) {
        return null;
      }
      name = exe.substring(Math.max(exe.lastIndexOf('\\'), exe.lastIndexOf('/')) + 1);
    }
    name = name.trim().toLowerCase(Locale.ROOT);
    return name.isEmpty() ? null : name;
  }

  private static String describeUsb(Event event) {
    String product = event.text("usb.product");
    return product == null || product.isBlank() ? "" : " (" + product + ")";
  }

  /** Four lower-case hex digits from an id written with or without {@code 0x}; null otherwise. */
  private static String hex4(String id) {
    if (id == null) {
      return null;
    }
    String s = id.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    return s.length() == 4 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? s : null;
  }

  private static String quoted(List<String> labels) {
    return "'" + String.join("', '", labels) + "'";
  }

  private static String quoted(WatchlistEntry e) {
    return "'" + e.label() + "'" + (e.source().isEmpty() ? "" : " (" + e.source() + ")");
  }

  /** The watchlists' concern rows, by kind, ready for lookups. */
  private static final class Indicators {
    final Map<String, WatchlistEntry> domains = new HashMap<>();
    final Map<String, WatchlistEntry> sha256 = new HashMap<>();
    final Map<String, WatchlistEntry> processNames = new HashMap<>();
    /** By {@code vvvv:pppp}, or {@code vvvv} for a whole vendor. */
    final Map<String, WatchlistEntry> usb = new HashMap<>();

    static Indicators of(List<WatchlistEntry> watchlist) {
      Indicators ind = new Indicators();
      for (WatchlistEntry e : watchlist) {
        if (e.isAllow()) {
          continue;
        }
        String v = e.value().trim().toLowerCase(Locale.ROOT);
        switch (e.type()) {
          case DOMAIN -> {
            String d = v.startsWith("*.") ? v.substring(2) : v.startsWith(".") ? v.substring(1) : v;
            if (!d.isEmpty()) {
              ind.domains.putIfAbsent(d, e);
            }
          }
          case SHA256 -> ind.sha256.putIfAbsent(v, e);
          case PROCESS_NAME -> ind.processNames.putIfAbsent(v, e);
          case USB_ID -> {
            Matcher m = USB_ID.matcher(v);
            if (m.matches()) {
              ind.usb.putIfAbsent(m.group(2) == null ? m.group(1) : m.group(1) + ":" + m.group(2), e);
            }
          }
          default -> { }
        }
      }
      return ind;
    }

    /** The row for this domain or the nearest domain above it ({@code a.b.evil.com} → {@code evil.com}). */
    WatchlistEntry domain(String name) {
      String d = name.trim().toLowerCase(Locale.ROOT);
      if (d.endsWith(".")) {
        d = d.substring(0, d.length() - 1);
      }
      for (int labels = 0; labels < 64 && !d.isEmpty(); labels++) {
        WatchlistEntry e = domains.get(d);
        if (e != null) {
          return e;
        }
        int dot = d.indexOf('.');
        if (dot < 0) {
          return null;
        }
        d = d.substring(dot + 1);
      }
      return null;
    }
  }
}
