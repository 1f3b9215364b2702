package org.unmask.sim.world;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.unmask.reference.Address;
import org.unmask.sim.negatives.HardNegative;
import org.unmask.sim.persona.Persona;
import org.unmask.sim.persona.PersonaKind;
import org.unmask.sim.persona.Tradecraft;
import org.unmask.sim.world.Names.Background;

/**
 * Decides the company: who works there, where they live, what they were shipped, which of them are
 * hidden workers (and with which techniques), which laptop farms host them, and which innocent staff
 * look suspicious for ordinary reasons. One seeded generator per concern keeps a change in one concern
 * from reshuffling the others.
 */
public final class WorldBuilder {

  /** Shell-company payees: a few named in DOJ laptop-farm cases (see the DPRK indicator list), mostly invented. */
  static final String[] SHELL_PAYEES = {
    "Hopana Tech LLC", "Tony WKJ LLC", "Independent Lab LLC",
    "Bluepeak Digital LLC", "Nexora Solutions LLC", "Crestline Dev Services LLC", "Silverpine IT Group LLC",
    "Brightwave Consulting LLC", "Northgate Soft LLC", "Apex Remote Staffing LLC", "Cobaltline Systems LLC",
    "Ironleaf Technologies LLC", "Summitcode Partners LLC"};

  static final String[][] DEPARTMENTS = {
    {"Engineering", "40", "Software Engineer|Senior Software Engineer|Staff Engineer|Backend Engineer|Frontend Engineer|DevOps Engineer|Data Engineer|Mobile Engineer"},
    {"Product", "6", "Product Manager|Senior Product Manager"},
    {"Design", "4", "Product Designer|UX Researcher"},
    {"Sales", "14", "Account Executive|Sales Development Representative|Sales Engineer"},
    {"Marketing", "7", "Content Marketing Manager|Video Producer|Growth Marketer"},
    {"Customer Success", "10", "Customer Success Manager|Support Engineer"},
    {"Finance", "4", "Accountant|Financial Analyst"},
    {"People", "3", "Recruiter|HR Business Partner"},
    {"IT", "4", "IT Support Specialist|Systems Administrator"},
    {"Legal", "2", "Counsel|Paralegal"},
    {"Operations", "6", "Operations Analyst|Project Manager"}};

  private final Catalog catalog;
  private final SimulationPlan plan;
  private final World world;
  private final java.util.Set<String> usedNames = new java.util.HashSet<>();

  public WorldBuilder(Catalog catalog, SimulationPlan plan) {
    this.catalog = catalog;
    this.plan = plan;
    this.world = new World(plan.start(), plan.days());
  }

  public World build() {
    SplittableRandom infra = random("infrastructure");
    NetRange office = catalog.ranges("office").get(0);
    world.officeIp = office.firstHost();
    world.vpnConcentratorIp = NetRange.text(office.start() + 2);
    for (int i = 0; i < 48; i++) {
      world.cgnatPool.add(catalog.range("cgnat", infra).randomIp(infra));
    }
    buildStaff();
    buildPersonas();
    buildHardNegatives();
    buildPayroll();
    buildWatchlists();
    return world;
  }

  private SplittableRandom random(String concern) {
    return new SplittableRandom(plan.seed() * 0x9E3779B97F4A7C15L + concern.hashCode());
  }

  private void buildStaff() {
    SplittableRandom r = random("people");
    SplittableRandom d = random("devices");
    int n = plan.employees();
    for (int i = 0; i < n; i++) {
      Employee e = new Employee(i);
      e.background = Names.background(r);
      Names.Name name = Names.name(e.background, r);
      e.first = name.first();
      e.last = name.last();
      e.userName = uniqueUserName(e);
      e.email = e.userName + "@" + plan.domain();
      e.personalEmail = uniquePersonalEmail(e.first, e.last, r);
      e.phone = usPhone(r);
      int[] weights = new int[DEPARTMENTS.length];
      for (int k = 0; k < weights.length; k++) {
        weights[k] = Integer.parseInt(DEPARTMENTS[k][1]);
      }
      int dep = weighted(weights, r);
      e.department = DEPARTMENTS[dep][0];
      String[] titles = DEPARTMENTS[dep][2].split("\\|");
      e.title = titles[r.nextInt(titles.length)];
      e.engineer = e.department.equals("Engineering");
      e.city = Places.city(r);
      e.home = Places.address(e.city, r);
      e.zone = ZoneId.of(e.city.zone());
      // Tenure: most staff were hired over the last six years; about 8% join during the window.
      e.hireDate = r.nextInt(100) < 8
          ? plan.start().plusDays(r.nextInt(Math.max(1, plan.days() * 2 / 3)))
          : plan.start().minusDays(14 + r.nextInt(6 * 365));
      if (r.nextInt(100) < 3) {
        e.endDate = plan.start().plusDays(r.nextInt(Math.max(1, plan.days())));
        if (!e.endDate.isAfter(e.hireDate.plusDays(30))) {
          e.endDate = null;
        }
      }
      e.bankAccountId = token(r);
      e.payeeName = e.fullName();
      e.startHour = clamp(8.6 + r.nextGaussian() * 0.9, 6.5, 11);
      e.dayHours = clamp(8.6 + r.nextGaussian() * 0.6, 7, 10.5);
      e.weekendProbability = 0.04;
      homeNetwork(e, e.city, r);
      e.mobileIp = catalog.range("mobile", r).randomIp(r);
      laptop(e, d);
      if (i > 0) {
        e.managerId = world.employees.get(r.nextInt(Math.min(i, 1 + i / 8))).personId;
      }
      world.employees.add(e);
    }
  }

  private String uniqueUserName(Employee e) {
    // first.last, then first.last2, first.last3... as a directory would hand them out.
    String base = (e.first.replace("-", "") + "." + e.last).toLowerCase(Locale.ROOT);
    String name = base;
    for (int n = 2; !usedNames.add(name); n++) {
      name = base + n;
    }
    return name;
  }

  void homeNetwork(Employee e, Places.City city, SplittableRandom r) {
    long asn = city.isps()[r.nextInt(city.isps().length)];
    List<NetRange> ranges = catalog.ranges("residential", asn);
    NetRange range = ranges.isEmpty() ? catalog.range("residential", r) : ranges.get(r.nextInt(ranges.size()));
    e.homeIp = range.randomIp(r);
    e.homeIsp = range.org();
    e.ssid = ssid(e.last, r);
    e.bssid = bssid(r);
  }

  private void laptop(Employee e, SplittableRandom d) {
    e.deviceId = HexFormat.of().formatHex(bytes(d, 6));
    e.phoneDeviceId = "mfa-" + HexFormat.of().formatHex(bytes(d, 8));
    e.mac = d.nextInt(100) < (e.engineer || e.department.equals("Design") ? 55 : 25);
    e.model = e.mac
        ? Names.pick(new String[] {"MacBook Pro 14 (M3)", "MacBook Pro 16 (M3 Pro)", "MacBook Air 13 (M2)", "MacBook Pro 14 (M4)"}, d)
        : Names.pick(new String[] {"Dell Latitude 7440", "Lenovo ThinkPad T14 Gen 4", "Lenovo ThinkPad X1 Carbon Gen 11", "HP EliteBook 840 G10", "Dell XPS 13 9340"}, d);
    e.hostname = hostname(e, 1 + d.nextInt(3));
    e.serial = e.mac ? "C02" + alnum(d, 9) : alnum(d, 7);
    e.shipTo = e.home;
    e.shippedAt = e.hireDate.minusDays(2 + d.nextInt(9));
    // Peripherals: a mouse or receiver most have; keyboards, headsets, webcams, docks and keys some have.
    if (d.nextInt(100) < 80) e.peripherals.add(catalog.usb("mouse", d));
    if (d.nextInt(100) < 55) e.peripherals.add(catalog.usb("keyboard", d));
    if (d.nextInt(100) < 45) e.peripherals.add(catalog.usb("headset", d));
    if (d.nextInt(100) < 25) e.peripherals.add(catalog.usb("webcam", d));
    if (d.nextInt(100) < 35) e.peripherals.add(catalog.usb("dock", d));
    if (d.nextInt(100) < 20) e.peripherals.add(catalog.usb("key", d));
    int monitors = d.nextInt(100) < 70 ? (d.nextInt(100) < 25 ? 2 : 1) : 0;
    for (int k = 0; k < monitors; k++) {
      e.monitors.add(catalog.monitor(d));
    }
  }

  static String hostname(Employee e, int n) {
    String compact = e.userName.replace(".", "").replaceAll("[0-9]", "").toUpperCase(Locale.ROOT);
    return (e.mac ? "MB-" : "LT-") + compact.substring(0, Math.min(8, compact.length())) + "-" + String.format("%02d", n);
  }

  private void buildPersonas() {
    SplittableRandom r = random("personas");
    int count = Math.max(plan.employees() >= 50 ? 2 : 1, (int) Math.round(plan.employees() * plan.hiddenShare()));
    List<Employee> pool = new ArrayList<>(world.employees.subList(1, world.employees.size()));
    List<Employee> hidden = new ArrayList<>();
    for (int i = 0; i < count && !pool.isEmpty(); i++) {
      hidden.add(pool.remove(r.nextInt(pool.size())));
    }
    hidden.sort((a, b) -> Integer.compare(a.index, b.index));
    String[] operatorZones = {"Asia/Shanghai", "Asia/Shanghai", "Asia/Pyongyang", "Asia/Vladivostok"};
    List<Employee> farmed = new ArrayList<>();
    for (int i = 0; i < hidden.size(); i++) {
      Employee e = hidden.get(i);
      int roll = r.nextInt(100);
      PersonaKind kind = roll < 55 ? PersonaKind.FARMED : roll < 78 ? PersonaKind.REMOTE_CONTROLLED : PersonaKind.CAREFUL;
      Set<Tradecraft> t = sampleTradecraft(kind, r);
      Persona p = new Persona(kind, t, operatorZones[r.nextInt(operatorZones.length)]);
      e.persona = p;
      // A fabricated or stolen US identity: an Anglo name, a US phone, a young profile more often than not.
      Names.Name name = Names.usName(r);
      e.first = name.first();
      e.last = name.last();
      e.background = Background.ANGLO;
      usedNames.remove(e.userName);
      e.userName = uniqueUserName(e);
      e.email = e.userName + "@" + plan.domain();
      e.hostname = hostname(e, 1 + r.nextInt(3));
      e.personalEmail = uniquePersonalEmail(e.first, e.last, r);
      e.payeeName = e.fullName();
      e.endDate = null;
      e.engineer = r.nextInt(100) < 75;
      if (e.engineer) {
        e.department = "Engineering";
        e.title = Names.pick(DEPARTMENTS[0][2].split("\\|"), r);
      }
      // Tenure is short and recent (THREAT.md section 5): most join during the window, the rest months before.
      e.hireDate = r.nextInt(100) < 60
          ? plan.start().plusDays(r.nextInt(Math.max(1, plan.days() * 2 / 3)))
          : plan.start().minusDays(10 + r.nextInt(150));
      e.shippedAt = e.hireDate.minusDays(3 + r.nextInt(6));
      e.shipTo = e.home;
      p.kitDelayDays = 1 + r.nextInt(10);
      if (p.uses(Tradecraft.RMM_AFTER_DELIVERY)) {
        p.rmmTool = r.nextInt(org.unmask.sim.telemetry.Software.RMM.size());
        if (r.nextInt(100) < 30) {
          p.secondRmmTool = (p.rmmTool + 1 + r.nextInt(org.unmask.sim.telemetry.Software.RMM.size() - 1)) % org.unmask.sim.telemetry.Software.RMM.size();
        }
      }
      if (p.uses(Tradecraft.KOREAN_KEYBOARD)) {
        e.keyboardLayouts = List.of("en-US", "ko-KR");
      }
      if (kind == PersonaKind.FARMED) {
        farmed.add(e);
      } else if (kind == PersonaKind.REMOTE_CONTROLLED) {
        // The laptop sits alone at a facilitator's house in another city, behind its own residential line;
        // half the time it is shipped there directly, otherwise the identity's mail is forwarded.
        Places.City facilitator = Places.city(r);
        homeNetwork(e, facilitator, r);
        if (r.nextBoolean()) {
          e.shipTo = Places.address(facilitator, r);
          p.tradecraft.add(Tradecraft.SHIPPED_TO_FACILITATOR);
          p.observed(e.shippedAt.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
        }
      }
      if (kind == PersonaKind.CAREFUL) {
        e.startHour = clamp(8.8 + r.nextGaussian() * 0.8, 7, 11);
      }
    }
    buildFarms(farmed, r);
    buildRings(hidden, r);
  }

  private static Set<Tradecraft> sampleTradecraft(PersonaKind kind, SplittableRandom r) {
    Set<Tradecraft> t = EnumSet.noneOf(Tradecraft.class);
    if (kind == PersonaKind.CAREFUL) {
      Tradecraft[] weak = {Tradecraft.YOUNG_PROFILE, Tradecraft.STRETCHED_DAY, Tradecraft.HOSTING_SIGNIN, Tradecraft.SPOOFED_KVM,
          Tradecraft.KOREAN_KEYBOARD, Tradecraft.SHELL_COMPANY_PAYEE, Tradecraft.APPLICANT_RING, Tradecraft.ASIAN_DEVICE_TIMEZONE,
          Tradecraft.RMM_AFTER_DELIVERY};
      int want = 2 + r.nextInt(2);
      while (t.size() < want) {
        t.add(weak[r.nextInt(weak.length)]);
      }
      return t;
    }
    if (kind == PersonaKind.FARMED) {
      t.add(Tradecraft.LAPTOP_FARM);
      int mode = r.nextInt(3);
      t.add(mode == 0 ? Tradecraft.SHIPPED_TO_FARM : mode == 1 ? Tradecraft.READDRESSED_TO_FARM : Tradecraft.HOME_IS_FARM);
    }
    int kvm = r.nextInt(100);
    if (kvm < 22) t.add(Tradecraft.PIKVM);
    else if (kvm < 32) t.add(Tradecraft.TINYPILOT);
    else if (kvm < 47) t.add(Tradecraft.SPOOFED_KVM);
    if (r.nextInt(100) < (kind == PersonaKind.REMOTE_CONTROLLED ? 70 : 45) || (kvm >= 47 && r.nextInt(100) < 50)) t.add(Tradecraft.RMM_AFTER_DELIVERY);
    if (r.nextInt(100) < 50) t.add(Tradecraft.VPN_SIGNIN);
    if (r.nextInt(100) < 25) t.add(Tradecraft.HOSTING_SIGNIN);
    if (r.nextInt(100) < 15) t.add(Tradecraft.FOREIGN_SIGNIN);
    int hours = r.nextInt(100);
    if (hours < 55) t.add(Tradecraft.ASIA_HOURS);
    else if (hours < 80) t.add(Tradecraft.STRETCHED_DAY);
    if (r.nextInt(100) < 30) t.add(Tradecraft.KOREAN_KEYBOARD);
    if (r.nextInt(100) < 20) t.add(Tradecraft.ASIAN_DEVICE_TIMEZONE);
    int pay = r.nextInt(100);
    if (pay < 30) t.add(Tradecraft.SHARED_BANK_ACCOUNT);
    else if (pay < 55) t.add(Tradecraft.SHELL_COMPANY_PAYEE);
    if (r.nextInt(100) < 30) t.add(Tradecraft.EXFILTRATION);
    if (r.nextInt(100) < 55) t.add(Tradecraft.APPLICANT_RING);
    if (r.nextInt(100) < 60) t.add(Tradecraft.YOUNG_PROFILE);
    return t;
  }

  private void buildFarms(List<Employee> farmed, SplittableRandom r) {
    int next = 0;
    int farmNo = 1;
    while (next < farmed.size()) {
      int remaining = farmed.size() - next;
      // Farm sizes 2-8 (THREAT.md section 5: ~6.5-9 laptops per site, of which one employer sees a few).
      int size = Math.min(remaining, 2 + r.nextInt(7));
      if (remaining - size == 1) {
        // Never leave a farm of one behind.
        size = size < 8 ? size + 1 : size - 1;
      }
      Places.City city = Places.city(r);
      Address address = Places.address(city, r);
      long asn = city.isps()[r.nextInt(city.isps().length)];
      List<NetRange> ranges = catalog.ranges("residential", asn);
      NetRange range = ranges.isEmpty() ? catalog.range("residential", r) : ranges.get(r.nextInt(ranges.size()));
      Farm farm = new Farm(String.format("F%03d", farmNo++), address, range.randomIp(r), range.org(), ssid("Home", r), bssid(r));
      // Half the facilitators approve MFA prompts for every laptop from their own phone.
      String facilitatorPhone = r.nextBoolean() ? "mfa-" + HexFormat.of().formatHex(bytes(r, 8)) : null;
      for (int k = 0; k < size && next < farmed.size(); k++) {
        Employee e = farmed.get(next++);
        farm.members.add(e);
        e.persona.farmId = farm.farmId;
        e.homeIp = farm.ip;
        e.homeIsp = farm.isp;
        e.ssid = farm.ssid;
        e.bssid = farm.bssid;
        if (facilitatorPhone != null) {
          e.phoneDeviceId = facilitatorPhone;
          e.persona.tradecraft.add(Tradecraft.SHARED_MFA_DEVICE);
        }
        if (e.persona.uses(Tradecraft.HOME_IS_FARM)) {
          e.home = farm.address;
          e.city = city;
          e.zone = ZoneId.of(city.zone());
          e.shipTo = farm.address;
        } else if (e.persona.uses(Tradecraft.SHIPPED_TO_FARM)) {
          e.shipTo = farm.address;
          e.persona.observed(e.shippedAt.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
        } else {
          // Re-addressed: payroll mailing address moved to the farm a few days before the laptop ships.
          e.shipTo = farm.address;
          java.time.Instant when = e.shippedAt.minusDays(2 + r.nextInt(5)).atTime(15, r.nextInt(60)).toInstant(ZoneOffset.UTC);
          world.payroll.add(new PayrollRow(e.personId, when, "mailing_address", oneLine(e.home), oneLine(farm.address)));
          e.persona.observed(when.toEpochMilli());
        }
      }
      if (farm.members.size() == 1) {
        // A farm of one is not a farm; fold the worker into remote-controlled with their own line.
        Employee e = farm.members.get(0);
        e.persona.tradecraft.remove(Tradecraft.LAPTOP_FARM);
        e.persona.tradecraft.remove(Tradecraft.SHARED_MFA_DEVICE);
        e.persona.farmId = null;
        continue;
      }
      world.farms.add(farm);
    }
  }

  private void buildRings(List<Employee> hidden, SplittableRandom r) {
    List<Employee> ringMembers = new ArrayList<>();
    for (Employee e : hidden) {
      if (e.persona.uses(Tradecraft.APPLICANT_RING)) {
        ringMembers.add(e);
      }
    }
    int next = 0;
    int ringNo = 1;
    while (next < ringMembers.size()) {
      int size = Math.min(ringMembers.size() - next, 1 + r.nextInt(4));
      Ring ring = new Ring(String.format("R%03d", ringNo++));
      String[] kinds = {"photo", "resume", "phone", "email", "national_id"};
      int want = 1 + r.nextInt(3);
      while (ring.shared.size() < want) {
        ring.shared.add(kinds[r.nextInt(kinds.length)]);
      }
      for (int k = 0; k < size; k++) {
        Employee e = ringMembers.get(next++);
        e.persona.ringId = ring.ringId;
        ring.hiredPersonIds.add(e.personId);
      }
      world.rings.add(ring);
    }
  }

  private void buildHardNegatives() {
    SplittableRandom r = random("hard-negatives");
    List<Employee> innocent = new ArrayList<>();
    for (Employee e : world.employees) {
      if (!e.hidden()) {
        innocent.add(e);
      }
    }
    int n = innocent.size();
    // Couples and roommates: pairs sharing address, line and Wi-Fi; a third of couples share an account.
    for (int k = 0; k < Math.max(1, n * 3 / 200); k++) {
      Employee a = innocent.get(r.nextInt(n));
      Employee b = innocent.get(r.nextInt(n));
      if (a == b || !a.negatives.isEmpty() || !b.negatives.isEmpty()) {
        continue;
      }
      b.home = a.home;
      b.city = a.city;
      b.zone = a.zone;
      b.shipTo = a.home;
      b.homeIp = a.homeIp;
      b.homeIsp = a.homeIsp;
      b.ssid = a.ssid;
      b.bssid = a.bssid;
      a.negatives.add(HardNegative.SHARED_HOME);
      b.negatives.add(HardNegative.SHARED_HOME);
      if (r.nextInt(3) == 0) {
        b.bankAccountId = a.bankAccountId;
        a.negatives.add(HardNegative.JOINT_ACCOUNT);
        b.negatives.add(HardNegative.JOINT_ACCOUNT);
      }
    }
    // Co-working: small groups claiming the same city share a space's egress two or three weekdays a week.
    for (int g = 0; g < Math.max(1, n / 120); g++) {
      Places.City city = Places.city(r);
      String ip = catalog.range("coworking", r).randomIp(r);
      int days = 0b11110 & (0b01010 << r.nextInt(2));
      int members = 3 + r.nextInt(4);
      for (Employee e : innocent) {
        if (members > 0 && e.city == city && e.negatives.isEmpty() && r.nextInt(100) < 35) {
          members--;
          e.negatives.add(HardNegative.COWORKING);
          e.coworkingIp = ip;
          e.officeDaysMask = days == 0 ? 0b00100 : days;
        }
      }
    }
    for (Employee e : innocent) {
      if (e.city == Places.OFFICE_CITY && e.negatives.isEmpty() && r.nextInt(100) < 70) {
        e.negatives.add(HardNegative.OFFICE);
        e.officeDaysMask = 1 << (1 + r.nextInt(4)) | (r.nextBoolean() ? 1 << (1 + r.nextInt(4)) : 0);
      }
    }
    for (Employee e : innocent) {
      int roll = r.nextInt(1000);
      if (roll < 30 && e.negatives.isEmpty()) {
        e.negatives.add(HardNegative.CGNAT);
        e.cgnatPool = r.nextInt(world.cgnatPool.size());
        e.homeIsp = "cgnat";
      }
      if (r.nextInt(1000) < 35) {
        e.negatives.add(HardNegative.TRAVELLER);
        String[][] trips = {{"kr", "Asia/Seoul"}, {"kr", "Asia/Seoul"}, {"jp", "Asia/Tokyo"}, {"cn", "Asia/Shanghai"}, {"vpn", "Europe/Amsterdam"}};
        String[] trip = trips[r.nextInt(trips.length)];
        e.tripKind = trip[0];
        e.tripZone = trip[1];
        e.tripStart = plan.start().plusDays(r.nextInt(Math.max(1, plan.days() - 3)));
        e.tripEnd = e.tripStart.plusDays(3 + r.nextInt(8));
      }
      if (r.nextInt(1000) < 25) {
        e.negatives.add(HardNegative.PRIVACY_VPN);
        e.privacyVpnIp = catalog.range("consumer_vpn", r).randomIp(r);
      }
      if (e.department.equals("IT") && r.nextInt(100) < 60) {
        e.negatives.add(HardNegative.IT_RMM);
      }
      if (r.nextInt(1000) < 20) {
        e.negatives.add(HardNegative.NIGHT_OWL);
        // Most start after noon; some really work evenings into the small hours, as an offshore shift would.
        e.startHour = r.nextInt(100) < 40 ? 17 + r.nextDouble() * 2 : 12.5 + r.nextDouble() * 2;
        e.dayHours = 8.5 + r.nextDouble();
        e.weekendProbability = 0.15;
      }
      if (e.engineer && r.nextInt(100) < 10) {
        e.negatives.add(HardNegative.ON_CALL);
        e.onCallWeekParity = r.nextInt(6);
      }
      if (e.background != Background.ANGLO && e.background != Background.INDIAN && r.nextInt(100) < 60) {
        e.negatives.add(HardNegative.FOREIGN_KEYBOARD);
        e.keyboardLayouts = List.of("en-US", switch (e.background) {
          case KOREAN -> "ko-KR";
          case CHINESE -> "zh-CN";
          default -> "es-US";
        });
      }
      if (e.engineer && r.nextInt(1000) < 15) {
        e.negatives.add(HardNegative.RASPBERRY_PI);
      }
      if (r.nextInt(1000) < 15) {
        e.negatives.add(HardNegative.KVM_SWITCH);
      }
      if (r.nextInt(1000) < 20) {
        e.negatives.add(HardNegative.SHIPPED_ELSEWHERE);
        e.shipTo = r.nextBoolean() ? Places.OFFICE : Places.address(Places.city(r), r);
      }
      if (r.nextInt(1000) < 15) {
        e.negatives.add(HardNegative.CONTRACTOR_LLC);
        e.payeeName = e.last + " Consulting LLC";
        e.title = "Contract " + e.title;
      }
      if (e.department.equals("Marketing") && r.nextInt(100) < 35) {
        e.negatives.add(HardNegative.LARGE_UPLOAD);
      }
      if (e.hireDate.isAfter(plan.start().minusDays(200)) && r.nextInt(100) < 25) {
        e.negatives.add(HardNegative.NEW_GRAD);
      }
    }
  }

  private void buildPayroll() {
    SplittableRandom r = random("payroll");
    List<String> sharedAccounts = new ArrayList<>();
    for (int i = 0; i < Math.max(1, world.farms.size()); i++) {
      sharedAccounts.add(token(r));
    }
    for (Employee e : world.employees) {
      LocalDate from = e.hireDate.isAfter(plan.start()) ? e.hireDate : plan.start();
      if (e.hidden()) {
        Persona p = e.persona;
        long when = from.plusDays(5 + r.nextInt(30)).atTime(16, r.nextInt(60)).toInstant(ZoneOffset.UTC).toEpochMilli();
        if (p.uses(Tradecraft.SHARED_BANK_ACCOUNT)) {
          int idx = p.farmId != null ? Integer.parseInt(p.farmId.substring(1)) % sharedAccounts.size() : r.nextInt(sharedAccounts.size());
          String account = sharedAccounts.get(idx);
          world.payroll.add(new PayrollRow(e.personId, java.time.Instant.ofEpochMilli(when), "bank_account_id", e.bankAccountId, account));
          e.bankAccountId = account;
          p.observed(when);
        }
        if (p.uses(Tradecraft.SHELL_COMPANY_PAYEE)) {
          String shell = r.nextInt(100) < 25 ? SHELL_PAYEES[r.nextInt(3)] : SHELL_PAYEES[3 + r.nextInt(SHELL_PAYEES.length - 3)];
          String account = token(r);
          world.payroll.add(new PayrollRow(e.personId, java.time.Instant.ofEpochMilli(when), "bank_account_id", e.bankAccountId, account));
          world.payroll.add(new PayrollRow(e.personId, java.time.Instant.ofEpochMilli(when), "payee_name", e.payeeName, shell));
          e.bankAccountId = account;
          e.payeeName = shell;
          p.observed(when);
        }
        continue;
      }
      if (e.negatives.contains(HardNegative.BANK_CHANGE) || r.nextInt(1000) < 40) {
        e.negatives.add(HardNegative.BANK_CHANGE);
        String account = token(r);
        long when = from.plusDays(r.nextInt(Math.max(1, plan.days()))).atTime(17, r.nextInt(60)).toInstant(ZoneOffset.UTC).toEpochMilli();
        world.payroll.add(new PayrollRow(e.personId, java.time.Instant.ofEpochMilli(when), "bank_account_id", e.bankAccountId, account));
        if (!e.negatives.contains(HardNegative.JOINT_ACCOUNT)) {
          e.bankAccountId = account;
        }
      }
      if (r.nextInt(1000) < 15) {
        String phone = usPhone(r);
        world.payroll.add(new PayrollRow(e.personId, from.plusDays(r.nextInt(Math.max(1, plan.days()))).atTime(18, 5).toInstant(ZoneOffset.UTC),
            "phone", e.phone, phone));
        e.phone = phone;
      }
    }
    world.payroll.sort((a, b) -> a.changedAt().equals(b.changedAt()) ? a.personId().compareTo(b.personId()) : a.changedAt().compareTo(b.changedAt()));
  }

  private void buildWatchlists() {
    world.watchlist.add(new WatchlistRow("infrastructure.csv", "ip", world.officeIp, "allow:office", "it-network-inventory"));
    world.watchlist.add(new WatchlistRow("infrastructure.csv", "ip", world.vpnConcentratorIp, "allow:corporate-vpn", "it-network-inventory"));
    world.watchlist.add(new WatchlistRow("infrastructure.csv", "process_name", "TeamViewer.exe", "allow:sanctioned-rmm", "it-software-policy"));
    world.watchlist.add(new WatchlistRow("infrastructure.csv", "process_name", "TeamViewer_Service.exe", "allow:sanctioned-rmm", "it-software-policy"));
    world.watchlist.add(new WatchlistRow("infrastructure.csv", "process_name", "TeamViewer", "allow:sanctioned-rmm", "it-software-policy"));
    world.watchlist.add(new WatchlistRow("threat-intel.csv", "cidr", "175.45.176.0/22", "dprk-address-space", "APNIC delegation to KP (STAR-KP)"));
    world.watchlist.add(new WatchlistRow("threat-intel.csv", "ip", "142.214.202.2", "astrill-vpn-exit", "LevelBlue SpiderLabs 2026-03"));
    world.watchlist.add(new WatchlistRow("threat-intel.csv", "ip", "155.94.199.59", "astrill-vpn-exit", "LevelBlue SpiderLabs 2026-03"));
    world.watchlist.add(new WatchlistRow("threat-intel.csv", "usb_id", "1d6b:0104", "linux-usb-gadget-ip-kvm", "PiKVM/TinyPilot defaults"));
    for (String org : new String[] {"Yanbian Silverstar Network Technology Co., Ltd.", "Volasys Silver Star", "Hopana Tech LLC", "Tony WKJ LLC", "Independent Lab LLC"}) {
      world.watchlist.add(new WatchlistRow("threat-intel.csv", "organization", org, "dprk-it-worker-front", "OFAC / DOJ"));
    }
  }

  // ---- small value generators ----

  static String oneLine(Address a) {
    return a.street() + ", " + a.city() + ", " + a.region() + " " + a.postal() + ", " + a.country();
  }

  static int weighted(int[] weights, SplittableRandom r) {
    int total = 0;
    for (int w : weights) total += w;
    int x = r.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  public static String token(SplittableRandom r) {
    return "ba_" + HexFormat.of().formatHex(bytes(r, 8));
  }

  static String alnum(SplittableRandom r, int n) {
    String chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(chars.charAt(r.nextInt(chars.length())));
    return sb.toString();
  }

  public static String usPhone(SplittableRandom r) {
    return String.format("+1%03d%03d%04d", 201 + r.nextInt(780), 200 + r.nextInt(790), r.nextInt(10000));
  }

  /** A personal address no other employee of the world has: a mailbox belongs to one person. */
  private String uniquePersonalEmail(String first, String last, SplittableRandom r) {
    String email = personalEmail(first, last, r);
    while (!world.mailboxes.take(email)) {
      email = email.replace("@", r.nextInt(1000) + "@");
    }
    return email;
  }

  static String personalEmail(String first, String last, SplittableRandom r) {
    String[] domains = {"gmail.com", "gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "proton.me"};
    String local = (first.replace("-", "") + (r.nextBoolean() ? "." : "") + last).toLowerCase(Locale.ROOT) + (r.nextBoolean() ? String.valueOf(r.nextInt(99)) : "");
    return local + "@" + domains[r.nextInt(domains.length)];
  }

  static String ssid(String hint, SplittableRandom r) {
    String[] forms = {"%s-5G", "%s WiFi", "NETGEAR%02d", "xfinitywifi-%s", "ATT%s", "MySpectrumWiFi%02d-5G", "Verizon_%s", "TP-Link_%s"};
    String form = forms[r.nextInt(forms.length)];
    return form.contains("%02d") ? String.format(form, r.nextInt(100)) : String.format(form, hint.length() > 10 ? hint.substring(0, 10) : hint);
  }

  static String bssid(SplittableRandom r) {
    byte[] b = bytes(r, 6);
    b[0] = (byte) ((b[0] & 0xFC) | 0x02);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      if (i > 0) sb.append(':');
      sb.append(String.format("%02x", b[i] & 0xff));
    }
    return sb.toString();
  }
}
