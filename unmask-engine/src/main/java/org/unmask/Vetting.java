package org.unmask;

import java.nio.file.Path;
import org.unmask.ingest.RejectSink;
import org.unmask.scan.ApplicantStage;

/** The applicant vetting stage of a scan. */
final class Vetting {

  private Vetting() {}

  static ApplicantStage stage(Path datasetFolder, RejectSink rejects) {
    return ApplicantStage.none();
  }
}
