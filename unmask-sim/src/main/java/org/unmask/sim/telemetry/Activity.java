package org.unmask.sim.telemetry;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.unmask.sim.negatives.HardNegative;
import org.unmask.sim.persona.Persona;
import org.unmask.sim.persona.PersonaKind;
import org.unmask.sim.persona.Tradecraft;
import org.unmask.sim.world.Catalog;
import org.unmask.sim.world.Employee;
import org.unmask.sim.world.NetRange;
import org.unmask.sim.world.World;

/**
 * Writes one person's telemetry for one local day: sign-ins, VPN sessions, process starts, peripherals,
 * inventory snapshots, flows, proxy records and source-code audit, following their rhythm in the zone
 * they really work in. Hidden workers add their techniques on top of an otherwise ordinary day, because
 * that is what they look like: real work, done from the wrong place, by the wrong people.
 */
public final class Activity {

  private static final long MIN = 60_000L;
  private static final long HOUR = 3_600_000L;

  private static final String[] WIN_UA = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0"};
  private static final String[] MAC_UA = {
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"};
  private static final String[] MOBILE_UA = {
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Okta Verify/9.27.0 (iPhone; iOS 18.1; Scale/3.00)",
    "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"};

  private static final String[][] BROWSING = {
    {"github.com", "/"}, {"stackoverflow.com", "/questions/"}, {"docs.google.com", "/document/d/"}, {"mail.google.com", "/mail/u/0/"},
    {"acme.atlassian.net", "/browse/ENG-"}, {"www.figma.com", "/file/"}, {"www.linkedin.com", "/feed/"}, {"app.salesforce.com", "/lightning/r/"},
    {"www.nytimes.com", "/2026/"}, {"news.ycombinator.com", "/item?id="}, {"calendar.google.com", "/calendar/u/0/r"}, {"www.notion.so", "/acme/"}};
  private static final String[] PERSONAL_UPLOAD = {"drive.google.com", "www.dropbox.com", "onedrive.live.com"};
  private static final String[] VIDEO_UPLOAD = {"vimeo.com", "upload.youtube.com", "wetransfer.com", "www.dropbox.com"};
  private static final String[] EXFIL_UPLOAD = {"mega.nz", "gofile.io", "transfer.sh", "file.io", "wetransfer.com", "www.mediafire.com"};

  static final String[][] REPOS = {
    {"web-app", "internal"}, {"mobile-app", "internal"}, {"platform-api", "internal"}, {"infra-terraform", "restricted"},
    {"payments-core", "restricted"}, {"customer-data-pipeline", "restricted"}, {"auth-service", "restricted"},
    {"design-system", "internal"}, {"docs", "public"}, {"sdk-python", "public"}, {"sdk-js", "public"}, {"ml-models", "restricted"},
    {"billing-service", "internal"}, {"search-indexer", "internal"}, {"dev-tools", "internal"}};

  private final World world;
  private final Catalog catalog;
  private final EventSink sink;
  private final String org;
  private final Json json = new Json();
  private final DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;

  public Activity(World world, Catalog catalog, EventSink sink, String org) {
    this.world = world;
    this.catalog = catalog;
    this.sink = sink;
    this.org = org;
  }

  /** Where the laptop is and how it reaches the internet today. */
  private record Place(String ip, String ssid, String bssid, String privateIp, ZoneId zone) {}

  /** A stretch of work in epoch millis. */
  private record Session(long start, long end) {}

  public void day(Employee e, LocalDate day, int dayIndex, SplittableRandom r) {
    LocalDate deliveryDay = deliveryDay(e);
    if (day.isBefore(deliveryDay) || (e.endDate != null && day.isAfter(e.endDate))) {
      return;
    }
    Persona p = e.persona;
    boolean delivery = day.equals(deliveryDay);
    Place place = place(e, day, dayIndex, r);
    // The laptop may arrive before the first day of work: it is enrolled, but nobody works on it yet.
    List<Session> sessions = day.isBefore(e.hireDate) ? List.of() : sessions(e, day, place.zone, r);
    if (delivery) {
      // The laptop is unboxed: enrolment snapshot and first peripherals, even if no work happens yet.
      long at = day.atTime(sessions.isEmpty() ? 10 : 9, 0).atZone(place.zone).toInstant().toEpochMilli() + r.nextLong(HOUR);
      if (!sessions.isEmpty()) {
        at = Math.min(at, sessions.get(0).start);
      }
      inventory(e, at, place, day, r);
      peripherals(e, at + 2 * MIN, r, true);
      if (p != null && p.uses(Tradecraft.LAPTOP_FARM)) {
        p.observed(at);
      }
    }
    if (sessions.isEmpty()) {
      return;
    }
    if (p != null) {
      p.active(sessions.get(0).start);
      if (p.uses(Tradecraft.ASIA_HOURS) || p.uses(Tradecraft.STRETCHED_DAY)) {
        // The operators' shift (the last block) is the off-hours activity.
        p.observed(sessions.get(sessions.size() - 1).start);
      }
    }
    boolean kit = p != null && !day.isBefore(deliveryDay(e).plusDays(p.kitDelayDays));
    boolean firstKitDay = p != null && day.equals(deliveryDay(e).plusDays(p.kitDelayDays));
    for (int s = 0; s < sessions.size(); s++) {
      Session session = sessions.get(s);
      long t = session.start;
      String ua = desktopUa(e, r);
      signIn(e, t, place.ip, ua, r);
      // Single sign-on into further apps every two to three hours of a long block, as IdP logs show.
      for (long k = t + 150 * MIN + r.nextLong(30 * MIN); k < session.end; k += 150 * MIN + r.nextLong(60 * MIN)) {
        emitSignIn(e, k, place.ip, ua, "user.authentication.sso", "success", null);
      }
      vpn(e, t + MIN + r.nextLong(4 * MIN), "start", place.ip);
      vpn(e, session.end, "end", place.ip);
      if (p != null && p.uses(Tradecraft.LAPTOP_FARM)) {
        p.observed(t);
      }
      if (s == 0) {
        inventory(e, t + 5 * MIN + r.nextLong(10 * MIN), place, day, r);
        if (!delivery && r.nextInt(100) < 45) {
          peripherals(e, t + r.nextLong(20 * MIN), r, false);
          if (!e.peripherals.isEmpty() && r.nextInt(100) < 50) {
            // Undocking at the end of the day.
            Catalog.Usb u = e.peripherals.get(0);
            usb(e, sessions.get(sessions.size() - 1).end - r.nextLong(5 * MIN), "disconnected", u.vid(), u.pid(), u.manufacturer(), u.product(),
                serialOf(e.deviceId + 0), classes(u.kind()));
          }
        }
        if (kit) {
          kvm(e, t + 3 * MIN, r, firstKitDay);
        }
        apps(e, t + 2 * MIN, session.end, r, kit);
      } else {
        inventory(e, t + 3 * MIN, place, day, r);
      }
      long length = session.end - session.start;
      int proxies = (int) (length / HOUR) + r.nextInt(3);
      for (int i = 0; i < proxies; i++) {
        proxy(e, t + r.nextLong(Math.max(1, length)), place, r);
      }
      int flows = (int) (length / (90 * MIN)) + r.nextInt(2);
      for (int i = 0; i < flows; i++) {
        flow(e, t + r.nextLong(Math.max(1, length)), place, null, r);
      }
      if (kit && p.rmmTool >= 0) {
        flow(e, t + 4 * MIN, place, Software.RMM.get(p.rmmTool), r);
      }
      if (e.negatives.contains(HardNegative.IT_RMM) && r.nextInt(100) < 60) {
        flow(e, t + r.nextLong(Math.max(1, length)), place, Software.RMM.get(Software.TEAMVIEWER), r);
      }
      if (e.engineer) {
        int git = (int) (length / (2 * HOUR)) + r.nextInt(2);
        for (int i = 0; i < git; i++) {
          git(e, t + r.nextLong(Math.max(1, length)), place.ip, r, false);
        }
      }
    }
    Session first = sessions.get(0);
    long mobileAt = first.start + r.nextLong(Math.max(1, first.end - first.start));
    if (r.nextInt(100) < 30 && (p == null || p.kind == PersonaKind.CAREFUL)) {
      // A phone sign-in over the mobile carrier, during the person's day.
      mobileSignIn(e, mobileAt, mobileIp(e, day, r), MOBILE_UA[r.nextInt(MOBILE_UA.length)]);
    } else if (p != null && p.uses(Tradecraft.SHARED_MFA_DEVICE) && r.nextInt(100) < 40) {
      // The facilitator's phone on the farm's Wi-Fi approves the prompt.
      mobileSignIn(e, mobileAt, place.ip, MOBILE_UA[1]);
      p.observed(mobileAt);
    } else if (p != null && p.uses(Tradecraft.VPN_SIGNIN) && r.nextInt(100) < 20) {
      // The worker's own phone, abroad, behind the same VPN.
      mobileSignIn(e, mobileAt, catalog.range(r.nextBoolean() ? "astrill" : "vpn", r).randomIp(r), MOBILE_UA[1]);
      p.observed(mobileAt);
    }
    if (e.negatives.contains(HardNegative.PRIVACY_VPN) && r.nextInt(100) < 50) {
      signIn(e, first.start + r.nextLong(HOUR), e.privacyVpnIp, desktopUa(e, r), r);
    }
    if (p != null) {
      operatorSignIns(e, p, first, day, r);
      if (p.uses(Tradecraft.EXFILTRATION) && day.equals(exfiltrationDay(e))) {
        exfiltrate(e, first, place, r);
      }
    }
    if (e.negatives.contains(HardNegative.LARGE_UPLOAD) && r.nextInt(100) < 8) {
      upload(e, first.start + r.nextLong(Math.max(1, first.end - first.start)), place, VIDEO_UPLOAD[r.nextInt(VIDEO_UPLOAD.length)],
          300_000_000L + r.nextLong(3_500_000_000L));
    }
  }

  public static LocalDate deliveryDay(Employee e) {
    // Ground shipping: two to four days after it ships; never after the first day of work.
    LocalDate arrives = e.shippedAt.plusDays(2 + Math.floorMod(e.index, 3));
    return arrives.isAfter(e.hireDate) ? e.hireDate : arrives;
  }

  public static LocalDate exfiltrationDay(Employee e) {
    LocalDate from = deliveryDay(e).plusDays(20 + Math.floorMod(e.index * 7, 40));
    return from;
  }

  // ---- where and when ----

  private Place place(Employee e, LocalDate day, int dayIndex, SplittableRandom r) {
    String privateIp = "192.168." + (e.persona != null && e.persona.farmId != null ? "0." + (100 + e.index % 150) : "1." + (20 + e.index % 200));
    ZoneId zone = e.zone;
    if (e.tripStart != null && !day.isBefore(e.tripStart) && !day.isAfter(e.tripEnd)) {
      String kind = e.tripKind;
      String ip = kind.equals("kr") ? catalog.range(r.nextBoolean() ? "kr_mobile" : "kr", r).randomIp(r)
          : kind.equals("vpn") ? catalog.range("hosting", r).randomIp(r) : catalog.range(kind, r).randomIp(r);
      return new Place(ip, "Hotel-Guest", bssidOf(e.personId + day), "10.12." + (e.index % 250) + ".7", ZoneId.of(e.tripZone));
    }
    int weekdayBit = 1 << (day.getDayOfWeek().getValue() - 1);
    if (e.coworkingIp != null && (e.officeDaysMask & weekdayBit) != 0 && r.nextInt(100) < 80) {
      return new Place(e.coworkingIp, "WeWork", bssidOf("cowork" + e.coworkingIp), "10.40." + (e.index % 250) + ".12", zone);
    }
    if (e.negatives.contains(HardNegative.OFFICE) && (e.officeDaysMask & weekdayBit) != 0 && r.nextInt(100) < 85) {
      return new Place(world.officeIp, "ACME-CORP", bssidOf("office" + (e.index % 6)), "10.1.20." + (e.index % 250), zone);
    }
    if (e.cgnatPool >= 0) {
      // CGNAT: the carrier hands out a shared address that changes; strangers land on the same ones.
      String ip = world.cgnatPool.get(Math.floorMod(e.cgnatPool + dayIndex * 5 + r.nextInt(3), world.cgnatPool.size()));
      return new Place(ip, e.ssid, e.bssid, privateIp, zone);
    }
    return new Place(e.homeIp, e.ssid, e.bssid, privateIp, zone);
  }

  private String mobileIp(Employee e, LocalDate day, SplittableRandom r) {
    if (e.tripStart != null && !day.isBefore(e.tripStart) && !day.isAfter(e.tripEnd)) {
      return e.tripKind.equals("kr") ? catalog.range("kr_mobile", r).randomIp(r) : catalog.range("mobile", r).randomIp(r);
    }
    return r.nextInt(4) == 0 ? catalog.range("mobile", r).randomIp(r) : e.mobileIp;
  }

  private List<Session> sessions(Employee e, LocalDate day, ZoneId placeZone, SplittableRandom r) {
    List<Session> out = new ArrayList<>(3);
    Persona p = e.persona;
    DayOfWeek dow = day.getDayOfWeek();
    boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    if (p != null && (p.uses(Tradecraft.ASIA_HOURS) || p.uses(Tradecraft.STRETCHED_DAY))) {
      ZoneId op = ZoneId.of(p.operatorZone);
      // The operators keep a six-day week in their own zone (quota of >= $10k a month, THREAT.md section 5).
      boolean work = dow == DayOfWeek.SUNDAY ? r.nextInt(100) < 8 : dow == DayOfWeek.SATURDAY ? r.nextInt(100) < 40 : r.nextInt(100) < 97;
      if (!work) {
        return out;
      }
      if (p.uses(Tradecraft.STRETCHED_DAY)) {
        out.add(block(day, e.zone, 8.8 + r.nextGaussian() * 0.4, 4 + r.nextDouble(), r));
        out.add(block(day.plusDays(1), op, 8.5 + r.nextGaussian() * 0.5, 5 + r.nextDouble() * 2, r));
      } else {
        double start = 8.7 + r.nextGaussian() * 0.5;
        out.add(block(day, op, start, 4 + r.nextDouble() * 0.5, r));
        out.add(block(day, op, start + 5, 4.5 + r.nextDouble() * 2, r));
      }
      return out;
    }
    if (e.tripStart != null && (day.equals(e.tripStart) || day.equals(e.tripEnd.plusDays(1)))) {
      return out; // a travel day: the flight out, and the flight home, leave no sessions
    }
    boolean onCall = e.onCallWeekParity >= 0 && Math.floorMod((int) (day.toEpochDay() / 7), 6) == e.onCallWeekParity;
    boolean work = weekend ? r.nextDouble() < e.weekendProbability : r.nextInt(100) < 95;
    if (work) {
      double start = e.startHour + r.nextGaussian() * 0.45;
      double length = e.dayHours + r.nextGaussian() * 0.5;
      if (weekend) {
        length = 1 + r.nextDouble() * 2;
      }
      if (!weekend && r.nextInt(100) < 65) {
        double lunch = Math.max(start + 2.5, 12 + r.nextGaussian() * 0.4);
        out.add(block(day, placeZone, start, lunch - start, r));
        double back = lunch + 0.5 + r.nextDouble() * 0.5;
        out.add(block(day, placeZone, back, start + length + 0.6 - back, r));
      } else {
        out.add(block(day, placeZone, start, length, r));
      }
      if (r.nextInt(100) < 5) {
        out.add(block(day, placeZone, 21 + r.nextDouble() * 1.5, 0.5 + r.nextDouble(), r));
      }
    }
    if (onCall && r.nextInt(100) < 30) {
      out.add(block(day.plusDays(1), placeZone, 1 + r.nextDouble() * 3, 0.3 + r.nextDouble() * 0.6, r));
    }
    return out;
  }

  private static Session block(LocalDate day, ZoneId zone, double startHour, double hours, SplittableRandom r) {
    long start = day.atStartOfDay(zone).toInstant().toEpochMilli() + (long) (startHour * HOUR) + r.nextLong(MIN);
    long end = start + (long) (Math.max(0.25, hours) * HOUR);
    return new Session(start, end);
  }

  // ---- datasets ----

  private String ts(long at) {
    return iso.format(Instant.ofEpochMilli(at));
  }

  private void signIn(Employee e, long at, String ip, String ua, SplittableRandom r) {
    if (r.nextInt(100) < 3) {
      emitSignIn(e, at - 40_000 - r.nextLong(MIN), ip, ua, "user.session.start", "failure", "INVALID_CREDENTIALS");
    }
    emitSignIn(e, at, ip, ua, "user.session.start", "success", null);
  }

  private void mobileSignIn(Employee e, long at, String ip, String ua) {
    emitSignIn(e, at, ip, ua, "user.session.start", "success", null, e.phoneDeviceId);
  }

  private void emitSignIn(Employee e, long at, String ip, String ua, String action, String outcome, String reason) {
    emitSignIn(e, at, ip, ua, action, outcome, reason, null);
  }

  private void emitSignIn(Employee e, long at, String ip, String ua, String action, String outcome, String reason, String deviceId) {
    json.begin().str("@timestamp", ts(at))
        .obj("event").str("dataset", "idp.signin").strings("category", List.of("authentication")).str("action", action)
        .str("outcome", outcome).end();
    json.obj("user").str("email", e.email).end().obj("source").str("ip", ip).end().obj("user_agent").str("original", ua).end();
    if (deviceId != null) {
      json.obj("device").str("id", deviceId).end();
    }
    if (reason != null) {
      json.obj("error").str("code", reason).end();
    }
    sink.accept("idp.signin", at, json.line());
  }

  private void vpn(Employee e, long at, String action, String ip) {
    json.begin().str("@timestamp", ts(at)).obj("event").str("dataset", "vpn.session").str("action", action).end()
        .obj("user").str("email", e.email).end().obj("host").str("id", e.deviceId).end().obj("source").str("ip", ip).end()
        .obj("destination").str("ip", world.vpnConcentratorIp).end();
    sink.accept("vpn.session", at, json.line());
  }

  private void inventory(Employee e, long at, Place place, LocalDate day, SplittableRandom r) {
    Persona p = e.persona;
    String tz = place.zone.getId();
    if (e.tripStart != null && !day.isBefore(e.tripStart) && !day.isAfter(e.tripEnd) && r.nextInt(100) < 50) {
      tz = e.zone.getId();
    }
    if (p != null && p.uses(Tradecraft.ASIAN_DEVICE_TIMEZONE) && Math.floorMod(day.toEpochDay() + e.index, 4) == 0) {
      tz = p.operatorZone.equals("Asia/Pyongyang") ? "Asia/Seoul" : p.operatorZone;
      p.observed(at);
    }
    if (p != null && p.uses(Tradecraft.KOREAN_KEYBOARD)) {
      p.observed(at);
    }
    json.begin().str("@timestamp", ts(at)).obj("event").str("dataset", "endpoint.inventory").str("action", "snapshot").end()
        .obj("host").str("id", e.deviceId).str("name", e.hostname).str("public_ip", place.ip)
        .obj("os").str("name", e.mac ? "macOS 15.1" : "Windows 11").end()
        .obj("locale").str("timezone", tz).strings("keyboard_layouts", e.keyboardLayouts).end().end()
        .obj("network").obj("wifi").str("ssid", place.ssid).str("bssid", place.bssid).end().end();
    sink.accept("endpoint.inventory", at, json.line());
  }

  private void peripherals(Employee e, long at, SplittableRandom r, boolean all) {
    long t = at;
    for (int i = 0; i < e.peripherals.size(); i++) {
      if (all || r.nextInt(100) < 50) {
        Catalog.Usb u = e.peripherals.get(i);
        usb(e, t, "connected", u.vid(), u.pid(), u.manufacturer(), u.product(), serialOf(e.deviceId + i), classes(u.kind()));
        t += 1000 + r.nextLong(20_000);
      }
    }
    for (int i = 0; i < e.monitors.size(); i++) {
      Catalog.Monitor m = e.monitors.get(i);
      display(e, t, m.pnp(), m.productCode(), m.name(), serialOf(e.serial + i).substring(0, 8));
      t += 500;
    }
    if (e.negatives.contains(HardNegative.RASPBERRY_PI) && r.nextInt(100) < 30) {
      // A Pi Zero on the desk in USB-gadget mode: Linux Foundation ids, kernel strings, network + storage, no HID.
      usb(e, t + 5 * MIN, "connected", "1d6b", "0104", "Linux 6.6.31+rpt-rpi-v6 with 20980000.usb", "Multifunction Composite Gadget",
          serialOf("pi" + e.personId).substring(0, 16), List.of("02", "0a", "08"));
    }
    if (e.negatives.contains(HardNegative.KVM_SWITCH)) {
      usb(e, t + 2000, "connected", "0557", "2213", "ATEN International Co., Ltd", "CS682 2-Port USB 2.0 DVI KVM Switch", null, List.of("03", "03"));
    }
  }

  private static List<String> classes(String kind) {
    return switch (kind) {
      case "keyboard", "mouse" -> List.of("03");
      case "headset" -> List.of("01", "03");
      case "webcam" -> List.of("0e", "01");
      case "dock" -> List.of("09", "02");
      case "key" -> List.of("03", "0b");
      case "storage" -> List.of("08");
      default -> List.of("ff");
    };
  }

  private void kvm(Employee e, long at, SplittableRandom r, boolean firstDay) {
    Persona p = e.persona;
    if (!firstDay && r.nextInt(100) >= 25) {
      return;
    }
    if (p.uses(Tradecraft.PIKVM)) {
      int v = Math.floorMod(e.index, 4);
      usb(e, at, "connected", "1d6b", "0104", "PiKVM", "PiKVM Composite Device", "CAFEBABE", List.of("03", "03", "08"));
      display(e, at + 1500, "LNX", "777" + v, new String[] {"PiKVM", "PiKVM V3", "PiKVM V4 Mini", "PiKVM V4 Plus"}[v], "CAFEBABE");
      p.observed(at);
    } else if (p.uses(Tradecraft.TINYPILOT)) {
      usb(e, at, "connected", "1d6b", "0104", "tinypilot", "Multifunction USB Device", "6b65796d696d6570690", List.of("03", "03"));
      display(e, at + 1500, "TSB", "9876", "TinyPilot", "88888800");
      p.observed(at);
    } else if (p.uses(Tradecraft.SPOOFED_KVM)) {
      // Spoofed: a Dell keyboard's VID:PID presented by a gadget that also offers an absolute mouse and storage,
      // and an EDID whose name contradicts its manufacturer id (kvmd-edidconf --set-monitor-name without --set-mfc-id).
      Catalog.Usb dell = catalog.usb("keyboard", "413c", new SplittableRandom(e.index));
      usb(e, at, "connected", dell.vid(), dell.pid(), "Dell", dell.product(), serialOf("kvm" + e.index).substring(0, 12),
          List.of("03", "03", "08"));
      String[][] mismatch = {{"LNX", "7771", "DELL U2723QE"}, {"SAM", "a0f4", "DELL P2422H"}, {"TSB", "9876", "LG ULTRAFINE"}, {"LNX", "0000", "HP E24 G5"}};
      String[] m = mismatch[Math.floorMod(e.index, mismatch.length)];
      display(e, at + 1500, m[0], m[1], m[2], "01010101");
      p.observed(at);
    }
  }

  private void usb(Employee e, long at, String action, String vid, String pid, String maker, String product, String serial, List<String> classes) {
    json.begin().str("@timestamp", ts(at)).obj("event").str("dataset", "endpoint.usb").str("action", action).end()
        .obj("host").str("id", e.deviceId).str("name", e.hostname).end()
        .obj("usb").str("vendor_id", vid).str("product_id", pid).str("manufacturer", maker).str("product", product).str("serial", serial)
        .strings("interface_classes", classes).end();
    sink.accept("endpoint.usb", at, json.line());
  }

  private void display(Employee e, long at, String pnp, String product, String name, String serial) {
    json.begin().str("@timestamp", ts(at)).obj("event").str("dataset", "endpoint.display").str("action", "connected").end()
        .obj("host").str("id", e.deviceId).str("name", e.hostname).end()
        .obj("display").obj("edid").str("manufacturer_id", pnp).str("product_code", product).str("monitor_name", name).str("serial", serial).end().end();
    sink.accept("endpoint.display", at, json.line());
  }

  private void apps(Employee e, long at, long end, SplittableRandom r, boolean kit) {
    long t = at;
    int n = 3 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      process(e, t, Software.COMMON.get(r.nextInt(Software.COMMON.size())), r);
      t += 20_000 + r.nextLong(8 * MIN);
    }
    if (e.engineer) {
      for (int i = 0; i < 2 + r.nextInt(3); i++) {
        process(e, t + r.nextLong(Math.max(1, end - t)), Software.ENGINEERING.get(r.nextInt(Software.ENGINEERING.size())), r);
      }
    }
    if (e.negatives.contains(HardNegative.IT_RMM)) {
      process(e, at + r.nextLong(Math.max(1, end - at)), Software.RMM.get(Software.TEAMVIEWER), r);
      if (r.nextInt(100) < 15) {
        process(e, at + r.nextLong(Math.max(1, end - at)), Software.RMM.get(2), r);
      }
    }
    Persona p = e.persona;
    if (kit && p.rmmTool >= 0) {
      process(e, at - MIN, Software.RMM.get(p.rmmTool), r);
      p.observed(at - MIN);
      if (p.secondRmmTool >= 0 && r.nextInt(100) < 40) {
        process(e, at + 10 * MIN, Software.RMM.get(p.secondRmmTool), r);
      }
    }
  }

  private void process(Employee e, long at, Software.App app, SplittableRandom r) {
    String profile = e.userName.length() > 20 ? e.userName.substring(0, 20) : e.userName;
    String name = e.mac ? app.macName() : app.name();
    String exe = e.mac ? app.macPath() : app.windowsPath().replace("%u", profile);
    String parent = e.mac ? "launchd" : app.parent();
    String cmd = e.mac ? exe : "\"" + exe + "\"" + ("services.exe".equals(app.parent()) ? " --service" : "");
    json.begin().str("@timestamp", ts(at)).obj("event").str("dataset", "endpoint.process").str("action", "start").end()
        .obj("host").str("id", e.deviceId).str("name", e.hostname).end().obj("user").str("name", e.userName).end()
        .obj("process").str("name", name).str("executable", exe).str("command_line", cmd).obj("parent").str("name", parent).end()
        .obj("hash").str("sha256", sha(app.name() + (e.mac ? "mac" : "win"))).end();
    if (!e.mac) {
      json.obj("pe").str("original_file_name", app.name()).end();
    }
    json.obj("code_signature").str("subject_name", app.signer()).end();
    sink.accept("endpoint.process", at, json.line());
  }

  private void flow(Employee e, long at, Place place, Software.App rmm, SplittableRandom r) {
    String domain;
    int port;
    if (rmm != null) {
      domain = rmm.domain();
      port = rmm.port();
    } else {
      String[] b = BROWSING[r.nextInt(BROWSING.length)];
      domain = b[0];
      port = 443;
    }
    long up = rmm != null ? 200_000 + r.nextLong(4_000_000) : 2_000 + r.nextLong(60_000);
    long down = rmm != null ? 5_000_000 + r.nextLong(80_000_000) : 10_000 + r.nextLong(2_000_000);
    json.begin().str("@timestamp", ts(at)).obj("event").str("dataset", "network.flow").end()
        .obj("host").str("id", e.deviceId).end()
        .obj("source").str("ip", place.privateIp).num("bytes", up).end()
        .obj("destination").str("ip", ipOf(domain)).num("port", port).num("bytes", down).str("domain", domain).end()
        .obj("network").str("transport", "tcp").end();
    sink.accept("network.flow", at, json.line());
  }

  private void proxy(Employee e, long at, Place place, SplittableRandom r) {
    String[] b = BROWSING[r.nextInt(BROWSING.length)];
    boolean upload = r.nextInt(100) < 4;
    String domain = upload ? PERSONAL_UPLOAD[r.nextInt(PERSONAL_UPLOAD.length)] : b[0];
    long bytes = upload ? 200_000 + r.nextLong(25_000_000) : 300 + r.nextLong(6_000);
    proxyRecord(e, at, domain, upload ? "/upload" : b[1] + (1000 + r.nextInt(9000)), upload ? "POST" : "GET", bytes);
  }

  private void upload(Employee e, long at, Place place, String domain, long bytes) {
    proxyRecord(e, at, domain, "/upload/" + Long.toHexString(bytes), "POST", bytes);
  }

  private void proxyRecord(Employee e, long at, String domain, String path, String method, long bytes) {
    json.begin().str("@timestamp", ts(at)).obj("event").str("dataset", "proxy.http").str("action", "request").end()
        .obj("user").str("email", e.email).end().obj("host").str("id", e.deviceId).end()
        .obj("url").str("domain", domain).str("full", "https://" + domain + path).end()
        .obj("http").obj("request").str("method", method).end().end()
        .obj("source").num("bytes", bytes).end();
    sink.accept("proxy.http", at, json.line());
  }

  private void git(Employee e, long at, String ip, SplittableRandom r, boolean exfil) {
    String[] repo;
    String action;
    if (exfil) {
      String[][] restricted = {{"payments-core"}, {"customer-data-pipeline"}, {"auth-service"}, {"infra-terraform"}, {"ml-models"}};
      repo = new String[] {restricted[r.nextInt(restricted.length)][0], "restricted"};
      action = r.nextBoolean() ? "clone" : "download_zip";
    } else {
      // Day-to-day work touches the engineer's own few repositories, mostly internal.
      repo = REPOS[Math.floorMod(e.index * 3 + r.nextInt(3), REPOS.length)];
      int a = r.nextInt(100);
      action = a < 68 ? "fetch" : a < 92 ? "push" : "clone";
    }
    long down = action.equals("push") ? 2_000 + r.nextLong(200_000) : action.equals("fetch") ? 5_000 + r.nextLong(3_000_000) : 20_000_000 + r.nextLong(400_000_000);
    long up = action.equals("push") ? 10_000 + r.nextLong(2_000_000) : 1_000 + r.nextLong(20_000);
    json.begin().str("@timestamp", ts(at)).obj("event").str("dataset", "git.audit").str("action", action).end()
        .obj("user").str("email", e.email).end()
        .obj("repository").str("name", org + "/" + repo[0]).str("sensitivity", repo[1]).end()
        .obj("source").str("ip", ip).num("bytes", up).end().obj("destination").num("bytes", down).end();
    sink.accept("git.audit", at, json.line());
  }

  // ---- hidden-worker extras ----

  private void operatorSignIns(Employee e, Persona p, Session first, LocalDate day, SplittableRandom r) {
    long base = first.start + r.nextLong(Math.max(1, first.end - first.start));
    String ua = WIN_UA[0];
    if (p.uses(Tradecraft.VPN_SIGNIN) && r.nextInt(100) < 35) {
      String ip = (r.nextInt(100) < 60 ? catalog.range("astrill", r) : catalog.range("vpn", r)).randomIp(r);
      signIn(e, base, ip, ua, r);
      p.observed(base);
    }
    if (p.uses(Tradecraft.HOSTING_SIGNIN) && r.nextInt(100) < (p.kind == PersonaKind.CAREFUL ? 4 : 15)) {
      signIn(e, base + 7 * MIN, catalog.range("hosting", r).randomIp(r), ua, r);
      p.observed(base + 7 * MIN);
    }
    if (p.uses(Tradecraft.FOREIGN_SIGNIN) && r.nextInt(100) < 3) {
      int which = r.nextInt(10);
      String kind = which < 6 ? "cn" : which < 8 ? "ru" : "kp";
      signIn(e, base + 11 * MIN, catalog.range(kind, r).randomIp(r), ua, r);
      p.observed(base + 11 * MIN);
    }
  }

  private void exfiltrate(Employee e, Session first, Place place, SplittableRandom r) {
    long t = first.start + r.nextLong(Math.max(1, first.end - first.start) / 2);
    e.persona.observed(t);
    int n = 5 + r.nextInt(11);
    for (int i = 0; i < n; i++) {
      git(e, t + i * (2 * MIN + r.nextLong(3 * MIN)), place.ip, r, true);
    }
    for (int i = 0; i < 1 + r.nextInt(3); i++) {
      upload(e, t + (n + 2 + i) * 3 * MIN, place, EXFIL_UPLOAD[r.nextInt(EXFIL_UPLOAD.length)], 400_000_000L + r.nextLong(2_000_000_000L));
    }
  }

  // ---- identifiers ----

  private String desktopUa(Employee e, SplittableRandom r) {
    return e.mac ? MAC_UA[r.nextInt(MAC_UA.length)] : WIN_UA[r.nextInt(WIN_UA.length)];
  }

  private static String ipOf(String domain) {
    int h = domain.hashCode();
    // A stable address per domain inside AWS us-east-1 space (3.208.0.0/12), good enough for flow records.
    return "3." + (208 + Math.floorMod(h, 16)) + "." + Math.floorMod(h >> 8, 256) + "." + (1 + Math.floorMod(h >> 16, 254));
  }

  private static String bssidOf(String key) {
    long h = mix(key.hashCode());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      int b = (int) ((h >> (i * 8)) & 255);
      if (i == 0) b = (b & 0xFC) | 0x02;
      if (i > 0) sb.append(':');
      sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
    }
    return sb.toString();
  }

  static String serialOf(String key) {
    return String.format("%016X", mix(key.hashCode()));
  }

  private static final java.util.Map<String, String> SHA = new java.util.concurrent.ConcurrentHashMap<>();

  static String sha(String key) {
    return SHA.computeIfAbsent(key, k -> {
      StringBuilder sb = new StringBuilder(64);
      long h = k.hashCode();
      for (int i = 0; i < 4; i++) {
        h = mix(h + i);
        sb.append(String.format("%016x", h));
      }
      return sb.toString();
    });
  }

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
