package org.unmask.scan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.unmask.analytics.Analytics;
import org.unmask.detect.Detector;
import org.unmask.detect.EventRules;
import org.unmask.detect.RuleSpec;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.farm.FarmGraph;
import org.unmask.farm.MoneyTrail;
import org.unmask.farm.SharedInfrastructure;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.RiskPolicy;
import org.unmask.risk.RuleTraits;

/**
 * One scan, start to finish, over inputs already opened: reference data, a time-ordered event
 * stream, an enricher, event rules (Sigma) and the applicant stage. The order of work is the
 * order of the data: every event is enriched once, matched by the rules, and offered to every
 * behavioural detector; then money, farm and vetting analyses run over the whole; then risk.
 */
public final class ScanPipeline {

  private final ReferenceData reference;
  private final UnaryOperator<Event> enricher;
  private final EventRules rules;
  private final ApplicantStage applicants;
  private final RiskPolicy policy;
  private final Predicate<Finding> suppressed;
  private final byte[] linkKey;

  public ScanPipeline(ReferenceData reference, UnaryOperator<Event> enricher, EventRules rules,
      ApplicantStage applicants, RiskPolicy policy, Predicate<Finding> suppressed) {
    this(reference, enricher, rules, applicants, policy, suppressed, null);
  }

  /** @param linkKey the key of shared identifiers' pseudonyms in farms ({@code Pseudonymizer.linkKey()}), or null */
  public ScanPipeline(ReferenceData reference, UnaryOperator<Event> enricher, EventRules rules,
      ApplicantStage applicants, RiskPolicy policy, Predicate<Finding> suppressed, byte[] linkKey) {
    this.reference = reference;
    this.enricher = enricher;
    this.rules = rules;
    this.applicants = applicants;
    this.policy = policy;
    this.suppressed = suppressed;
    this.linkKey = linkKey;
  }

  /** The detectors every scan runs, fresh. */
  public static List<Detector<?>> detectors() {
    List<Detector<?>> all = new ArrayList<>(Analytics.detectors());
    all.add(SharedInfrastructure.egressAddress());
    all.add(SharedInfrastructure.wifi());
    all.add(SharedInfrastructure.authenticator());
    return all;
  }

  /** Traits of every built-in rule, by id. */
  public static Map<String, RuleTraits> builtInTraits() {
    Map<String, RuleTraits> traits = new HashMap<>();
    List<RuleSpec> specs = new ArrayList<>(Analytics.rules());
    specs.addAll(MoneyTrail.rules());
    specs.addAll(FarmGraph.rules());
    for (RuleSpec s : specs) {
      traits.put(s.id(), s.traits());
    }
    return traits;
  }

  /**
   * Runs the scan.
   *
   * @param events the merged, time-ordered stream
   * @param bytesRead how far the reader is, for progress
   * @param rejectedCount how many records readers rejected so far, for the stats
   */
  public ScanResult run(Iterator<Event> events, LongSupplier bytesRead, ScanListener listener,
      LongSupplier rejectedCount, Function<Void, Map<String, Long>> rejectedByReason) {
    long started = System.nanoTime();
    EventStage stage = new EventStage(reference, enricher, rules);
    while (events.hasNext()) {
      stage.accept(events.next());
      if ((stage.count() & 0x3FFF) == 0) {
        listener.progress(stage.count(), bytesRead.getAsLong());
      }
    }
    listener.progress(stage.count(), bytesRead.getAsLong());
    stage.finish();

    Conclusions.Conclusion c = new Conclusions(rules, applicants, policy, suppressed, linkKey)
        .conclude(reference, stage.findings(), stage.links(), stage.last());
    ScanStats stats = new ScanStats(stage.count(), rejectedCount.getAsLong(), rejectedByReason.apply(null),
        c.findings().size(), stage.first(), stage.last(), stage.latestTimestamp(),
        Duration.ofNanos(System.nanoTime() - started));
    return new ScanResult(c.findings(), c.persons(), c.farms(), c.applicants(), stats);
  }
}
