package org.unmask.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.unmask.detect.sigma.JsonEvents;
import org.unmask.detect.sigma.Pipeline;
import org.unmask.detect.sigma.SigmaConfig;
import org.unmask.detect.sigma.SigmaRuleSet;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/**
 * The Sigma matcher on Sysmon-shaped events: the cost of parsing a line into a flat event, and of
 * matching an already parsed event against the whole SigmaHQ Windows rule set (evtx pipeline).
 * {@code -p rules=PATH} points at the rules (default: the SigmaHQ copy in the shared data folder).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class SigmaBenchmark {

  static final int EVENTS = 10_000;

  @Param("../shared/data/sigma/rules/windows")
  public String rules;

  private List<String> lines;
  private List<Event> events;
  private SigmaRuleSet ruleSet;

  @Setup
  public void setUp() throws IOException {
    lines = SysmonEvents.lines(EVENTS);
    events = new ArrayList<>(EVENTS);
    for (int i = 0; i < lines.size(); i++) {
      events.add(JsonEvents.toEvent(JsonEvents.parse(lines.get(i)), new SourceRef("bench.jsonl", i + 1)));
    }
    ruleSet = SigmaRuleSet.load(List.of(Path.of(rules)), Pipeline.named("evtx"), SigmaConfig.defaults(), p -> {});
    System.err.println(ruleSet.describe());
  }

  /** Parse only: JSON line to flat event (the baseline). */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void parse(Blackhole bh) throws IOException {
    for (int i = 0; i < EVENTS; i++) {
      bh.consume(JsonEvents.toEvent(JsonEvents.parse(lines.get(i)), new SourceRef("bench.jsonl", i + 1)));
    }
  }

  /** Match only: a parsed event against every Windows rule. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void match(Blackhole bh) {
    for (int i = 0; i < EVENTS; i++) {
      ruleSet.match(events.get(i), bh::consume);
    }
  }

  /** Parse and match, as {@code unmask match} does per line. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void parseAndMatch(Blackhole bh) throws IOException {
    for (int i = 0; i < EVENTS; i++) {
      ruleSet.match(JsonEvents.toEvent(JsonEvents.parse(lines.get(i)), new SourceRef("bench.jsonl", i + 1)), bh::consume);
    }
  }
}
