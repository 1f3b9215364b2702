package org.unmask.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.People;
import org.unmask.verdict.PersonVerdict;

class RiskScorerTest {

  private final RiskPolicy policy = RiskPolicy.defaults();
  private final ReferenceData ref = People.of(List.of(
      People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago"),
      People.person("p2", "Bo Li", "Boise", "2 Elm St", "America/Boise")), List.of());
  private static final List<String> RULES = List.of("r.kvm", "r.vpn", "r.hours", "r.bank", "r.exfil");
  private static final List<String> SOURCES = List.of("endpoint", "identity", "behaviour", "payroll", "code");

  private final RiskScorer scorer = new RiskScorer(policy,
      id -> new RuleTraits(SOURCES.get(RULES.indexOf(id)), java.util.Set.of("tactic-" + RULES.indexOf(id))));

  private static Finding finding(String person, String rule, Severity severity, double risk, Instant t, int n) {
    return new Finding(Finding.idOf(rule, EntityRef.person(person), t + "#" + n), rule, rule, severity, List.of(), t,
        EntityRef.person(person), risk, List.of(new SourceRef("events/x.jsonl", n)), rule + " happened");
  }

  private static List<Finding> randomFindings(long seed, int n) {
    Random random = new Random(seed);
    List<Finding> out = new ArrayList<>();
    Instant base = Instant.parse("2026-03-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      Severity s = Severity.values()[random.nextInt(Severity.values().length)];
      Instant t = base.plus(random.nextInt(60), ChronoUnit.DAYS).plus(random.nextInt(3), ChronoUnit.HOURS);
      out.add(finding(random.nextBoolean() ? "p1" : "p2", RULES.get(random.nextInt(RULES.size())), s,
          random.nextDouble() * 200, t, i));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void score_staysWithin0And100_andNeverDependsOnInputOrder(long seed) {
    List<Finding> findings = randomFindings(seed, 400);
    Instant asOf = Instant.parse("2026-05-01T00:00:00Z");
    List<PersonVerdict> expected = scorer.score(ref, findings, asOf);
    List<Finding> shuffled = new ArrayList<>(findings);
    Collections.shuffle(shuffled, new Random(seed * 31));
    assertThat(scorer.score(ref, shuffled, asOf)).isEqualTo(expected);
    assertThat(expected).allSatisfy(v -> assertThat(v.riskScore()).isBetween(0.0, 100.0));
  }

  @Test
  void everyPerson_isListed_highestFirst_evenWithNoFindings() {
    Instant t = Instant.parse("2026-04-01T00:00:00Z");
    List<PersonVerdict> verdicts = scorer.score(ref, List.of(finding("p2", "r.kvm", Severity.HIGH, 30, t, 1)), t);
    assertThat(verdicts).extracting(PersonVerdict::personId).containsExactly("p2", "p1");
    assertThat(verdicts.get(1).riskScore()).isZero();
    assertThat(verdicts.get(1).firstFlaggedAt()).isNull();
  }

  @Test
  void oneRuleRepeatedDaily_cannotOpenACaseAlone() {
    List<Finding> findings = new ArrayList<>();
    Instant t = Instant.parse("2026-04-01T00:00:00Z");
    for (int d = 0; d < 60; d++) {
      findings.add(finding("p1", "r.vpn", Severity.MEDIUM, 12, t.plus(d, ChronoUnit.DAYS), d));
    }
    PersonVerdict v = scorer.score(ref, findings, t.plus(60, ChronoUnit.DAYS)).get(0);
    assertThat(v.caseOpened()).isFalse();
  }

  @Test
  void independentEvidence_opensACase_atTheFindingThatCrossed() {
    Instant t = Instant.parse("2026-04-01T00:00:00Z");
    List<Finding> findings = List.of(
        finding("p1", "r.vpn", Severity.MEDIUM, 12, t, 1),
        finding("p1", "r.hours", Severity.HIGH, 30, t.plus(2, ChronoUnit.DAYS), 2),
        finding("p1", "r.kvm", Severity.HIGH, 30, t.plus(5, ChronoUnit.DAYS), 3),
        finding("p1", "r.bank", Severity.HIGH, 30, t.plus(9, ChronoUnit.DAYS), 4));
    PersonVerdict v = scorer.score(ref, findings, t.plus(10, ChronoUnit.DAYS)).get(0);
    assertThat(v.caseOpened()).isTrue();
    assertThat(v.firstFlaggedAt()).isIn(t.plus(2, ChronoUnit.DAYS), t.plus(5, ChronoUnit.DAYS));
    assertThat(v.reasons()).isNotEmpty().first().satisfies(r -> assertThat(r.summary()).isNotBlank());
  }

  @Test
  void oldEvidence_decays() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    List<Finding> findings = List.of(finding("p1", "r.kvm", Severity.HIGH, 30, t, 1));
    double fresh = scorer.score(ref, findings, t).get(0).riskScore();
    double later = scorer.score(ref, findings, t.plus(180, ChronoUnit.DAYS)).get(0).riskScore();
    assertThat(later).isLessThan(fresh / 4);
  }

  @Test
  void aFindingDatedAfterTheEnd_countsAsOfTheEnd_andAgesNothingElse() {
    // a farm laptop's clock set to 2031 gives its findings that date: they must not decay the rest
    Instant t = Instant.parse("2026-04-01T00:00:00Z");
    Instant end = t.plus(10, ChronoUnit.DAYS);
    List<Finding> now = List.of(
        finding("p1", "r.hours", Severity.HIGH, 30, t, 1),
        finding("p1", "r.bank", Severity.HIGH, 30, t.plus(9, ChronoUnit.DAYS), 2));
    List<Finding> withFuture = new ArrayList<>(now);
    withFuture.add(finding("p1", "r.kvm", Severity.HIGH, 30, Instant.parse("2031-01-01T00:00:00Z"), 3));
    List<Finding> kvmNow = new ArrayList<>(now);
    kvmNow.add(finding("p1", "r.kvm", Severity.HIGH, 30, end, 3));
    assertThat(scorer.score(ref, withFuture, end).get(0).riskScore())
        .isEqualTo(scorer.score(ref, kvmNow, end).get(0).riskScore())
        .isGreaterThan(scorer.score(ref, now, end).get(0).riskScore());
  }

  @Test
  void evidenceFromBeforeTheHire_startsToAgeAtTheHire() {
    // p1 was hired on 2026-01-05; a flagged application three months before that
    Instant applied = Instant.parse("2025-10-01T00:00:00Z");
    Instant hired = Instant.parse("2026-01-05T00:00:00Z");
    List<Finding> findings = List.of(finding("p1", "r.bank", Severity.HIGH, 30, applied, 1));
    double whenKnown = scorer.score(ref, findings, applied).get(0).riskScore();
    assertThat(scorer.score(ref, findings, hired).get(0).riskScore()).isEqualTo(whenKnown);
    assertThat(scorer.score(ref, findings, hired.plus(90, ChronoUnit.DAYS)).get(0).riskScore()).isLessThan(whenKnown / 2);
  }

  @Test
  void policyFile_withAnUnknownSeverity_isRejectedWithTheKey() throws Exception {
    var file = java.nio.file.Files.createTempFile("policy", ".yml");
    java.nio.file.Files.writeString(file, "points:\n  severe: 10\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RiskPolicy.load(file))
        .hasMessageContaining("unknown severity 'severe'");
  }
}
