package org.unmask.detect;

import java.util.ArrayList;
import java.util.List;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.state.MapStateStore;
import org.unmask.verdict.LinkObservation;

/**
 * Runs detectors over a time-ordered stream in one process: each detector gets its own
 * {@link MapStateStore}, and each event is offered to every detector under the key the detector
 * chooses. This is the embedded runtime; the Flink job runs the same detectors with Flink state.
 */
public final class DetectorRuntime implements DetectionContext {

  private ReferenceData reference;
  private final List<Bound<?>> detectors = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final java.util.function.Consumer<Finding> sink;
  private final List<LinkObservation> links = new ArrayList<>();

  /** A runtime that keeps what the detectors emit, for {@link #findings()}. */
  public DetectorRuntime(ReferenceData reference, List<? extends Detector<?>> detectors) {
    this(reference, detectors, null);
  }

  /**
   * A runtime that hands every finding to {@code sink} as it is emitted (then {@link #findings()}
   * stays empty), for callers that interleave detector findings with their own.
   */
  public DetectorRuntime(ReferenceData reference, List<? extends Detector<?>> detectors,
      java.util.function.Consumer<Finding> sink) {
    this.reference = reference;
    this.sink = sink == null ? findings::add : sink;
    for (Detector<?> d : detectors) {
      this.detectors.add(new Bound<>(d));
    }
  }

  private static final class Bound<S> {
    final Detector<S> detector;
    final MapStateStore<S> store = new MapStateStore<>();

    Bound(Detector<S> detector) {
      this.detector = detector;
    }

    void accept(Event event, DetectionContext context) {
      String key = detector.key(event, context);
      if (key != null) {
        detector.onEvent(event, store.forKey(key), context);
      }
    }

    void finish(DetectionContext context) {
      for (String key : store.keys().stream().sorted().toList()) {
        detector.onEnd(key, store.forKey(key), context);
      }
    }
  }

  /** Swaps the reference data between two events; detector state is kept. */
  public void replaceReference(ReferenceData newReference) {
    this.reference = newReference;
  }

  /** Offers one event to every detector. */
  public void accept(Event event) {
    for (Bound<?> b : detectors) {
      b.accept(event, this);
    }
  }

  /** Ends the input: detectors that judge whole histories speak now. */
  public void finish() {
    for (Bound<?> b : detectors) {
      b.finish(this);
    }
  }

  @Override
  public ReferenceData reference() {
    return reference;
  }

  @Override
  public void emit(Finding finding) {
    sink.accept(finding);
  }

  @Override
  public void link(LinkObservation link) {
    links.add(link);
  }

  public List<Finding> findings() {
    return findings;
  }

  public List<LinkObservation> links() {
    return links;
  }
}
