package org.unmask.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.unmask.analytics.Analytics;
import org.unmask.detect.Detector;
import org.unmask.detect.DetectorRuntime;
import org.unmask.detect.EventRules;
import org.unmask.detect.RuleSpec;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.farm.FarmGraph;
import org.unmask.farm.MoneyTrail;
import org.unmask.farm.SharedInfrastructure;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.RiskPolicy;
import org.unmask.risk.RiskScorer;
import org.unmask.risk.RuleTraits;
import org.unmask.verdict.LinkObservation;

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

  public ScanPipeline(ReferenceData reference, UnaryOperator<Event> enricher, EventRules rules,
      ApplicantStage applicants, RiskPolicy policy, Predicate<Finding> suppressed) {
    this.reference = reference;
    this.enricher = enricher;
    this.rules = rules;
    this.applicants = applicants;
    this.policy = policy;
    this.suppressed = suppressed;
  }

  /** The detectors every scan runs, fresh. */
  public static List<Detector<?>> detectors() {
    List<Detector<?>> all = new ArrayList<>(Analytics.detectors());
    all.add(SharedInfrastructure.egressAddress());
    all.add(SharedInfrastructure.wifi());
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
    DetectorRuntime runtime = new DetectorRuntime(reference, detectors());
    List<Finding> findings = new ArrayList<>();
    long count = 0;
    Instant first = null;
    Instant last = null;
    while (events.hasNext()) {
      Event event = enricher.apply(events.next());
      rules.match(event, reference, findings::add);
      runtime.accept(event);
      if (first == null) {
        first = event.timestamp();
      }
      last = event.timestamp();
      if ((++count & 0x3FFF) == 0) {
        listener.progress(count, bytesRead.getAsLong());
      }
    }
    listener.progress(count, bytesRead.getAsLong());
    runtime.finish();
    findings.addAll(runtime.findings());

    MoneyTrail.Result money = MoneyTrail.analyse(reference);
    findings.addAll(money.findings());
    ApplicantStage.Outcome vetting = applicants.vet(reference);
    findings.addAll(vetting.findings());

    List<LinkObservation> links = new ArrayList<>(runtime.links());
    links.addAll(money.links());
    links.addAll(vetting.links());
    FarmGraph.Result farms = FarmGraph.build(reference, links);
    findings.addAll(farms.findings());

    List<Finding> kept = dedupe(findings).stream().filter(suppressed.negate()).toList();
    Map<String, RuleTraits> traits = builtInTraits();
    Function<String, RuleTraits> traitsOf = id -> {
      RuleTraits t = traits.get(id);
      if (t == null) {
        t = rules.traits(id);
      }
      return t == null ? RuleTraits.UNKNOWN : t;
    };
    Instant asOf = last == null ? latest(kept) : last;
    var persons = new RiskScorer(policy, traitsOf).score(reference, kept, asOf);
    ScanStats stats = new ScanStats(count, rejectedCount.getAsLong(), rejectedByReason.apply(null), kept.size(),
        first, last, Duration.ofNanos(System.nanoTime() - started));
    return new ScanResult(kept, persons, farms.farms(), vetting.verdicts(), stats);
  }

  /** Unique by id (a re-reported fact keeps its first report), ordered by time then id. */
  static List<Finding> dedupe(List<Finding> findings) {
    Map<String, Finding> byId = new LinkedHashMap<>();
    for (Finding f : findings) {
      byId.putIfAbsent(f.id(), f);
    }
    List<Finding> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing(Finding::timestamp).thenComparing(Finding::id));
    return out;
  }

  private static Instant latest(List<Finding> findings) {
    return findings.stream().map(Finding::timestamp).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
  }
}
