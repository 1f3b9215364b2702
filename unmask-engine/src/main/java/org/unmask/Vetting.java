package org.unmask;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unmask.event.EntityRef;
import org.unmask.event.SourceRef;
import org.unmask.ingest.RejectSink;
import org.unmask.reference.Applicant;
import org.unmask.scan.ApplicantStage;
import org.unmask.verdict.IdentityLink;
import org.unmask.verdict.LinkObservation;
import org.unmask.vet.ApplicantVetting;
import org.unmask.vet.VetOptions;
import org.unmask.vet.VetResult;

/**
 * The applicant vetting stage of a scan: identity reuse, photo and resume near-duplicates, profile
 * padding and indicators (package {@code vet}). Its links that involve an applicant join the farm
 * graph, dated to the application; links between employees only are left to the scan's own money
 * and infrastructure analyses, which see the same pay details with dates.
 */
public final class Vetting {

  private Vetting() {}

  /** Vetting over the applicants of the reference, with photos and resumes under {@code datasetFolder/files}. */
  public static ApplicantStage stage(Path datasetFolder, RejectSink rejects) {
    return stage(datasetFolder, rejects, null);
  }

  /** @param linkKey the key of shared identifiers' pseudonyms ({@code Pseudonymizer.linkKey()}), or null for plain SHA-256 */
  public static ApplicantStage stage(Path datasetFolder, RejectSink rejects, byte[] linkKey) {
    VetOptions options = VetOptions.defaults().withHashKey(linkKey);
    return reference -> {
      VetResult result = ApplicantVetting.vet(reference, datasetFolder.resolve("files"), options, rejects);
      Map<String, Applicant> byId = new HashMap<>();
      Map<String, Long> lineOf = new HashMap<>();
      long line = 1;
      for (Applicant a : reference.applicants()) {
        byId.put(a.applicantId(), a);
        lineOf.put(a.applicantId(), ++line);
      }
      List<LinkObservation> links = new ArrayList<>();
      for (IdentityLink link : result.links()) {
        Applicant a = applicantOf(link.a(), byId);
        Applicant b = applicantOf(link.b(), byId);
        if (a == null && b == null) {
          continue;
        }
        Instant at = latest(a, b);
        List<SourceRef> evidence = new ArrayList<>();
        for (Applicant x : new Applicant[] {a, b}) {
          if (x != null) {
            evidence.add(new SourceRef("applicants.csv", lineOf.getOrDefault(x.applicantId(), 0L)));
          }
        }
        links.add(new LinkObservation(link, at, evidence));
      }
      return new ApplicantStage.Outcome(result.verdicts(), links, result.findings());
    };
  }

  private static Applicant applicantOf(EntityRef e, Map<String, Applicant> byId) {
    return e.type() == EntityRef.Type.APPLICANT ? byId.get(e.id()) : null;
  }

  /** A link exists once both applications are in. */
  private static Instant latest(Applicant a, Applicant b) {
    Instant ta = a == null || a.appliedAt() == null ? Instant.EPOCH : a.appliedAt();
    Instant tb = b == null || b.appliedAt() == null ? Instant.EPOCH : b.appliedAt();
    return ta.isAfter(tb) ? ta : tb;
  }
}
