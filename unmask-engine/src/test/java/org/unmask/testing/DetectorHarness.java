package org.unmask.testing;

import java.util.List;
import org.unmask.detect.Detector;
import org.unmask.detect.DetectorRuntime;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.verdict.LinkObservation;

/** Feeds events to one detector in the embedded runtime: {@code DetectorHarness.of(d, ref).feed(events)}. */
public final class DetectorHarness {

  private final DetectorRuntime runtime;

  private DetectorHarness(Detector<?> detector, ReferenceData reference) {
    this.runtime = new DetectorRuntime(reference, List.of(detector));
  }

  public static DetectorHarness of(Detector<?> detector, ReferenceData reference) {
    return new DetectorHarness(detector, reference);
  }

  public DetectorHarness feed(List<Event> events) {
    events.stream().sorted(java.util.Comparator.comparing(Event::timestamp)).forEach(runtime::accept);
    return this;
  }

  /** Feeds the events in the order given, as the server judges them: in arrival order. */
  public DetectorHarness feedAsArrived(List<Event> events) {
    events.forEach(runtime::accept);
    return this;
  }

  public List<Finding> findings() {
    runtime.finish();
    return runtime.findings();
  }

  public List<LinkObservation> links() {
    runtime.finish();
    return runtime.links();
  }
}
