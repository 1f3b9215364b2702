package org.unmask.detect;

import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;

/** What a detector may see besides its own state: the reference data, and where findings go. */
public interface DetectionContext {

  /** The roster, devices, applicants, payroll and watchlists. */
  ReferenceData reference();

  /** Emits a finding. */
  void emit(Finding finding);
}
