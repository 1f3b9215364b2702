package org.unmask.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.unmask.sim.hiring.ApplicantRow;
import org.unmask.sim.hiring.Hiring;
import org.unmask.sim.negatives.HardNegative;
import org.unmask.sim.persona.Tradecraft;
import org.unmask.sim.telemetry.Activity;
import org.unmask.sim.telemetry.EventSink;
import org.unmask.sim.truth.Truth;
import org.unmask.sim.world.Catalog;
import org.unmask.sim.world.Employee;
import org.unmask.sim.world.Farm;
import org.unmask.sim.world.PayrollRow;
import org.unmask.sim.world.Ring;
import org.unmask.sim.world.SimulationPlan;
import org.unmask.sim.world.WatchlistRow;
import org.unmask.sim.world.World;
import org.unmask.sim.world.WorldBuilder;

/**
 * {@code unmask simulate}: writes a labelled synthetic company as a dataset folder (CONTRACT.md
 * section 1) plus {@code truth.json}. Deterministic per seed: no wall clock, no hash-order output, one
 * seeded generator per concern (and per person-day for telemetry).
 */
public final class Simulator {

  /** Default first day of the window: a Monday. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2026, 3, 2);

  /** What was written. */
  public record Summary(int employees, int hidden, int farms, int rings, int applicants, long events, Map<String, Long> eventsByDataset,
      Map<String, Integer> hardNegatives) {}

  /** Options beyond the plan. */
  public record Output(Path dir, boolean gzip) {}

  private Simulator() {}

  public static Summary simulate(SimulationPlan plan, Output output) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path out = output.dir();
    Files.createDirectories(out);
    Catalog catalog = Catalog.load();
    World world = new WorldBuilder(catalog, plan).build();
    List<ApplicantRow> applicants = new Hiring(world, plan.seed(), out).build();
    writePeople(world, out.resolve("people.csv"));
    writeDevices(world, out.resolve("devices.csv"));
    writeApplicants(applicants, out.resolve("applicants.csv"));
    writePayroll(world, out.resolve("payroll.csv"));
    writeWatchlists(world, out.resolve("watchlists"));

    long events;
    Map<String, Long> byDataset;
    try (EventSink sink = new EventSink(out, output.gzip(), plan.start().plusDays(Math.min(plan.days() - 1, 9)), plan.seed())) {
      Activity activity = new Activity(world, catalog, sink, plan.domain().split("\\.")[0]);
      for (int d = 0; d < plan.days(); d++) {
        LocalDate day = plan.start().plusDays(d);
        for (Employee e : world.employees) {
          SplittableRandom r = new SplittableRandom(plan.seed() * 0x9E3779B97F4A7C15L ^ ((long) e.index << 20) ^ d);
          activity.day(e, day, d, r);
        }
        sink.flushBefore(day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
      }
      events = sink.count();
      byDataset = new TreeMap<>(sink.countsByDataset());
    }
    Truth truth = truth(plan, world, byDataset);
    truth.write(out.resolve("truth.json"));
    Map<String, Integer> negatives = new TreeMap<>();
    truth.hardNegatives().forEach((k, v) -> negatives.put(k, v.size()));
    return new Summary(world.employees.size(), truth.hiddenPersons().size(), world.farms.size(), world.rings.size(), applicants.size(),
        events, byDataset, negatives);
  }

  private static Truth truth(SimulationPlan plan, World world, Map<String, Long> counts) {
    List<Truth.HiddenPerson> hidden = new ArrayList<>();
    Map<String, List<String>> negatives = new TreeMap<>();
    for (Employee e : world.employees) {
      if (e.hidden()) {
        var p = e.persona;
        List<String> signals = p.tradecraft.stream().map(Tradecraft::name).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        Instant firstActivity = p.firstActivityMillis == Long.MAX_VALUE ? null : Instant.ofEpochMilli(p.firstActivityMillis);
        // Profile-only personas (young profile, ring) are malicious from their first day of work.
        Instant firstMalicious = p.firstMaliciousMillis == Long.MAX_VALUE ? firstActivity : Instant.ofEpochMilli(p.firstMaliciousMillis);
        // Before the window the dataset holds no telemetry, so time to flag is measured from the window start at the earliest.
        Instant windowStart = plan.start().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (firstMalicious != null && firstMalicious.isBefore(windowStart) && e.hireDate.isBefore(plan.start())) {
          firstMalicious = windowStart;
        }
        hidden.add(new Truth.HiddenPerson(e.personId, p.kind.name().toLowerCase(Locale.ROOT), signals, p.farmId, p.ringId, e.deviceId,
            e.applicantId, p.operatorZone, e.hireDate.toString(), firstActivity, firstMalicious));
      }
      for (HardNegative n : e.negatives) {
        negatives.computeIfAbsent(n.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e.personId);
      }
    }
    List<Truth.Farm> farms = new ArrayList<>();
    for (Farm f : world.farms) {
      farms.add(new Truth.Farm(f.farmId, f.members.stream().map(m -> m.personId).toList(), f.members.stream().map(m -> m.deviceId).toList(),
          oneLine(f.address), f.ip, f.bssid, f.ssid));
    }
    List<Truth.Ring> rings = new ArrayList<>();
    for (Ring g : world.rings) {
      rings.add(new Truth.Ring(g.ringId, List.copyOf(g.applicantIds), List.copyOf(g.hiredPersonIds), List.copyOf(g.shared)));
    }
    return new Truth(Truth.SCHEMA, plan.seed(), plan.employees(), plan.days(), plan.start().toString(), hidden, farms, rings, negatives, counts);
  }

  static String oneLine(org.unmask.reference.Address a) {
    return a.street() + ", " + a.city() + ", " + a.region() + " " + a.postal() + ", " + a.country();
  }

  private static void writePeople(World world, Path file) throws IOException {
    try (CsvOut csv = new CsvOut(file, "person_id", "full_name", "email", "personal_email", "phone", "hire_date", "end_date", "title",
        "department", "manager_id", "home_street", "home_city", "home_region", "home_postal", "home_country", "timezone",
        "bank_account_id", "payee_name")) {
      for (Employee e : world.employees) {
        csv.row(e.personId, e.fullName(), e.email, e.personalEmail, e.phone, e.hireDate, e.endDate, e.title, e.department, e.managerId,
            e.home.street(), e.home.city(), e.home.region(), e.home.postal(), e.home.country(), e.zone.getId(), e.bankAccountId, e.payeeName);
      }
    }
  }

  private static void writeDevices(World world, Path file) throws IOException {
    try (CsvOut csv = new CsvOut(file, "device_id", "hostname", "serial", "person_id", "model", "ship_street", "ship_city", "ship_region",
        "ship_postal", "ship_country", "shipped_at")) {
      for (Employee e : world.employees) {
        csv.row(e.deviceId, e.hostname, e.serial, e.personId, e.model, e.shipTo.street(), e.shipTo.city(), e.shipTo.region(),
            e.shipTo.postal(), e.shipTo.country(), e.shippedAt);
      }
    }
  }

  private static void writeApplicants(List<ApplicantRow> rows, Path file) throws IOException {
    try (CsvOut csv = new CsvOut(file, "applicant_id", "applied_at", "full_name", "email", "phone", "street", "city", "region", "postal",
        "country", "dob", "national_id_hash", "linkedin_url", "linkedin_created", "linkedin_connections", "github_login", "github_created",
        "github_public_repos", "github_followers", "resume_file", "photo_file", "referrer", "hired_person_id")) {
      for (ApplicantRow a : rows) {
        csv.row(a.applicantId(), a.appliedAt(), a.fullName(), a.email(), a.phone(), a.address().street(), a.address().city(),
            a.address().region(), a.address().postal(), a.address().country(), a.dob(), a.nationalIdHash(), a.linkedinUrl(),
            a.linkedinCreated(), a.linkedinConnections(), a.githubLogin(), a.githubCreated(), a.githubPublicRepos(), a.githubFollowers(),
            a.resumeFile(), a.photoFile(), a.referrer(), a.hiredPersonId());
      }
    }
  }

  private static void writePayroll(World world, Path file) throws IOException {
    try (CsvOut csv = new CsvOut(file, "person_id", "changed_at", "field", "old_value", "new_value")) {
      for (PayrollRow p : world.payroll) {
        csv.row(p.personId(), p.changedAt(), p.field(), p.oldValue(), p.newValue());
      }
    }
  }

  private static void writeWatchlists(World world, Path dir) throws IOException {
    Map<String, List<WatchlistRow>> byFile = new TreeMap<>();
    for (WatchlistRow w : world.watchlist) {
      byFile.computeIfAbsent(w.file(), k -> new ArrayList<>()).add(w);
    }
    for (Map.Entry<String, List<WatchlistRow>> f : byFile.entrySet()) {
      try (CsvOut csv = new CsvOut(dir.resolve(f.getKey()), "type", "value", "label", "source")) {
        for (WatchlistRow w : f.getValue()) {
          csv.row(w.type(), w.value(), w.label(), w.source());
        }
      }
    }
  }
}
