package org.unmask.risk;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.reference.Device;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.verdict.PersonVerdict;
import org.unmask.verdict.Reason;

/**
 * Turns findings into one verdict per person, in the manner of risk-based alerting.
 *
 * <p>Findings about a device count for the device's owner (devices.csv). A person's findings are
 * replayed in (timestamp, id) order, so the result never depends on input order; after each one
 * the score is evaluated at that finding's time, and the first time it reaches the case threshold
 * is {@code first_flagged_at}. The reported {@code risk_score} is the score at {@code asOf} (the
 * end of the data), so old evidence fades while a case, once opened, stays open.
 *
 * <p>Scoring at time t: each finding contributes {@code risk * 2^(-age/halfLife)}, times the
 * new-hire weight when it falls in the person's first days; within one rule the n-th strongest
 * contribution is damped by {@code repeatDecay^(n-1)}; the sum is multiplied by a diversity factor
 * for distinct data sources and tactics, and squashed to 0..100. Only the most recent
 * {@link #WINDOW_PER_RULE} occurrences of a rule are kept: with the default damping the rest add
 * less than a millionth of a point.
 */
public final class RiskScorer {

  static final int WINDOW_PER_RULE = 24;
  private static final double NEGLIGIBLE = 1e-3;

  private final RiskPolicy policy;
  private final Function<String, RuleTraits> traits;

  public RiskScorer(RiskPolicy policy, Function<String, RuleTraits> traits) {
    this.policy = policy;
    this.traits = traits;
  }

  /** One verdict for every person in the roster, highest risk first, ties by person id. */
  public List<PersonVerdict> score(ReferenceData reference, List<Finding> findings, Instant asOf) {
    Map<String, List<Finding>> byPerson = new HashMap<>();
    for (Finding f : findings) {
      String person = personOf(f.entity(), reference);
      if (person != null) {
        byPerson.computeIfAbsent(person, k -> new ArrayList<>()).add(f);
      }
    }
    List<PersonVerdict> verdicts = new ArrayList<>();
    for (Person p : reference.people()) {
      List<Finding> own = byPerson.getOrDefault(p.personId(), List.of());
      verdicts.add(scorePerson(p, own, asOf));
    }
    verdicts.sort(Comparator.comparingDouble(PersonVerdict::riskScore).reversed()
        .thenComparing(PersonVerdict::personId));
    return verdicts;
  }

  /** The person a finding counts for, or null (applicants and farms count through their members). */
  public static String personOf(EntityRef entity, ReferenceData reference) {
    return switch (entity.type()) {
      case PERSON -> entity.id();
      case DEVICE -> reference.device(entity.id()).map(Device::personId).orElse(null);
      default -> null;
    };
  }

  /**
   * One person's verdict from the findings that count for them (their own and their devices'), as
   * {@link #score} gives it, without scoring the rest of the roster.
   */
  public PersonVerdict scorePerson(Person person, List<Finding> findings, Instant asOf) {
    List<Finding> ordered = new ArrayList<>(findings);
    ordered.sort(Comparator.comparing(Finding::timestamp).thenComparing(Finding::id));
    Map<String, Deque<Finding>> byRule = new TreeMap<>();
    Instant firstFlagged = null;
    for (Finding f : ordered) {
      Deque<Finding> window = byRule.computeIfAbsent(f.ruleId(), k -> new ArrayDeque<>());
      window.addLast(f);
      if (window.size() > WINDOW_PER_RULE) {
        window.removeFirst();
      }
      if (firstFlagged == null && evaluate(person, byRule, f.timestamp(), false).score >= policy.caseThreshold()) {
        firstFlagged = f.timestamp();
      }
    }
    // Scored at the end of the data: the end of the events, or a later record of the HR data (a
    // bank change entered after the last event). A finding from events dated later still counts,
    // undecayed, as of the end: it must not age every other finding, which is what a farm
    // laptop's clock set to 2031 would otherwise buy.
    Instant at = asOf != null ? asOf : ordered.isEmpty() ? Instant.EPOCH : ordered.get(ordered.size() - 1).timestamp();
    for (Finding f : ordered) {
      if (f.timestamp().isAfter(at) && fromReferenceData(f)) {
        at = f.timestamp();
      }
    }
    Evaluation end = evaluate(person, byRule, at, true);
    return new PersonVerdict(person.personId(), round(end.score), firstFlagged != null, firstFlagged, end.reasons);
  }

  private record Evaluation(double score, List<Reason> reasons) {}

  /** Whether a finding rests on the dataset's CSV records only (people, devices, payroll, applicants), whose dates no laptop sets. */
  private static boolean fromReferenceData(Finding f) {
    if (f.evidence().isEmpty()) {
      return false;
    }
    for (org.unmask.event.SourceRef ref : f.evidence()) {
      if (!ref.file().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
        return false;
      }
    }
    return true;
  }

  /** @param laterCount whether findings after {@code at} count (as of {@code at}) or are not yet known */
  private Evaluation evaluate(Person person, Map<String, Deque<Finding>> byRule, Instant at, boolean laterCount) {
    double raw = 0;
    Set<String> sources = new HashSet<>();
    Set<String> tactics = new HashSet<>();
    Map<String, Double> perRule = new LinkedHashMap<>();
    Map<String, Finding> strongest = new HashMap<>();
    for (var entry : byRule.entrySet()) {
      List<double[]> contributions = new ArrayList<>();
      Finding best = null;
      double bestValue = -1;
      for (Finding f : entry.getValue()) {
        if (!laterCount && f.timestamp().isAfter(at)) {
          continue;
        }
        double value = f.risk() * decay(decayStart(person, f.timestamp()), at) * newHireWeight(person, f.timestamp());
        contributions.add(new double[] {value});
        if (value > bestValue) {
          bestValue = value;
          best = f;
        }
      }
      contributions.sort((a, b) -> Double.compare(b[0], a[0]));
      double ruleTotal = 0;
      double damping = 1;
      for (double[] c : contributions) {
        ruleTotal += c[0] * damping;
        damping *= policy.repeatDecay();
      }
      if (ruleTotal > NEGLIGIBLE) {
        raw += ruleTotal;
        perRule.put(entry.getKey(), ruleTotal);
        strongest.put(entry.getKey(), best);
        RuleTraits t = traits.apply(entry.getKey());
        sources.add(t.dataSource());
        tactics.addAll(t.tactics());
        tactics.addAll(AttackTactics.tacticsOf(best.attack()));
      }
    }
    double multiplier = 1
        + policy.sourceBonus() * Math.max(0, sources.size() - 1)
        + policy.tacticBonus() * Math.max(0, tactics.size() - 1);
    multiplier = Math.min(multiplier, policy.maxDiversityMultiplier());
    double score = 100 * (1 - Math.exp(-raw * multiplier / policy.saturation()));
    score = Math.max(0, Math.min(100, score));
    List<Reason> reasons = perRule.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(policy.maxReasons())
        .map(e -> new Reason(e.getKey(), strongest.get(e.getKey()).summary(), round(e.getValue())))
        .toList();
    return new Evaluation(score, reasons);
  }

  /**
   * Evidence from before the hire (an application, a background check) starts to age at the hire:
   * the months between applying and starting are not time the person was watched and found
   * clean. The finding keeps its own date, so it never counts before it was known.
   */
  private static Instant decayStart(Person person, Instant when) {
    LocalDate hired = person.hireDate();
    if (hired == null) {
      return when;
    }
    Instant start = hired.atStartOfDay(ZoneOffset.UTC).toInstant();
    return when.isBefore(start) ? start : when;
  }

  private double decay(Instant when, Instant at) {
    double days = Duration.between(when, at).toSeconds() / 86_400.0;
    return Math.pow(0.5, Math.max(0, days) / policy.halfLifeDays());
  }

  private double newHireWeight(Person person, Instant when) {
    LocalDate hired = person.hireDate();
    if (hired == null) {
      return 1;
    }
    LocalDate day = when.atOffset(ZoneOffset.UTC).toLocalDate();
    return !day.isBefore(hired) && !day.isAfter(hired.plusDays(policy.newHireDays()))
        ? policy.newHireWeight()
        : 1;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
