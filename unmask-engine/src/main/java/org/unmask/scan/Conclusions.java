package org.unmask.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.unmask.detect.EventRules;
import org.unmask.event.Finding;
import org.unmask.farm.FarmGraph;
import org.unmask.farm.MoneyTrail;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.RiskPolicy;
import org.unmask.risk.RiskScorer;
import org.unmask.risk.RuleTraits;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.LinkObservation;
import org.unmask.verdict.PersonVerdict;

/**
 * The whole-picture half of a scan: given the findings and links of the event stage, it adds the
 * money trail, applicant vetting and the farm graph, drops duplicates and suppressed findings, and
 * scores every person's risk. The batch scan concludes once; the server and the Flink job conclude
 * again whenever they publish, over everything seen so far.
 *
 * <p>Money trail and vetting depend on the reference data only, and vetting is costly (it compares
 * applicants pairwise), so their outcome is kept until the reference data changes.
 */
public final class Conclusions {

  private final EventRules rules;
  private final ApplicantStage applicants;
  private final RiskPolicy policy;
  private final Predicate<Finding> suppressed;
  private final Map<String, RuleTraits> builtIn = ScanPipeline.builtInTraits();
  private ReferenceData referenceSeen;
  private MoneyTrail.Result money;
  private ApplicantStage.Outcome vetting;

  /** What the scan concludes, without its statistics. */
  public record Conclusion(List<Finding> findings, List<PersonVerdict> persons, List<Farm> farms,
      List<ApplicantVerdict> applicants) {}

  private final org.unmask.vet.identity.IdentityHasher linkHasher;

  public Conclusions(EventRules rules, ApplicantStage applicants, RiskPolicy policy, Predicate<Finding> suppressed) {
    this(rules, applicants, policy, suppressed, null);
  }

  /**
   * @param linkKey the key of the pseudonyms that farms show for shared phones, e-mails and
   *     addresses ({@code Pseudonymizer.linkKey()}); null for plain SHA-256, which anyone can
   *     reverse by hashing every phone number
   */
  public Conclusions(EventRules rules, ApplicantStage applicants, RiskPolicy policy, Predicate<Finding> suppressed,
      byte[] linkKey) {
    this.rules = rules;
    this.applicants = applicants;
    this.policy = policy;
    this.suppressed = suppressed;
    this.linkHasher = new org.unmask.vet.identity.IdentityHasher(linkKey);
  }

  /**
   * Concludes over the event stage's findings and links.
   *
   * @param asOf the time risk is decayed to: the latest event seen, or null for the latest finding
   */
  public synchronized Conclusion conclude(ReferenceData reference, List<Finding> eventFindings,
      List<LinkObservation> eventLinks, Instant asOf) {
    if (reference != referenceSeen) {
      money = MoneyTrail.analyse(reference, linkHasher);
      vetting = applicants.vet(reference);
      referenceSeen = reference;
    }
    List<Finding> findings = new ArrayList<>(eventFindings);
    findings.addAll(money.findings());
    findings.addAll(vetting.findings());

    List<LinkObservation> links = new ArrayList<>(eventLinks);
    links.addAll(money.links());
    links.addAll(vetting.links());
    FarmGraph.Result farms = FarmGraph.build(reference, links);
    findings.addAll(farms.findings());

    List<Finding> kept = dedupe(findings).stream().filter(suppressed.negate()).toList();
    Instant when = asOf == null ? latest(kept) : asOf;
    List<PersonVerdict> persons = new RiskScorer(policy, this::traitsOf).score(reference, kept, when);
    return new Conclusion(kept, persons, farms.farms(), vetting.verdicts());
  }

  /** Traits of a rule by id: built-in detectors first, then the event rules, else unknown. */
  public RuleTraits traitsOf(String ruleId) {
    RuleTraits t = builtIn.get(ruleId);
    if (t == null) {
      t = rules.traits(ruleId);
    }
    return t == null ? RuleTraits.UNKNOWN : t;
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
