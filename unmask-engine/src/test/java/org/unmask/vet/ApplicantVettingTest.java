package org.unmask.vet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.ingest.Dataset;
import org.unmask.ingest.Rejection;
import org.unmask.reference.ReferenceData;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.vet.photo.SyntheticPortraits;
import org.unmask.vet.resume.SyntheticResumes;

/** Vetting end to end on a small generated dataset with four planted rings among benign applicants. */
class ApplicantVettingTest {

  @TempDir Path dir;
  TestDataset ds;
  final List<Rejection> rejects = new ArrayList<>();

  static final Set<Set<String>> PLANTED = Set.of(
      Set.of("R1A", "R1B", "R1C"),
      Set.of("R2A", "R2B", "R2C"),
      Set.of("R3A"),
      Set.of("R4A", "R4B", "R4C"));

  @BeforeEach
  void plant() throws IOException {
    ds = new TestDataset(dir);
    Path files = dir.resolve("files");
    for (int i = 0; i < 40; i++) {
      var a = ds.applicant(String.format("B%02d", i), i);
      if (i < 10) {
        String name = SyntheticResumes.name(900 + i);
        Files.writeString(files.resolve("b" + i + ".txt"), SyntheticResumes.resume(900 + i, name));
        a.put("resume_file", "b" + i + ".txt");
        SyntheticPortraits.write(SyntheticPortraits.portrait(900 + i), "jpeg", files.resolve("b" + i + ".jpg"));
        a.put("photo_file", "b" + i + ".jpg");
      }
    }
    for (int i = 0; i < 12; i++) {
      ds.person("P" + i, i);
    }
    // A household: same surname, same home. Not a ring.
    ds.applicants.get(0).put("full_name", "Ana Reyes");
    ds.applicants.get(1).put("full_name", "Luis Reyes");
    ds.applicants.get(1).put("street", ds.applicants.get(0).get("street"));
    ds.applicants.get(1).put("postal", ds.applicants.get(0).get("postal"));
    // A hire whose application repeats its own employee record: not a link.
    ds.applicants.get(2).put("hired_person_id", "P2");
    ds.applicants.get(2).put("phone", ds.people.get(2).get("phone"));

    // R1: phone shared by R1A/R1B, photo copies by R1B/R1C.
    var r1a = ds.applicant("R1A", 101);
    var r1b = ds.applicant("R1B", 102);
    var r1c = ds.applicant("R1C", 103);
    r1b.put("phone", "(212) " + r1a.get("phone").substring(7).replace(' ', '-'));
    var face = SyntheticPortraits.portrait(7001);
    SyntheticPortraits.write(face, "png", files.resolve("r1b.png"));
    SyntheticPortraits.write(SyntheticPortraits.reencode(SyntheticPortraits.crop(face, 0.06, new Random(2)), 0.7f),
        "jpeg", files.resolve("r1c.jpg"));
    r1b.put("photo_file", "r1b.png");
    r1c.put("photo_file", "r1c.jpg");
    // R2: one resume under two names (R2A/R2B), a national id shared by R2B/R2C; R2C was hired as P5.
    var r2a = ds.applicant("R2A", 201);
    var r2b = ds.applicant("R2B", 202);
    var r2c = ds.applicant("R2C", 203);
    String text = SyntheticResumes.resume(7002, r2a.get("full_name"));
    Files.writeString(files.resolve("r2a.txt"), text);
    Files.writeString(files.resolve("r2b.txt"),
        SyntheticResumes.copy(text, r2a.get("full_name"), r2b.get("full_name"), 2, new Random(3)));
    r2a.put("resume_file", "r2a.txt");
    r2b.put("resume_file", "r2b.txt");
    r2c.put("national_id_hash", r2b.get("national_id_hash").toUpperCase());
    r2c.put("hired_person_id", "P5");
    // R3: applicant's personal email is an employee's, with gmail dots and a plus-tag.
    ds.people.get(3).put("personal_email", "sam.doe.77@gmail.com");
    ds.applicant("R3A", 301).put("email", "SamDoe77+apply@googlemail.com");
    // R4: three unrelated names claim one home.
    for (String id : List.of("R4A", "R4B", "R4C")) {
      var a = ds.applicant(id, 400 + id.charAt(2));
      a.put("street", "77 Harbor Blvd, Apt 3");
      a.put("postal", "07302");
    }
    ds.write();
  }

  private VetResult vet() throws IOException {
    ReferenceData ref = Dataset.open(dir).readReference(rejects::add);
    return ApplicantVetting.vet(ref, dir.resolve("files"), VetOptions.defaults(), rejects::add);
  }

  @Test
  void vet_findsEveryPlantedRing_andNoOther() throws IOException {
    VetResult r = vet();
    Set<Set<String>> found = r.rings().stream().map(f -> Set.copyOf(f.applicants())).collect(Collectors.toSet());
    assertThat(found).isEqualTo(PLANTED);
    Farm r3 = r.rings().stream().filter(f -> f.applicants().contains("R3A")).findFirst().orElseThrow();
    assertThat(r3.persons()).containsExactly("P3");
    assertThat(r3.shared()).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo("email");
      assertThat(s.value()).startsWith("sha256:");
    });
    Farm r2 = r.rings().stream().filter(f -> f.applicants().contains("R2A")).findFirst().orElseThrow();
    assertThat(r2.persons()).containsExactly("P5");
    assertThat(r2.shared()).extracting(s -> s.type()).containsExactly("national_id", "resume");
    assertThat(r.rings()).allSatisfy(f -> assertThat(f.score()).isBetween(0.0, 100.0));
    assertThat(rejects).isEmpty();
  }

  @Test
  void vet_givesEveryApplicantAVerdict_sortedByRisk_flaggingTheRings() throws IOException {
    VetResult r = vet();
    assertThat(r.verdicts()).hasSize(ds.applicants.size());
    for (int i = 1; i < r.verdicts().size(); i++) {
      ApplicantVerdict prev = r.verdicts().get(i - 1);
      ApplicantVerdict cur = r.verdicts().get(i);
      assertThat(prev.riskScore() > cur.riskScore()
          || (prev.riskScore() == cur.riskScore() && prev.applicantId().compareTo(cur.applicantId()) < 0)).isTrue();
    }
    Set<String> flagged = r.verdicts().stream().filter(ApplicantVerdict::flagged).map(ApplicantVerdict::applicantId)
        .collect(Collectors.toSet());
    assertThat(flagged).containsExactlyInAnyOrder("R1A", "R1B", "R1C", "R2A", "R2B", "R2C", "R3A", "R4A", "R4B", "R4C");
    ApplicantVerdict household = r.verdicts().stream().filter(v -> v.applicantId().equals("B01")).findFirst()
        .orElseThrow();
    assertThat(household.riskScore()).isLessThan(VetOptions.DEFAULT_FLAG_THRESHOLD);
    assertThat(household.reasons()).extracting(x -> x.summary()).anyMatch(s -> s.contains("household"));
    assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.riskScore()).isBetween(0.0, 100.0));
  }

  @Test
  void vet_writesDeterministicFindings_pointingAtApplicantLines() throws IOException {
    VetResult first = vet();
    VetResult second = vet();
    assertThat(first.findings()).extracting(Finding::id).isEqualTo(second.findings().stream().map(Finding::id).toList());
    Finding phone = first.findings().stream()
        .filter(f -> f.ruleId().equals("vet.reuse.phone") && f.entity().id().equals("R1A")).findFirst().orElseThrow();
    // Header is line 1; B00..B39 are lines 2..41; R1A is line 42.
    assertThat(phone.evidence()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("applicants.csv");
      assertThat(e.line()).isEqualTo(42);
    });
    assertThat(phone.summary()).doesNotContain("212");
    assertThat(first.findings()).anySatisfy(f -> {
      assertThat(f.entity()).isEqualTo(EntityRef.person("P5"));
      assertThat(f.ruleId()).isEqualTo("vet.hired_flagged_applicant");
    });
  }

  @Test
  void aHireUnderTheFlag_carriesAPaddedProfile_onlyWithTwoOddities() throws IOException {
    // B20 (born 1990: a fourteen-year career) opened LinkedIn and GitHub months before applying;
    // B21 only joined LinkedIn late, which many real seniors do.
    var both = ds.applicants.get(20);
    both.put("linkedin_created", "2025-12-01");
    both.put("github_login", "b20-dev");
    both.put("github_created", "2026-01-05");
    both.put("github_public_repos", "12");
    both.put("github_followers", "9");
    both.put("hired_person_id", "P6");
    var one = ds.applicants.get(21);
    one.put("linkedin_created", "2025-12-01");
    one.put("hired_person_id", "P7");
    ds.write();
    VetResult r = vet();
    assertThat(r.verdicts()).filteredOn(v -> v.applicantId().equals("B20")).singleElement()
        .satisfies(v -> assertThat(v.flagged()).isFalse());
    assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("vet.hired_padded_profile")).singleElement()
        .satisfies(f -> {
          assertThat(f.entity()).isEqualTo(EntityRef.person("P6"));
          assertThat(f.risk()).isEqualTo(30.0);
          assertThat(f.attack()).containsExactly("T1585.001");
          assertThat(f.summary()).contains("LinkedIn account was", "GitHub account was");
        });
    assertThat(r.findings()).noneSatisfy(f -> assertThat(f.entity()).isEqualTo(EntityRef.person("P7")));
  }

  @Test
  void twoIdentitiesTiedOnlyByEvidenceTooWeakToFlagEither_areNoRing_andTheHireCarriesNothing() throws IOException {
    // two strangers claiming one home (a shared flat, a mail drop): a link, not a ring
    var a = ds.applicants.get(30);
    var b = ds.applicants.get(31);
    b.put("street", a.get("street"));
    b.put("postal", a.get("postal"));
    b.put("city", a.get("city"));
    a.put("hired_person_id", "P8");
    ds.write();
    VetResult r = vet();
    assertThat(r.verdicts()).filteredOn(v -> v.applicantId().equals("B30")).singleElement().satisfies(v -> {
      assertThat(v.flagged()).isFalse();
      assertThat(v.reasons()).extracting(x -> x.ruleId()).contains("vet.reuse.address");
    });
    assertThat(r.rings()).noneSatisfy(f -> assertThat(f.applicants()).contains("B30"));
    assertThat(r.links()).noneSatisfy(l -> assertThat(l.a().id() + l.b().id()).contains("B30"));
    assertThat(r.findings()).noneSatisfy(f -> assertThat(f.entity()).isEqualTo(EntityRef.person("P8")));
  }

  @Test
  void vet_readsEvidenceLines_itself_whenOptionsCarryNone() throws IOException {
    ReferenceData ref = Dataset.open(dir).readReference(rejects::add);
    VetResult viaOptions = ApplicantVetting.vet(ref, dir.resolve("files"), VetOptions.defaults().withLines(
        CsvLines.of(dir.resolve("applicants.csv"), "applicant_id"), CsvLines.of(dir.resolve("people.csv"), "person_id")),
        rejects::add);
    VetResult reread = vet();
    assertThat(reread.findings()).isEqualTo(viaOptions.findings());
  }

  @Test
  void vet_rejectsAPathTraversal_andScoresIt_withoutLosingTheRest() throws IOException {
    ds.applicants.get(5).put("photo_file", "../../etc/passwd");
    ds.write();
    VetResult r = vet();
    assertThat(rejects).singleElement().satisfies(x -> {
      assertThat(x.file()).isEqualTo("applicants.csv");
      assertThat(x.line()).isEqualTo(7);
      assertThat(x.reason()).contains("B05").contains("climbs out of files/");
    });
    assertThat(r.verdicts()).hasSize(ds.applicants.size());
    assertThat(r.verdicts()).filteredOn(v -> v.applicantId().equals("B05")).singleElement()
        .satisfies(v -> assertThat(v.reasons()).extracting(x -> x.ruleId()).contains("vet.file.outside_files"));
    assertThat(r.rings()).hasSize(PLANTED.size());
  }

  @Test
  void aPhotoCopyJustPastTheThresholdNeedsCorroborationButAClearCopyFlagsAlone() {
    double flag = VetOptions.defaults().flagThreshold();
    double marginal = ApplicantVetting.LINK_POINTS * ApplicantVetting.photoWeight(0.867);
    double clear = ApplicantVetting.LINK_POINTS * ApplicantVetting.photoWeight(0.93);
    assertThat(marginal).isLessThan(flag);
    assertThat(marginal + ApplicantVetting.LINK_POINTS * 0.3).isGreaterThanOrEqualTo(flag); // plus a weak reuse
    assertThat(clear).isGreaterThanOrEqualTo(flag);
    assertThat(ApplicantVetting.photoWeight(1.0)).isEqualTo(ApplicantVetting.PHOTO_WEIGHT);
    assertThat(ApplicantVetting.photoWeight(0.95)).isGreaterThan(ApplicantVetting.photoWeight(0.91));
  }
}
