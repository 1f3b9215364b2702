package org.unmask.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.unmask.detect.DetectorRuntime;
import org.unmask.detect.EventRules;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.verdict.LinkObservation;

/**
 * The event-by-event half of a scan: every event is enriched once, matched by the rules and offered
 * to every behavioural detector. The batch scan feeds it a whole dataset and then calls
 * {@link #finish}; the server feeds it events as they arrive and reads {@link #drain} after each
 * batch, so both judge events with the very same code.
 *
 * <p>Not thread-safe: one thread feeds it, as detectors need each key's events in order.
 */
public final class EventStage {

  private volatile UnaryOperator<Event> enricher;
  private final EventRules rules;
  private volatile ReferenceData reference;
  private final DetectorRuntime runtime;
  private final List<Finding> findings = new ArrayList<>();
  private int drained;
  private long count;
  private final ActivityClock clock = new ActivityClock();

  public EventStage(ReferenceData reference, UnaryOperator<Event> enricher, EventRules rules) {
    this.reference = reference;
    this.enricher = enricher;
    this.rules = rules;
    this.runtime = new DetectorRuntime(reference, ScanPipeline.detectors(), findings::add);
  }

  /**
   * An event enriched and pre-matched by the single-event rules, not yet judged by anything that
   * keeps state (correlations, once-a-day dedupe, behavioural detectors).
   *
   * @param prematched what {@link EventRules#prematch} found (opaque to the stage)
   */
  public record Prepared(Event event, Object prematched) {}

  /**
   * The stateless half of {@link #accept(Event)}: enrichment and single-event rule matching (the
   * costly index scan). Safe to call from many threads at once (the enricher and the compiled rule
   * set are thread-safe), so a server can spread it over its request threads and leave only the
   * stateful work to the one ordered thread.
   */
  public Prepared prepare(Event raw) {
    Event event = enricher.apply(raw);
    return new Prepared(event, rules.prematch(event));
  }

  /** Judges one raw event; returns it enriched. */
  public Event accept(Event raw) {
    return accept(prepare(raw));
  }

  /**
   * The stateful half: offers a prepared event to every behavioural detector. One thread, in
   * order; {@code accept(prepare(raw))} is exactly {@code accept(raw)}.
   */
  public Event accept(Prepared prepared) {
    Event event = prepared.event();
    rules.match(event, reference, prepared.prematched(), findings::add);
    runtime.accept(event);
    clock.observe(event, reference);
    count++;
    return event;
  }

  /**
   * Swaps the reference data (and the enricher built on it) between two events, keeping every
   * detector's state: the server does this when people, devices or watchlists are updated.
   */
  public void replaceReference(ReferenceData newReference, UnaryOperator<Event> newEnricher) {
    this.reference = newReference;
    this.enricher = newEnricher;
    runtime.replaceReference(newReference);
  }

  /** The reference data events are judged against now. */
  public ReferenceData reference() {
    return reference;
  }

  /** Ends bounded input: detectors that judge whole histories (work hours...) speak now. */
  public void finish() {
    runtime.finish();
  }

  /** Findings emitted since the last call, in emission order. */
  public List<Finding> drain() {
    List<Finding> fresh = List.copyOf(findings.subList(drained, findings.size()));
    drained = findings.size();
    return fresh;
  }

  /** Every finding emitted so far, rules and detectors interleaved in event order. */
  public List<Finding> findings() {
    return findings;
  }

  /** Every shared-attribute link the detectors reported so far, for the farm graph. */
  public List<LinkObservation> links() {
    return runtime.links();
  }

  public long count() {
    return count;
  }

  /** Time of the earliest event judged, or null before any. */
  public Instant first() {
    return clock.earliestEvent();
  }

  /**
   * The end of the data judged so far, the time risk is reported at: the latest event, unless a
   * clock ran ahead of the fleet's ({@link ActivityClock}); null before any event.
   */
  public Instant last() {
    return clock.end();
  }

  /** The latest time an event carried, wrong clocks included; null before any. */
  public Instant latestTimestamp() {
    return clock.latestEvent();
  }
}
