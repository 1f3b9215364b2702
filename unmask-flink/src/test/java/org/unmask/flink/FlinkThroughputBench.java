package org.unmask.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.cli.KafkaLoad;
import org.unmask.sim.Simulator;
import org.unmask.sim.world.SimulationPlan;

/**
 * The throughput benchmark of docs/BENCHMARKS.md ("Flink"): a simulated world replayed into an
 * in-JVM Kafka, then the job over it at parallelism 1 and 2 on a MiniCluster, with checkpoints (and
 * so the exactly-once sink) on, timing each run end to end, and the largest checkpoint for the
 * state per person. A measurement, not a test: it asserts nothing about speed and runs only when
 * asked:
 *
 * <pre>
 * ./mvnw -B -pl unmask-flink -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=FlinkThroughputBench -Dunmask.bench=true \
 *   -Dunmask.bench.employees=1000 -Dunmask.bench.days=40
 * </pre>
 */
@EnabledIfSystemProperty(named = "unmask.bench", matches = "true")
class FlinkThroughputBench {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path dir;

  static final AtomicLong ROUTED = new AtomicLong();

  /** Counts the routed copies that reach the judges, to show each run read the whole topic. */
  static final class Count implements org.apache.flink.api.common.functions.MapFunction<org.unmask.flink.wire.Routed, org.unmask.flink.wire.Routed> {
    private static final long serialVersionUID = 1L;

    @Override
    public org.unmask.flink.wire.Routed map(org.unmask.flink.wire.Routed r) {
      ROUTED.incrementAndGet();
      return r;
    }
  }

  private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

  @Test
  void measure() throws Exception {
    int employees = Integer.getInteger("unmask.bench.employees", 1000);
    int days = Integer.getInteger("unmask.bench.days", 40);
    long t0 = System.nanoTime();
    Path world = dir.resolve("world");
    Simulator.Summary s = Simulator.simulate(
        new SimulationPlan(employees, days, 42, Simulator.DEFAULT_START, 0.03, "acme-corp.com"),
        new Simulator.Output(world, true));
    report("simulated %d employees x %d days: %,d events in %.1f s", employees, days, s.events(), secondsSince(t0));
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      String prefix = "bench";
      KafkaLoad.createTopics(kafka.bootstrapServers(), prefix, 2);
      long t1 = System.nanoTime();
      KafkaLoad.Counts sent = KafkaLoad.replay(world, kafka.bootstrapServers(), prefix);
      report("kafka-load: %,d events in %.1f s (%,.0f events/s)", sent.sent(), secondsSince(t1),
          sent.sent() / secondsSince(t1));
      // The first run warms the JIT and the class loaders and is not reported as a figure.
      run(kafka, prefix, world, 1, sent.sent(), employees, "warm-up");
      for (int parallelism : new int[] {1, 2, 1, 2}) {
        run(kafka, prefix, world, parallelism, sent.sent(), employees, "measured");
      }
      stateAfterAllInput(kafka, prefix, world, employees);
    }
  }

  private void run(EmbeddedKafka kafka, String prefix, Path world, int parallelism, long events, int employees,
      String label) throws Exception {
    int n = RUNS.incrementAndGet();
    Path checkpoints = dir.resolve("checkpoints-" + n);
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    env.enableCheckpointing(10_000);
    // Applicant vetting is a one-off cost per job (photos compared pairwise), not per event: it is
    // measured by the vetting benchmarks, and left out here so the figure is the event path's.
    UnmaskJob.build(env, new UnmaskJob.Kafka(kafka.bootstrapServers(), prefix, "bench-" + n, true, 10_000),
        JobSettings.defaults(world).withPublishEvery(Duration.ofDays(1)).withVetting(false), new Count());
    AtomicLong largest = new AtomicLong();
    AtomicLong latest = new AtomicLong();
    Thread watcher = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        long[] sizes = checkpointSizes(checkpoints);
        largest.accumulateAndGet(sizes[0], Math::max);
        if (sizes[1] > 0) {
          latest.set(sizes[1]);
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    watcher.setDaemon(true);
    watcher.start();
    int before = kafka.readAll(prefix + ".findings").size();
    ROUTED.set(0);
    long t = System.nanoTime();
    long cpu = processCpuNanos();
    var result = env.execute("bench p" + parallelism);
    double seconds = secondsSince(t);
    double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
    watcher.interrupt();
    watcher.join();
    int published = kafka.readAll(prefix + ".findings").size() - before;
    report("flink %s p=%d: %,d routed copies judged, %,d findings published, net runtime %d ms", label, parallelism,
        ROUTED.get(), published, result.getNetRuntime());
    report("flink %s p=%d: %.1f CPU-s for the whole JVM (job, Kafka broker, test) = %,.0f events per CPU-second",
        label, parallelism, cpuSeconds, events / cpuSeconds);
    report("flink %s p=%d: %,d events in %.1f s = %,.0f events/s end to end; checkpoints: largest %,d bytes"
        + " (%,.0f per employee), last %,d bytes (%,.0f per employee)", label, parallelism, events, seconds,
        events / seconds, largest.get(), largest.get() / (double) employees, latest.get(), latest.get() / (double) employees);
  }

  /**
   * The job's state once every event has been judged: the same job, unbounded, runs until the
   * judges have seen every routed copy of a bounded run and the watermark has moved on, then takes
   * a canonical savepoint (the full state, serialised) and is cancelled. Left in the state: every
   * detector's and rule's memory and the conclusion's findings and links; the only events still
   * buffered are those of the last minutes of event time (the watermark delay).
   */
  private void stateAfterAllInput(EmbeddedKafka kafka, String prefix, Path world, int employees) throws Exception {
    long expected = ROUTED.get();
    ROUTED.set(0);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    UnmaskJob.build(env, new UnmaskJob.Kafka(kafka.bootstrapServers(), prefix, "bench-state", false, 0),
        JobSettings.defaults(world).withPublishEvery(Duration.ofDays(1)).withVetting(false), new Count());
    var client = env.executeAsync("bench state");
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (ROUTED.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Thread.sleep(3000); // periodic watermarks catch up with the last records
    Path savepoints = dir.resolve("savepoint");
    String at = client.triggerSavepoint(savepoints.toUri().toString(),
        org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get();
    client.cancel().get();
    long bytes = size(Path.of(java.net.URI.create(at)));
    report("state after all %,d routed copies were judged (canonical savepoint, p=1): %,d bytes = %,.0f bytes per employee",
        ROUTED.get(), bytes, bytes / (double) employees);
  }

  /**
   * Bytes of the largest and of the newest complete checkpoint folder (chk-N with its _metadata).
   * The heap backend writes full checkpoints, so a folder holds the whole state: the detectors'
   * and rules' memory, the conclusion's findings, and the events still waiting for the watermark.
   */
  private static long[] checkpointSizes(Path root) {
    long[] sizes = new long[2];
    if (!Files.isDirectory(root)) {
      return sizes;
    }
    int newest = -1;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path chk : walk.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.isDirectory(p)).toList()) {
        if (Files.exists(chk.resolve("_metadata"))) {
          long size = size(chk);
          sizes[0] = Math.max(sizes[0], size);
          int n = Integer.parseInt(chk.getFileName().toString().substring(4));
          if (n > newest) {
            newest = n;
            sizes[1] = size;
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException | NumberFormatException e) {
      return sizes; // a checkpoint was subsumed and deleted while we walked it
    }
    return sizes;
  }

  private static long size(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }

  private static void report(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
  }
}
