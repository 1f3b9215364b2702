package org.unmask.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The server's meters; one instance per server. */
public final class Metrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter eventsIn;
  private final Counter eventsJudged;
  private final Counter rejected;
  private final Counter duplicates;
  private final Counter refused;
  private final Counter findings;
  private final Timer latency;
  private final Timer conclude;
  private final Rate rate = new Rate();

  public Metrics() {
    eventsIn = Counter.builder("unmask.events.accepted").description("events acknowledged (durable)").register(registry);
    eventsJudged = Counter.builder("unmask.events.judged").description("events through detection").register(registry);
    rejected = Counter.builder("unmask.events.rejected").description("lines rejected with a reason").register(registry);
    duplicates = Counter.builder("unmask.events.duplicates").description("events skipped as already accepted").register(registry);
    refused = Counter.builder("unmask.batches.refused").description("batches refused with 429 (backlog full)").register(registry);
    findings = Counter.builder("unmask.findings").description("findings emitted by live detection").register(registry);
    latency = Timer.builder("unmask.detection.latency")
        .description("from a batch being acknowledged to its findings being queryable")
        .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry);
    conclude = Timer.builder("unmask.conclude.duration").description("one whole-picture conclusion and save")
        .publishPercentiles(0.5, 0.99).register(registry);
    Gauge.builder("unmask.detection.latency.p99", this, m -> m.latencySeconds(0.99)).baseUnit("seconds")
        .description("p99 detection latency over the timer's recent window").register(registry);
    Gauge.builder("unmask.detection.latency.p50", this, m -> m.latencySeconds(0.5)).baseUnit("seconds")
        .description("median detection latency over the timer's recent window").register(registry);
    Gauge.builder("unmask.events.rate", rate, Rate::perSecond).description("events judged per second (last 10 s)")
        .baseUnit("events/s").register(registry);
  }

  /** Registers a gauge read on each scrape. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value, v -> v.get().doubleValue()).description(description).strongReference(true).register(registry);
  }

  public void accepted(int n) {
    eventsIn.increment(n);
  }

  public void judged(int n) {
    eventsJudged.increment(n);
    rate.add(n);
  }

  public void rejected(int n) {
    rejected.increment(n);
  }

  public void duplicates(int n) {
    duplicates.increment(n);
  }

  public void refused() {
    refused.increment();
  }

  public void findings(int n) {
    findings.increment(n);
  }

  public void latency(long nanos) {
    latency.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void concluded(long nanos) {
    conclude.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The detection latency quantile in seconds (0.5 or 0.99), from the timer's recent window. */
  public double latencySeconds(double quantile) {
    for (var v : latency.takeSnapshot().percentileValues()) {
      if (Math.abs(v.percentile() - quantile) < 1e-9) {
        return v.value(TimeUnit.SECONDS);
      }
    }
    return Double.NaN;
  }

  public long latencyCount() {
    return latency.count();
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  /** Events per second over the last ten one-second slots. */
  static final class Rate {
    private final AtomicLong[] slots = new AtomicLong[10];
    private final long[] slotSecond = new long[10];

    Rate() {
      for (int i = 0; i < slots.length; i++) {
        slots[i] = new AtomicLong();
      }
    }

    synchronized void add(long n) {
      long second = System.nanoTime() / 1_000_000_000L;
      int i = (int) (second % slots.length);
      if (slotSecond[i] != second) {
        slotSecond[i] = second;
        slots[i].set(0);
      }
      slots[i].addAndGet(n);
    }

    synchronized double perSecond() {
      long now = System.nanoTime() / 1_000_000_000L;
      long sum = 0;
      for (int i = 0; i < slots.length; i++) {
        if (now - slotSecond[i] < slots.length && slotSecond[i] != now) {
          sum += slots[i].get();
        }
      }
      return sum / (double) (slots.length - 1);
    }
  }
}
