package org.unmask.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.unmask.event.Finding;
import org.unmask.server.Server;
import org.unmask.server.ServerConfig;
import org.unmask.store.privacy.Role;

/**
 * The loopback load test, bounded in count and time: a simulated company's events, in time order,
 * posted as gzip NDJSON batches to a real server on 127.0.0.1.
 *
 * <ol>
 *   <li><b>Throughput</b>: {@code clients} threads post every batch (retrying 429s); measured from
 *       the first post until the last event is judged: sustained events/s, and the server's p99
 *       detection latency (acknowledged → findings queryable).
 *   <li><b>Kill and resume</b>: a client posts batches one at a time and, at {@code kills} random
 *       points, dies mid-request (a raw socket closed after all or part of the body); a new client
 *       resumes from its last acknowledged batch, re-sending the one in flight. Then the server's
 *       unique events must equal the input and its findings must equal those of an uninterrupted
 *       run of the same batches (none lost, none doubled).
 * </ol>
 *
 * <pre>
 * java -Xmx6g -cp ... org.unmask.server.load.LoadTest --employees 1030 --days 90 --seed 21 --clients 3 --batch 5000
 * </pre>
 */
public final class LoadTest {

  /** What a throughput run measured. */
  public record Throughput(long events, double seconds, double eventsPerSecond, double p99Seconds, double p50Seconds,
      long refusals, long findings) {}

  /** What a kill-and-resume run found. */
  public record KillResume(long inputEvents, long judgedUnique, long duplicates, int kills, long findings,
      long referenceFindings, List<String> missing, List<String> extra) {}

  private LoadTest() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path work = Path.of(a.getOrDefault("work", "/tmp/unmask-load"));
    int batch = Integer.parseInt(a.getOrDefault("batch", "2500"));
    World world = World.simulate(work.resolve("world"), Integer.parseInt(a.getOrDefault("employees", "1030")),
        Integer.parseInt(a.getOrDefault("days", "90")), Long.parseLong(a.getOrDefault("seed", "21")), batch,
        Long.parseLong(a.getOrDefault("max-events", "100000000")));
    System.out.printf(Locale.ROOT, "world: %,d events in %,d batches of %,d (%,d bytes gzip)%n", world.events,
        world.batches.size(), batch, world.batches.stream().mapToLong(b -> b.length).sum());
    Throughput t = throughput(world, work.resolve("throughput"), Integer.parseInt(a.getOrDefault("clients", "3")),
        Integer.parseInt(a.getOrDefault("backlog", "20000")));
    System.out.printf(Locale.ROOT, "throughput: %,d events in %.1f s = %,.0f events/s; detection latency p50 %.3f s, p99 %.3f s;"
        + " %,d refusals (429); %,d findings%n", t.events(), t.seconds(), t.eventsPerSecond(), t.p50Seconds(), t.p99Seconds(),
        t.refusals(), t.findings());
    if (a.containsKey("skip-kill")) {
      return;
    }
    int killBatches = Math.min(world.batches.size(), Integer.parseInt(a.getOrDefault("kill-batches", "60")));
    KillResume k = killAndResume(world, killBatches, work.resolve("kill"), Integer.parseInt(a.getOrDefault("kills", "8")), 7);
    System.out.printf(Locale.ROOT, "kill and resume: %,d input events, %,d judged, %,d duplicates skipped, %d kills;"
        + " %,d findings vs %,d uninterrupted; missing %d, extra %d%n", k.inputEvents(), k.judgedUnique(), k.duplicates(),
        k.kills(), k.findings(), k.referenceFindings(), k.missing().size(), k.extra().size());
  }

  static Server server(Path dir) throws IOException {
    return server(dir, 20_000);
  }

  static Server server(Path dir, int backlog) throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    Path key = dir.resolve("pseudonym.key");
    Files.writeString(key, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
    return Server.start(ServerConfig.of(dir.resolve("store").toString(), 0, dir.resolve("state")).withKeyFile(key)
        .withLimits(org.unmask.server.ingest.Intake.Limits.defaults().withBacklog(backlog)));
  }

  public static Throughput throughput(World world, Path dir, int clients, int backlog) throws Exception {
    Server server = server(dir, backlog);
    try {
      String token = server.store().tokens().create(Role.ADMIN, "load", "load-test").secret();
      new Client(server.port(), token).uploadReference(world.folder);
      server.engine().publish();
      AtomicInteger next = new AtomicInteger();
      AtomicLong accepted = new AtomicLong();
      AtomicLong refusals = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      long judgedBefore = server.engine().judged();
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        Thread th = new Thread(() -> {
          Client client = new Client(server.port(), token);
          try {
            int i;
            while ((i = next.getAndIncrement()) < world.batches.size()) {
              accepted.addAndGet(client.post(world.batches.get(i)).get("accepted").asLong());
            }
          } catch (Exception e) {
            failures.add(e);
          } finally {
            refusals.addAndGet(client.refusals);
          }
        }, "load-client-" + c);
        th.start();
        threads.add(th);
      }
      for (Thread th : threads) {
        th.join(Duration.ofMinutes(30).toMillis());
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException("a client failed", failures.get(0));
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (server.engine().judged() - judgedBefore < accepted.get() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long judged = server.engine().judged() - judgedBefore;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      System.out.printf(Locale.ROOT, "  process CPU %.1f s over %.1f s wall = %.2f cores (GC and JIT included); machine load average %.1f%n",
          cpu, seconds, cpu / seconds, os.getSystemLoadAverage());
      printCpuByThread();
      System.out.printf(Locale.ROOT, "  conclusions: %s%n", server.metrics().scrape().lines()
          .filter(l -> l.startsWith("unmask_conclude_duration_seconds")).toList());
      return new Throughput(judged, seconds, judged / seconds, server.metrics().latencySeconds(0.99),
          server.metrics().latencySeconds(0.5), refusals.get(), server.engine().findings().size());
    } finally {
      server.stop();
    }
  }

  public static KillResume killAndResume(World world, int batches, Path dir, int kills, long seed) throws Exception {
    List<String> reference = run(world, batches, dir.resolve("reference"), 0, seed, new long[3]);
    long[] counts = new long[3];
    List<String> killed = run(world, batches, dir.resolve("killed"), kills, seed, counts);
    long input = 0;
    for (int i = 0; i < batches; i++) {
      input += world.batchSizes[i];
    }
    Map<String, Integer> diff = new HashMap<>();
    reference.forEach(f -> diff.merge(f, 1, Integer::sum));
    killed.forEach(f -> diff.merge(f, -1, Integer::sum));
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    diff.forEach((k, v) -> {
      for (int i = 0; i < Math.abs(v); i++) {
        (v > 0 ? missing : extra).add(k);
      }
    });
    return new KillResume(input, counts[0], counts[1], (int) counts[2], killed.size(), reference.size(), missing, extra);
  }

  /** Posts the first {@code batches} batches one at a time, dying {@code kills} times; returns the findings. */
  private static List<String> run(World world, int batches, Path dir, int kills, long seed, long[] counts) throws Exception {
    Server server = server(dir);
    try {
      String token = server.store().tokens().create(Role.ADMIN, "load", "load-test").secret();
      Client client = new Client(server.port(), token);
      client.uploadReference(world.folder);
      Random random = new Random(seed);
      List<Integer> killAt = new ArrayList<>();
      for (int i = 0; i < kills; i++) {
        killAt.add(1 + random.nextInt(Math.max(1, batches - 1)));
      }
      long duplicates = 0;
      int died = 0;
      int acked = 0; // the client's own durable progress: the next batch to send
      while (acked < batches) {
        if (killAt.remove((Integer) acked)) {
          // The in-flight batch: all of it sent (the server may make it durable) or half (it cannot).
          client.dieDuring(world.batches.get(acked), died % 2 == 0 ? 1.0 : 0.5);
          died++;
          client = new Client(server.port(), token); // a new process resumes from its last acknowledged batch
          continue;
        }
        JsonNode receipt = client.post(world.batches.get(acked));
        duplicates += receipt.get("duplicates").asLong();
        acked++;
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (server.intake().backlog() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      server.engine().publish();
      counts[0] = server.engine().judged();
      counts[1] = duplicates;
      counts[2] = died;
      List<String> out = new ArrayList<>();
      for (Finding f : server.engine().findings("person", null, null, Integer.MAX_VALUE)) {
        // Ids include the evidence location (batch numbers differ between runs); compare the facts.
        out.add(f.ruleId() + "|" + f.entity().type().label() + ":" + f.entity().id() + "|" + f.timestamp() + "|" + f.summary());
      }
      return out;
    } finally {
      server.stop();
    }
  }

  /** Where the time went: CPU seconds per thread group of this JVM (server and clients share it). */
  static void printCpuByThread() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Double> byGroup = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : mx.dumpAllThreads(false, false)) {
      long ns = mx.getThreadCpuTime(info.getThreadId());
      if (ns > 0) {
        String group = info.getThreadName().replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-");
        byGroup.merge(group, ns / 1e9, Double::sum);
      }
    }
    byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
        .forEach(e -> System.out.printf(Locale.ROOT, "  cpu %-40s %8.1f s%n", e.getKey(), e.getValue()));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
