package org.unmask.sim.hiring;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.unmask.reference.Address;
import org.unmask.sim.negatives.HardNegative;
import org.unmask.sim.persona.Tradecraft;
import org.unmask.sim.world.Employee;
import org.unmask.sim.world.Names;
import org.unmask.sim.world.Places;
import org.unmask.sim.world.Ring;
import org.unmask.sim.world.World;
import org.unmask.sim.world.WorldBuilder;

/**
 * The hiring pipeline: an applicant record for every recent hire, rejected candidates beside them,
 * and the applicant rings behind hidden workers (hired members plus a few who never got an offer).
 * Writes the photos and resumes under {@code files/}.
 */
public final class Hiring {

  private final World world;
  private final SplittableRandom r;
  private final Path files;
  private final List<ApplicantRow> rows = new ArrayList<>();
  private int next = 1;

  /** The shared identity of a ring: the face, resume body, phone, email, national id that members reuse. */
  private record RingKit(long face, List<String> resume, String phone, String emailLocal, String nationalId, String title) {}

  public Hiring(World world, long seed, Path dataset) {
    this.world = world;
    this.r = new SplittableRandom(seed * 31 + 0x41707L);
    this.files = dataset.resolve("files");
  }

  public List<ApplicantRow> build() {
    Map<String, RingKit> kits = new TreeMap<>();
    for (Ring ring : world.rings) {
      String first = Names.usName(r).first();
      kits.put(ring.ringId, new RingKit(r.nextLong(), Resumes.body("Senior Software Engineer", r), WorldBuilder.usPhone(r),
          first.toLowerCase(Locale.ROOT) + "dev" + r.nextInt(100), token(), "Senior Software Engineer"));
    }
    LocalDate horizon = world.start.minusDays(540);
    String previousInRing = null;
    for (Employee e : world.employees) {
      boolean recent = !e.hireDate.isBefore(horizon);
      if (!recent && !e.hidden()) {
        continue;
      }
      Ring ring = e.hidden() && e.persona.ringId != null ? ring(e.persona.ringId) : null;
      String id = nextId();
      e.applicantId = id;
      LocalDate applied = e.hireDate.minusDays(20 + r.nextInt(45));
      String referrer = referrer();
      if (ring != null) {
        RingKit kit = kits.get(ring.ringId);
        referrer = previousInRing != null && r.nextInt(100) < 40 ? "employee:" + previousInRing : referrer;
        ApplicantRow application = ringApplicant(id, applied, e.fullName(), e.home, e, ring, kit, true);
        rows.add(application);
        // HR copies contact details from the application, so the ring's shared phone and mailbox reach people.csv too.
        e.phone = application.phone();
        e.personalEmail = application.email();
        ring.applicantIds.add(id);
        previousInRing = e.personId;
        rows.set(rows.size() - 1, withReferrer(rows.get(rows.size() - 1), referrer));
      } else {
        rows.add(applicant(id, applied, e.fullName(), e.email, e.personalEmail, e.phone, e.home, e, e.title, referrer));
      }
      // Two rejected candidates per recent hire, drawn from the same labour market.
      for (int k = 0; k < 2 && recent; k++) {
        Names.Name n = Names.name(Names.background(r), r);
        Address a = Places.address(Places.city(r), r);
        String pe = uniqueMailbox((n.first() + "." + n.last()).toLowerCase(Locale.ROOT).replace("-", ""));
        rows.add(applicant(nextId(), e.hireDate.minusDays(15 + r.nextInt(60)), n.full(), pe, null, WorldBuilder.usPhone(r), a, null, e.title, referrer()));
      }
    }
    // Ring members who never got an offer: one to three per ring.
    for (Ring ring : world.rings) {
      RingKit kit = kits.get(ring.ringId);
      for (int k = 0; k < 1 + r.nextInt(3); k++) {
        Names.Name n = Names.usName(r);
        String id = nextId();
        ring.applicantIds.add(id);
        rows.add(ringApplicant(id, world.start.plusDays(r.nextInt(Math.max(1, world.days))).minusDays(30), n.full(),
            Places.address(Places.city(r), r), null, ring, kit, false));
      }
    }
    rows.sort((a, b) -> a.applicantId().compareTo(b.applicantId()));
    return rows;
  }

  private Ring ring(String id) {
    for (Ring ring : world.rings) {
      if (ring.ringId.equals(id)) return ring;
    }
    throw new IllegalStateException("no ring " + id);
  }

  private static ApplicantRow withReferrer(ApplicantRow a, String referrer) {
    return new ApplicantRow(a.applicantId(), a.appliedAt(), a.fullName(), a.email(), a.phone(), a.address(), a.dob(), a.nationalIdHash(),
        a.linkedinUrl(), a.linkedinCreated(), a.linkedinConnections(), a.githubLogin(), a.githubCreated(), a.githubPublicRepos(),
        a.githubFollowers(), a.resumeFile(), a.photoFile(), referrer, a.hiredPersonId());
  }

  private ApplicantRow applicant(String id, LocalDate applied, String name, String contactEmail, String personalEmail, String phone,
      Address home, Employee hired, String title, String referrer) {
    boolean young = hired != null && (hired.negatives.contains(HardNegative.NEW_GRAD)
        || (hired.hidden() && hired.persona.uses(Tradecraft.YOUNG_PROFILE)));
    boolean hiddenYoung = hired != null && hired.hidden() && hired.persona.uses(Tradecraft.YOUNG_PROFILE);
    boolean tech = title.contains("Engineer") || title.contains("Design");
    String email = personalEmail != null ? personalEmail : contactEmail;
    if (hired != null) {
      email = hired.personalEmail;
    }
    String slug = name.toLowerCase(Locale.ROOT).replace(' ', '-').replace("'", "") + "-" + Integer.toHexString(r.nextInt(0xfffff));
    LocalDate liCreated;
    int connections;
    if (hiddenYoung) {
      liCreated = applied.minusDays(30 + r.nextInt(150));
      connections = r.nextBoolean() ? 15 + r.nextInt(100) : 500 + r.nextInt(400);
    } else if (young) {
      liCreated = applied.minusDays(200 + r.nextInt(500));
      connections = 40 + r.nextInt(180);
    } else {
      liCreated = applied.minusDays(700 + r.nextInt(4500));
      connections = 120 + r.nextInt(1400);
    }
    String gh = null;
    LocalDate ghCreated = null;
    Integer repos = null;
    Integer followers = null;
    if (tech || r.nextInt(100) < 10) {
      // GitHub logins are unique: two Mary Smiths never share one, so the applicant's number keeps them apart
      gh = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + (r.nextBoolean() ? "-" : "") + id.replaceAll("\\D", "");
      if (hiddenYoung) {
        ghCreated = applied.minusDays(40 + r.nextInt(200));
        repos = 12 + r.nextInt(30);
        followers = r.nextInt(6);
      } else if (young) {
        ghCreated = applied.minusDays(300 + r.nextInt(900));
        repos = 3 + r.nextInt(15);
        followers = r.nextInt(25);
      } else {
        ghCreated = applied.minusDays(1000 + r.nextInt(4000));
        repos = 4 + r.nextInt(70);
        followers = r.nextInt(220);
      }
    }
    LocalDate dob = young && !hiddenYoung ? LocalDate.of(2001 + r.nextInt(3), 1 + r.nextInt(12), 1 + r.nextInt(28))
        : LocalDate.of(1972 + r.nextInt(28), 1 + r.nextInt(12), 1 + r.nextInt(28));
    // a new graduate's resume claims a year or two, not a senior career
    int maxYears = young && !hiddenYoung ? 2 : Integer.MAX_VALUE;
    String resume = resumeFile(id, name, email, phone, home, Resumes.body(title, maxYears, r), r.nextInt(100) < 8);
    String photo = photoFile(id, r.nextLong(), randomEncoding());
    return new ApplicantRow(id, applied.atTime(9 + r.nextInt(10), r.nextInt(60)).toInstant(ZoneOffset.UTC), name, email, phone, home, dob, token(),
        "https://www.linkedin.com/in/" + slug, liCreated, connections, gh, ghCreated, repos, followers, resume, photo, referrer,
        hired == null ? null : hired.personId);
  }

  private ApplicantRow ringApplicant(String id, LocalDate applied, String name, Address home, Employee hired, Ring ring, RingKit kit, boolean isHire) {
    ApplicantRow base = applicant(id, applied, name, hired != null ? hired.personalEmail : null, hired != null ? hired.personalEmail : null,
        hired != null ? hired.phone : WorldBuilder.usPhone(r), home, hired, kit.title(), null);
    String email = base.email();
    if (ring.shared.contains("email")) {
      // The same mailbox under dots and plus tags, which the provider delivers to one inbox.
      String local = kit.emailLocal();
      int style = r.nextInt(3);
      email = (style == 0 ? local : style == 1 ? local.charAt(0) + "." + local.substring(1) : local + "+" + name.split(" ")[0].toLowerCase(Locale.ROOT)) + "@gmail.com";
    }
    String phone = ring.shared.contains("phone") ? kit.phone() : base.phone();
    String nid = ring.shared.contains("national_id") ? kit.nationalId() : base.nationalIdHash();
    String resume = base.resumeFile();
    if (ring.shared.contains("resume")) {
      resume = resumeFile(id, name, email, phone, home, Resumes.edited(kit.resume(), r), r.nextInt(100) < 15);
      discardIfReplaced(base.resumeFile(), resume);
    }
    String photo = base.photoFile();
    if (ring.shared.contains("photo")) {
      Portraits.Variant v = new Portraits.Variant(r.nextInt(9), r.nextInt(9), 0.85 + r.nextDouble() * 0.3, r.nextInt(41) - 20, r.nextBoolean(),
          0.7f + r.nextFloat() * 0.25f);
      photo = photoFile(id, kit.face(), v);
      discardIfReplaced(base.photoFile(), photo);
    }
    return new ApplicantRow(id, base.appliedAt(), name, email, phone, home, base.dob(), nid, base.linkedinUrl(), base.linkedinCreated(),
        base.linkedinConnections(), base.githubLogin(), base.githubCreated(), base.githubPublicRepos(), base.githubFollowers(), resume, photo,
        base.referrer(), isHire && hired != null ? hired.personId : null);
  }

  private void discardIfReplaced(String old, String now) {
    if (!old.equals(now)) {
      try {
        Files.deleteIfExists(files.resolve(old));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Portraits.Variant randomEncoding() {
    return r.nextInt(100) < 60 ? new Portraits.Variant(0, 0, 1.0, 0, true, 0.85f) : Portraits.Variant.ORIGINAL;
  }

  private String photoFile(String id, long face, Portraits.Variant v) {
    Portraits.Variant variant = v == null ? Portraits.Variant.ORIGINAL : v;
    String rel = "photos/" + id + (variant.jpeg() ? ".jpg" : ".png");
    Path file = files.resolve(rel);
    try {
      Files.createDirectories(file.getParent());
      BufferedImage img = Portraits.variant(Portraits.face(face), variant);
      try (OutputStream out = Files.newOutputStream(file)) {
        Portraits.write(img, variant, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rel;
  }

  /**
   * A Gmail address for a new, unrelated candidate. Real mailboxes belong to one person, so two
   * strangers with one name never share one: a taken address gets another number.
   */
  private String uniqueMailbox(String local) {
    for (int bound = 100; ; bound *= 10) {
      String candidate = local + r.nextInt(bound) + "@gmail.com";
      if (world.mailboxes.take(candidate)) {
        return candidate;
      }
    }
  }

  private String resumeFile(String id, String name, String email, String phone, Address home, List<String> body, boolean pdf) {
    String text = Resumes.render(name, email, phone, home.city() + ", " + home.region(), body);
    String rel = "resumes/" + id + (pdf ? ".pdf" : ".txt");
    Path file = files.resolve(rel);
    try {
      Files.createDirectories(file.getParent());
      if (pdf) {
        writePdf(text, file);
      } else {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rel;
  }

  private static void writePdf(String text, Path file) throws IOException {
    Files.write(file, TextPdf.of(text));
  }

  private String referrer() {
    int x = r.nextInt(100);
    return x < 55 ? null : x < 75 ? "linkedin" : x < 85 ? "indeed" : x < 93 ? "agency:TalentBridge Staffing" : "employee:" + world.employees.get(r.nextInt(world.employees.size())).personId;
  }

  private String nextId() {
    return String.format("A%05d", next++);
  }

  private String token() {
    byte[] b = new byte[12];
    r.nextBytes(b);
    return "nid_" + HexFormat.of().formatHex(b);
  }
}
