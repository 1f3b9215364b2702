package org.unmask.detect;

import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.verdict.LinkObservation;

/** What a detector may see besides its own state: the reference data, and where findings go. */
public interface DetectionContext {

  /** The roster, devices, applicants, payroll and watchlists. */
  ReferenceData reference();

  /** Emits a finding. */
  void emit(Finding finding);

  /**
   * Reports that two entities share an attribute, for the farm and ring graph. Detectors keyed by
   * a shared attribute (an egress IP, a Wi-Fi BSSID) use it; the graph weighs and clusters links.
   */
  void link(LinkObservation link);
}
