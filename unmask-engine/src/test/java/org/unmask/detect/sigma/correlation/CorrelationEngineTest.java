package org.unmask.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;
import org.unmask.state.State;

/** Rule-set checks, state handling and determinism. */
class CorrelationEngineTest {

  static final String COUNT =
      """
      title: count
      id: c0000000-0000-4000-8000-000000000001
      correlation: {type: event_count, rules: [rule_a], group-by: [User], timespan: 1h,
                    condition: {gte: 3}}
      """;

  static List<String> compileProblems(String yaml) {
    CorrelationRuleException e =
        catchThrowableOfType(CorrelationRuleException.class, () -> CorrelationHarness.of(yaml));
    assertThat(e).as("expected the rule set to be rejected").isNotNull();
    return e.problems().stream().map(CorrelationProblem::toString).toList();
  }

  @Test
  void compile_reportsUnknownReferences_whenTheLoadedRulesAreGiven() {
    assertThat(compileProblems(COUNT + "---\ntitle: base\nname: rule_b\n"))
        .containsExactly(
            "mr_test.yml:1: correlation.rules refers to 'rule_a', but no loaded rule"
                + " has that name or id; did you mean 'rule_b'?");
  }

  @Test
  void compile_reportsCycles_andDuplicateIdsAndNames() {
    String yaml =
        """
title: one
name: one
correlation: {type: event_count, rules: [two], group-by: [], timespan: 1h, condition: {gte: 1}}
---
title: two
name: two
correlation: {type: event_count, rules: [one], group-by: [], timespan: 1h, condition: {gte: 1}}
---
title: three
name: one
correlation: {type: event_count, rules: [x_rule], group-by: [], timespan: 1h, condition: {gte: 1}}
""";
    assertThat(compileProblems(yaml))
        .anyMatch(p -> p.contains("correlation name 'one' is also used by mr_test.yml:1"))
        .anyMatch(p -> p.contains("correlation chain loops: one -> two -> one"));
  }

  @Test
  void compile_reportsASelfReference() {
    assertThat(
            compileProblems(
                COUNT
                    .replace("title: count", "title: count\nname: me")
                    .replace("[rule_a]", "[me]")))
        .anyMatch(p -> p.contains("loops"));
  }

  @Test
  void compile_reportsAliasesForRulesTheCorrelationDoesNotReference() {
    String yaml =
        """
        title: t
        correlation:
          type: temporal
          rules: [rule_a, rule_b]
          group-by: [ip]
          timespan: 1m
          aliases:
            ip: {rule_a: source.ip, rule_c: destination.ip}
        ---
        title: a
        name: rule_a
        ---
        title: b
        name: rule_b
        """;
    assertThat(compileProblems(yaml))
        .singleElement()
        .asString()
        .contains("alias 'ip' maps rule 'rule_c', which this correlation does not reference");
  }

  @Test
  void compile_reportsACorrelationNamedLikeADetectionRule() {
    assertThat(
            compileProblems(
                COUNT.replace("title: count", "title: count\nname: rule_a")
                    + "---\ntitle: base\nname: rule_a\n"))
        .anyMatch(p -> p.contains("is also a detection rule's name or id"));
  }

  @Test
  void compile_reportsCountConditionsBeyondTheStateLimit() {
    CorrelationRuleException e =
        catchThrowableOfType(
            CorrelationRuleException.class,
            () ->
                CorrelationHarness.of(
                    COUNT.replace("gte: 3", "gt: 100"),
                    new CorrelationEngine.Limits(100, 20, 1000)));
    assertThat(e.getMessage()).contains("needs more matches per group than the limit of 100");
  }

  @Test
  void expire_dropsGroupsWhoseWindowHasPassed() {
    var h = CorrelationHarness.of(COUNT);
    h.feed("rule_a", 0, "User", "ana");
    h.feed("rule_a", 1800, "User", "bo");
    assertThat(h.state.size()).isEqualTo(2);
    h.engine.expire(CorrelationHarness.at(3601));
    assertThat(h.state.size()).isEqualTo(1);
    h.engine.expire(CorrelationHarness.at(5401));
    assertThat(h.state.size()).isZero();
  }

  @Test
  void state_isPlainSerialisableJava() throws Exception {
    var h = CorrelationHarness.of(COUNT);
    h.feed("rule_a", 0, "User", "ana");
    h.feed("rule_a", 1, "User", "ana");
    State<Object> state =
        h.state.state("c0000000-0000-4000-8000-000000000001", GroupKey.of(List.of("ana")));
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(state.value());
    }
    Object copy;
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }
    assertThat(copy).isInstanceOf(WindowState.class);
    state.update(copy); // a runtime that round-trips state (Flink) keeps working
    assertThat(h.feed("rule_a", 2, "User", "ana")).hasSize(1);
  }

  @Test
  void state_survivesARuntimeThatHandsOutCopies() {
    // A provider that serialises on every update, as Flink's RocksDB backend does.
    var store = new java.util.HashMap<String, byte[]>();
    StateProvider copying =
        new StateProvider() {
          @Override
          @SuppressWarnings("unchecked")
          public <S> State<S> state(String correlationId, String groupKey) {
            String key = correlationId + "/" + groupKey;
            return new State<>() {
              public S value() {
                byte[] b = store.get(key);
                if (b == null) {
                  return null;
                }
                try (var in = new ObjectInputStream(new ByteArrayInputStream(b))) {
                  return (S) in.readObject();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }

              public void update(S value) {
                var bytes = new ByteArrayOutputStream();
                try (var out = new ObjectOutputStream(bytes)) {
                  out.writeObject(value);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                store.put(key, bytes.toByteArray());
              }

              public void clear() {
                store.remove(key);
              }
            };
          }
        };
    var engine = CorrelationEngine.compile(YamlDocs.correlations(COUNT, "f.yml"), null, copying);
    List<CorrelationMatch> out = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      engine.onMatch(null, "rule_a", event(i, "ana", i + 1), out::add);
    }
    assertThat(out).hasSize(1);
    assertThat(out.get(0).evidence()).extracting(SourceRef::line).containsExactly(1L, 2L, 3L);
  }

  @Test
  void onMatch_isDeterministic_forTheSameInput() {
    String yaml = TemporalCorrelationTest.RECON_ORDERED + "---\n" + COUNT;
    List<String> first = replay(yaml, 42);
    assertThat(first).isNotEmpty();
    assertThat(replay(yaml, 42)).isEqualTo(first);
  }

  private static List<String> replay(String yaml, long seed) {
    var engine =
        CorrelationEngine.compile(
            YamlDocs.correlations(yaml, "f.yml"), null, new MapStateProvider());
    Random random = new Random(seed);
    String[] rules = {"recon_cmd_a", "recon_cmd_b", "recon_cmd_c", "rule_a"};
    List<String> fired = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 2000; i++) {
      t += random.nextInt(30);
      Event e =
          new Event(
              Instant.ofEpochSecond(t),
              "test",
              java.util.Map.of("User", "u" + random.nextInt(3), "ComputerName", "WS1"),
              new SourceRef("e.jsonl", i + 1));
      engine.onMatch(
          null,
          rules[random.nextInt(rules.length)],
          e,
          m -> fired.add(m.ruleId() + " " + m.discriminator() + " " + m.evidence()));
    }
    return fired;
  }

  static Event event(double seconds, String user, long line) {
    return new Event(
        CorrelationHarness.at(seconds),
        "test",
        java.util.Map.of("User", user),
        new SourceRef("events.jsonl", line));
  }
}
