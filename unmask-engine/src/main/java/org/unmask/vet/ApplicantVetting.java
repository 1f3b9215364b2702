package org.unmask.vet;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.event.SourceRef;
import org.unmask.ingest.RejectSink;
import org.unmask.ingest.Rejection;
import org.unmask.reference.Applicant;
import org.unmask.reference.PayrollChange;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.IdentityLink;
import org.unmask.verdict.Reason;
import org.unmask.verdict.SharedAttribute;
import org.unmask.vet.files.DatasetFiles;
import org.unmask.vet.identity.IdentityHasher;
import org.unmask.vet.identity.IdentityLinker;
import org.unmask.vet.indicators.Indicators;
import org.unmask.vet.photo.PhotoMatcher;
import org.unmask.vet.profile.ProfileCheck;
import org.unmask.vet.resume.ResumeMatcher;

/**
 * Vets every applicant of a dataset: the one entry point of this package.
 *
 * <p>Steps: identifier links ({@link IdentityLinker}); photo and resume reuse links
 * ({@link PhotoMatcher}, {@link ResumeMatcher}); profile padding ({@link ProfileCheck});
 * indicators ({@link Indicators}); then scoring, rings and findings.
 *
 * <p><b>Scoring.</b> An applicant's risk is the sum of its reasons' points, capped at 100, and it
 * is flagged at {@link VetOptions#flagThreshold()} (40 by default: one strong reuse such as a
 * shared phone, photo or national id, or one listed indicator, is enough; profile padding alone,
 * at most 50 points, needs several of its signals). Reuse reasons count the best link per shared
 * attribute type, at {@link #LINK_POINTS} times the link weight (a shared phone 40, a household
 * address 7.5). Membership of a ring of three or more identities adds {@link #RING_POINTS}. A file
 * reference that tries to leave files/ adds {@link #TRAVERSAL_POINTS}; other unreadable files
 * are listed with 0 points.
 *
 * <p><b>Evidence lines.</b> Findings point at applicants.csv (and people.csv for person
 * findings) by line; lines come from {@link VetOptions} or, when absent there, from re-reading
 * the CSVs beside {@code files/}.
 */
public final class ApplicantVetting {

  /** Links at or above this weight tie identities into rings. */
  public static final double STRONG_LINK = 0.5;
  static final double LINK_POINTS = 50;
  static final double RING_POINTS = 10;
  static final double TRAVERSAL_POINTS = 15;
  /** Distinct profile oddities a hire under the flag must show for the profile to follow the hire. */
  static final int MIN_PROFILE_ODDITIES = 2;
  /** A padded profile is weak evidence on its own: it can never open a case alone. */
  static final double MAX_PADDED_PROFILE_POINTS = 30;
  static final double PHOTO_WEIGHT = 0.9;
  /** Detail correlation from which a photo copy alone flags an applicant (see {@link #photoWeight}). */
  static final double CERTAIN_PHOTO = 0.9;

  private ApplicantVetting() {}

  public static VetResult vet(ReferenceData ref, Path filesDir, VetOptions opts, RejectSink rejects) {
    Map<String, Long> appLines = opts.applicantLines();
    Map<String, Long> personLines = opts.personLines();
    Path datasetDir = filesDir == null ? null : filesDir.toAbsolutePath().getParent();
    if (appLines.isEmpty() && datasetDir != null) {
      appLines = CsvLines.of(datasetDir.resolve("applicants.csv"), "applicant_id");
    }
    if (personLines.isEmpty() && datasetDir != null) {
      personLines = CsvLines.of(datasetDir.resolve("people.csv"), "person_id");
    }
    IdentityHasher hasher = new IdentityHasher(opts.hashKey());
    DatasetFiles files = new DatasetFiles(filesDir);
    List<Applicant> applicants = ref.applicants();
    Map<String, Applicant> byId = new LinkedHashMap<>();
    for (Applicant a : applicants) {
      byId.putIfAbsent(a.applicantId(), a);
    }

    List<IdentityLink> links = new ArrayList<>(new IdentityLinker(hasher).link(ref));
    Map<String, List<Reason>> reasons = new LinkedHashMap<>();
    Map<String, List<String>> attack = new HashMap<>();
    byId.keySet().forEach(id -> reasons.put(id, new ArrayList<>()));

    PhotoMatcher.Result photos =
        new PhotoMatcher(files, opts.maxPhotoPixels(), PhotoMatcher.DEFAULT_MAX_BYTES).match(applicants);
    for (PhotoMatcher.Match m : photos.matches()) {
      links.add(new IdentityLink(EntityRef.applicant(m.applicantA()), EntityRef.applicant(m.applicantB()),
          new SharedAttribute("photo", m.cluster()), round(photoWeight(m.similarity())),
          "applicants " + m.applicantA() + " and " + m.applicantB()
              + " sent copies of one photo (pHash " + m.hashDistance() + " of 64 bits apart, detail correlation after alignment "
              + String.format("%.3f", m.similarity()) + ")"));
    }
    for (PhotoMatcher.Problem p : photos.problems()) {
      fileProblem(p.applicantId(), "photo_file", p.file(), p.reason(), appLines, reasons, rejects);
    }

    ResumeMatcher.Result resumes = new ResumeMatcher(files).match(applicants);
    for (ResumeMatcher.Match m : resumes.matches()) {
      // 0.65 at the 0.45 threshold, 0.8 (a flag on its own) at 0.75, at most 0.9.
      double w = Math.min(0.9, 0.65 + 0.5 * (m.similarity() - 0.45));
      links.add(new IdentityLink(EntityRef.applicant(m.applicantA()), EntityRef.applicant(m.applicantB()),
          new SharedAttribute("resume", m.cluster()), round(w),
          "applicants " + m.applicantA() + " and " + m.applicantB() + " sent one resume under different names ("
              + Math.round(m.similarity() * 100) + "% of word 3-shingles shared)"));
    }
    for (ResumeMatcher.Problem p : resumes.problems()) {
      fileProblem(p.applicantId(), "resume_file", p.file(), p.reason(), appLines, reasons, rejects);
    }

    // Reuse reasons: the best link per attribute type for each applicant.
    Map<String, Map<String, IdentityLink>> best = new HashMap<>();
    for (IdentityLink l : links) {
      for (EntityRef end : List.of(l.a(), l.b())) {
        if (end.type() == EntityRef.Type.APPLICANT && byId.containsKey(end.id())) {
          best.computeIfAbsent(end.id(), k -> new LinkedHashMap<>())
              .merge(l.attribute().type(), l, (x, y) -> x.weight() >= y.weight() ? x : y);
        }
      }
    }
    best.forEach((id, perType) -> perType.forEach((type, l) -> {
      reasons.get(id).add(new Reason("vet.reuse." + type, l.explanation(), round(LINK_POINTS * l.weight())));
      attack.put("vet.reuse." + type, reuseAttack(type));
    }));

    for (Applicant a : byId.values()) {
      String text = resumes.texts().get(a.applicantId());
      for (ProfileCheck.Flag f : ProfileCheck.check(a, text)) {
        reasons.get(a.applicantId()).add(new Reason(f.ruleId(), f.summary(), f.points()));
        attack.put(f.ruleId(), List.of("T1585.001"));
      }
    }
    Indicators indicators = Indicators.load(ref.watchlist());
    for (Applicant a : byId.values()) {
      for (Indicators.Hit h : indicators.applicant(a, resumes.texts().get(a.applicantId()))) {
        reasons.get(a.applicantId()).add(new Reason(h.ruleId(), h.summary(), h.points()));
        attack.put(h.ruleId(), h.attack());
      }
    }

    // Three or more identities tied together are a ring whatever each link weighs; between two,
    // evidence too weak to flag either (one photo match just past the matcher's threshold, which
    // unrelated passport-style portraits reach) does not make one.
    List<Farm> rings = Rings.find(links, byId.values(), STRONG_LINK).stream()
        .filter(ring -> identities(ring, byId) >= 3
            || ring.applicants().stream().anyMatch(id -> points(reasons.get(id)) >= opts.flagThreshold()))
        .toList();
    for (Farm ring : rings) {
      int identities = identities(ring, byId);
      if (identities >= 3) {
        for (String id : ring.applicants()) {
          reasons.get(id).add(new Reason("vet.ring.member", "one of " + identities + " identities in ring "
              + ring.farmId() + " tied by shared " + sharedTypes(ring), RING_POINTS));
          attack.put("vet.ring.member", List.of("T1656"));
        }
      }
    }

    List<ApplicantVerdict> verdicts = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    Map<String, String> ringOf = new HashMap<>();
    rings.forEach(r -> r.applicants().forEach(id -> ringOf.putIfAbsent(id, r.farmId())));
    for (Applicant a : byId.values()) {
      List<Reason> rs = new ArrayList<>(reasons.get(a.applicantId()));
      rs.sort(Comparator.comparingDouble(Reason::points).reversed().thenComparing(Reason::ruleId));
      double score = Math.min(100, round(points(rs)));
      boolean flagged = score >= opts.flagThreshold();
      verdicts.add(new ApplicantVerdict(a.applicantId(), score, flagged, rs));
      long line = appLines.getOrDefault(a.applicantId(), 0L);
      Instant at = a.appliedAt() == null ? Instant.EPOCH : a.appliedAt();
      EntityRef who = EntityRef.applicant(a.applicantId());
      Map<String, Integer> seen = new HashMap<>();
      for (Reason r : rs) {
        // A rule may give one applicant two reasons (an unreadable photo and resume): number them.
        int nth = seen.merge(r.ruleId(), 1, Integer::sum) - 1;
        String discriminator = "applicants.csv:" + line + (nth == 0 ? "" : "#" + nth);
        findings.add(new Finding(Finding.idOf(r.ruleId(), who, discriminator), r.ruleId(),
            VetRules.title(r.ruleId()), VetRules.severity(r.points()), attack.getOrDefault(r.ruleId(), List.of()), at,
            who, r.points(), List.of(new SourceRef("applicants.csv", line)), r.summary()));
      }
      if (a.hiredPersonId() != null && (flagged || ringOf.containsKey(a.applicantId()))) {
        EntityRef person = EntityRef.person(a.hiredPersonId());
        String why = flagged ? "scored " + score + " at vetting: " + rs.get(0).summary()
            : "is in identity ring " + ringOf.get(a.applicantId());
        double risk = Math.min(60, Math.max(score, 20));
        findings.add(new Finding(Finding.idOf("vet.hired_flagged_applicant", person, a.applicantId()),
            "vet.hired_flagged_applicant", VetRules.title("vet.hired_flagged_applicant"), VetRules.severity(risk),
            List.of("T1656"), at, person, risk, List.of(new SourceRef("applicants.csv", line)),
            "hired from applicant " + a.applicantId() + ", who " + why));
      } else if (a.hiredPersonId() != null) {
        paddedProfileOfHire(a, rs, at, line).ifPresent(findings::add);
      }
    }
    Map<String, List<PayrollChange>> changes = new HashMap<>();
    ref.payroll().forEach(c -> changes.computeIfAbsent(c.personId(), k -> new ArrayList<>()).add(c));
    for (Person p : ref.people()) {
      EntityRef who = EntityRef.person(p.personId());
      long line = personLines.getOrDefault(p.personId(), 0L);
      Instant at = p.hireDate() == null ? Instant.EPOCH : p.hireDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      for (Indicators.Hit h : indicators.person(p, changes.getOrDefault(p.personId(), List.of()))) {
        findings.add(new Finding(Finding.idOf(h.ruleId(), who, "people.csv:" + line), h.ruleId(),
            VetRules.title(h.ruleId()), VetRules.severity(h.points()), h.attack(), at, who, h.points(),
            List.of(new SourceRef("people.csv", line)), h.summary()));
      }
    }
    verdicts.sort(Comparator.comparingDouble(ApplicantVerdict::riskScore).reversed()
        .thenComparing(ApplicantVerdict::applicantId));
    findings.sort(Comparator.comparing(Finding::id));
    Set<String> standing = new HashSet<>(ringOf.keySet());
    verdicts.stream().filter(ApplicantVerdict::flagged).forEach(v -> standing.add(v.applicantId()));
    List<IdentityLink> kept = links.stream().filter(l -> touches(l, standing)).toList();
    return new VetResult(verdicts, kept, rings, findings);
  }

  /**
   * An applicant under the flag was still hired: one profile oddity is common (a late LinkedIn
   * joiner, a senior engineer without GitHub), but two or more (young accounts on both sites, a
   * young account with a farmed network) are how fabricated personas look (THREAT.md S19, S25).
   * That weak evidence follows the hire, so that one more weak signal after it can open a case.
   */
  private static Optional<Finding> paddedProfileOfHire(Applicant a, List<Reason> reasons, Instant at, long line) {
    List<Reason> profile = reasons.stream().filter(r -> r.ruleId().startsWith("vet.profile.")).toList();
    if (profile.stream().map(Reason::ruleId).distinct().count() < MIN_PROFILE_ODDITIES) {
      return Optional.empty();
    }
    double risk = Math.min(MAX_PADDED_PROFILE_POINTS, points(profile));
    EntityRef person = EntityRef.person(a.hiredPersonId());
    String what = String.join("; ", profile.stream().map(Reason::summary).toList());
    return Optional.of(new Finding(Finding.idOf("vet.hired_padded_profile", person, a.applicantId()),
        "vet.hired_padded_profile", VetRules.title("vet.hired_padded_profile"), VetRules.severity(risk),
        List.of("T1585.001"), at, person, risk, List.of(new SourceRef("applicants.csv", line)),
        "hired from applicant " + a.applicantId() + ", whose profile is padded: " + what));
  }

  /** The link ties no applicant (shared pay details of two persons) or one of these applicants. */
  private static boolean touches(IdentityLink l, Set<String> applicants) {
    boolean anyApplicant = l.a().type() == EntityRef.Type.APPLICANT || l.b().type() == EntityRef.Type.APPLICANT;
    return !anyApplicant
        || (l.a().type() == EntityRef.Type.APPLICANT && applicants.contains(l.a().id()))
        || (l.b().type() == EntityRef.Type.APPLICANT && applicants.contains(l.b().id()));
  }

  private static int identities(Farm ring, Map<String, Applicant> byId) {
    return ring.applicants().size() + ring.persons().size() - hiredWithin(ring, byId);
  }

  private static double points(List<Reason> reasons) {
    return reasons.stream().mapToDouble(Reason::points).sum();
  }

  private static void fileProblem(String applicantId, String column, String file, String reason,
      Map<String, Long> lines, Map<String, List<Reason>> reasons, RejectSink rejects) {
    long line = lines.getOrDefault(applicantId, 0L);
    rejects.reject(new Rejection("applicants.csv", line,
        "applicant " + applicantId + " " + column + " '" + DatasetFiles.printable(file) + "': " + reason));
    boolean traversal = reason.contains("refused");
    List<Reason> rs = reasons.get(applicantId);
    if (rs != null) {
      rs.add(traversal
          ? new Reason("vet.file.outside_files", column + " tries to reach outside files/: " + reason, TRAVERSAL_POINTS)
          : new Reason("vet.file.unreadable", column + " could not be checked: " + reason, 0));
    }
  }

  private static int hiredWithin(Farm ring, Map<String, Applicant> byId) {
    int n = 0;
    for (String id : ring.applicants()) {
      Applicant a = byId.get(id);
      if (a != null && a.hiredPersonId() != null && ring.persons().contains(a.hiredPersonId())) {
        n++;
      }
    }
    return n;
  }

  private static String sharedTypes(Farm ring) {
    return String.join(", ", ring.shared().stream().map(SharedAttribute::type).distinct().sorted().toList());
  }

  private static List<String> reuseAttack(String type) {
    return switch (type) {
      case "national_id" -> List.of("T1589.001", "T1656");
      case "github", "linkedin" -> List.of("T1585.001", "T1656");
      case "photo", "resume" -> List.of("T1656");
      default -> List.of("T1656");
    };
  }

  /**
   * How strongly a confirmed photo copy links two identities. A copy well past the detail threshold
   * is strong evidence (0.8 at {@link #CERTAIN_PHOTO}, up to 0.9 for an exact copy). Just past the
   * threshold the matcher is least sure: unrelated passport-style portraits reach detail
   * correlations near it. There the weight starts at 0.6, so such a match alone (30 points) stays
   * under the applicant flag, and any corroborating reuse (a phone, a resume, an address) lifts it over.
   */
  static double photoWeight(double detail) {
    double t = PhotoMatcher.DETAIL_MIN;
    if (detail < CERTAIN_PHOTO) {
      return 0.6 + 0.2 * Math.max(0, detail - t) / (CERTAIN_PHOTO - t);
    }
    return Math.min(PHOTO_WEIGHT, 0.8 + 0.1 * (detail - CERTAIN_PHOTO) / (1 - CERTAIN_PHOTO));
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
