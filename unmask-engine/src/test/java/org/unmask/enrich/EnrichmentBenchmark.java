package org.unmask.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;
import org.unmask.reference.WatchlistEntry;

/**
 * Throughput of IP enrichment, as a plain main (no JMH 1.37 in the offline repository). Run it on
 * one core, from the repository root, with {@code unmask-engine/tools/benchmark-enrichment.sh};
 * figures go to docs/BENCHMARKS.md ("Enrichment").
 *
 * <p>Four measurements, each after a warm-up pass over the same work:
 * <ol>
 *   <li>load: {@link IpIntel#shipped()} from the jar's compact files;
 *   <li>uncached lookups: {@link IpIntel#lookup(String)} on 200,000 distinct random public addresses;
 *   <li>enrich, warm cache: {@link IpEnricher#enrich} over 2,000,000 events drawing from 5,000 addresses;
 *   <li>parse + enrich: the same events as JSON lines, parsed with Jackson's streaming parser into
 *       flat dotted maps (a stand-in for the ingest reader) and enriched.
 * </ol>
 */
public final class EnrichmentBenchmark {

  private EnrichmentBenchmark() {}

  /**
   * CPU time of the whole JVM (all threads, GC included). The benchmark machine is shared, so wall
   * time measures the neighbours too; on one pinned core, process CPU time is the cost we impose.
   */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void report(String what, int round, int warmups, int n, long wallNanos, long cpu, String unit) {
    System.out.printf("%-9s %-44s %,11.0f %s/s CPU (%6.0f ns each) | wall %,11.0f/s%n", round < warmups ? "warm-up" : "MEASURED",
        what, n / (cpu / 1e9), unit, (double) cpu / n, n / (wallNanos / 1e9));
  }

  public static void main(String[] args) throws IOException {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    long t0 = System.nanoTime();
    IpIntel intel = IpIntel.shipped();
    System.out.printf("load shipped IpIntel: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    System.out.printf("heap in use after load: %.0f MB (IpIntel: %s)%n", (rt.totalMemory() - rt.freeMemory()) / 1e6,
        intel.sources().size() + " sources");

    Random random = new Random(42);
    List<String> distinct = new ArrayList<>();
    while (distinct.size() < 200_000) {
      distinct.add(randomPublicAddress(random));
    }
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      long cpu = cpuNanos();
      int hits = 0;
      for (String ip : distinct) {
        hits += intel.lookup(ip).asn() != null ? 1 : 0;
      }
      report("uncached lookup (" + hits * 100 / distinct.size() + "% routed)", round, 2, distinct.size(),
          System.nanoTime() - start, cpuNanos() - cpu, "lookups");
    }

    List<String> pool = distinct.subList(0, 5_000);
    List<WatchlistEntry> watchlist = List.of(
        new WatchlistEntry(WatchlistEntry.Type.CIDR, "198.51.100.0/24", "allow:office", "it"),
        new WatchlistEntry(WatchlistEntry.Type.IP, pool.get(7), "laptop farm", "ir"));
    // 100,000 distinct events replayed: realistic variety without a multi-gigabyte heap
    int distinctEvents = Math.min(events, 100_000);
    List<Map<String, Object>> fieldMaps = new ArrayList<>(distinctEvents);
    List<String> lines = new ArrayList<>(distinctEvents);
    for (int i = 0; i < distinctEvents; i++) {
      Map<String, Object> f = syntheticEvent(random, pool, i);
      fieldMaps.add(f);
      lines.add(toJson(f));
    }

    List<Event> prebuilt = new ArrayList<>(distinctEvents);
    for (Map<String, Object> f : fieldMaps) {
      prebuilt.add(new Event(Instant.EPOCH, (String) f.get("event.dataset"), f, new SourceRef("b", 1)));
    }
    long sink = 0;
    for (int round = 0; round < 4; round++) {
      IpEnricher enricher = new IpEnricher(intel, watchlist);
      long start = System.nanoTime();
      long cpu = cpuNanos();
      for (int i = 0; i < events; i++) {
        sink += enricher.enrich(prebuilt.get(i % distinctEvents)).fields().size();
      }
      report("enrich, warm cache (3 of 4 events have IPs)", round, 2, events, System.nanoTime() - start,
          cpuNanos() - cpu, "events");
    }
    IpEnricher cached = new IpEnricher(intel, watchlist);
    for (String ip : pool) {
      cached.facts(ip);
    }
    for (int round = 0; round < 4; round++) {
      long start = System.nanoTime();
      long cpu = cpuNanos();
      for (int i = 0; i < events; i++) {
        sink += cached.facts(pool.get(i % pool.size())).concerns().size();
      }
      report("facts(ip), cached", round, 2, events, System.nanoTime() - start, cpuNanos() - cpu, "lookups");
    }

    JsonFactory json = new JsonFactory();
    for (int withEnrich = 0; withEnrich < 2; withEnrich++) {
      for (int round = 0; round < 4; round++) {
        IpEnricher enricher = new IpEnricher(intel, watchlist);
        long start = System.nanoTime();
        long cpu = cpuNanos();
        for (int i = 0; i < events; i++) {
          Map<String, Object> f = parseFlat(json, lines.get(i % distinctEvents));
          Event e = new Event(Instant.parse((String) f.get("@timestamp")), (String) f.get("event.dataset"), f,
              new SourceRef("events/bench.jsonl", i + 1));
          sink += (withEnrich == 1 ? enricher.enrich(e) : e).fields().size();
        }
        report(withEnrich == 1 ? "parse JSON line + enrich" : "parse JSON line only (baseline)", round, 2, events,
            System.nanoTime() - start, cpuNanos() - cpu, "events");
      }
    }
    System.out.println("(checksum " + sink + ")");
  }

  private static String randomPublicAddress(Random random) {
    if (random.nextInt(10) == 0) {
      return String.format("2%03x:%x:%x::%x", random.nextInt(0x1000), random.nextInt(0x10000), random.nextInt(0x10000),
          random.nextInt(0x10000));
    }
    int first;
    do {
      first = 1 + random.nextInt(223);
    } while (first == 10 || first == 127 || first == 100 || first == 172 || first == 192);
    return first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
  }

  /** A mix like a small company's day: sign-ins, flows, inventory and process starts (no address). */
  private static Map<String, Object> syntheticEvent(Random random, List<String> pool, int i) {
    Map<String, Object> f = new HashMap<>();
    f.put("@timestamp", "2026-05-04T14:01:26.618Z");
    f.put("host.id", "host-" + random.nextInt(300));
    switch (i % 4) {
      case 0 -> {
        f.put("event.dataset", "idp.signin");
        f.put("user.email", "user" + random.nextInt(300) + "@example.com");
        f.put("source.ip", pool.get(random.nextInt(pool.size())));
        f.put("event.outcome", "success");
      }
      case 1 -> {
        f.put("event.dataset", "network.flow");
        f.put("source.ip", "192.168.1." + random.nextInt(254));
        f.put("destination.ip", pool.get(random.nextInt(pool.size())));
        f.put("destination.port", 443L);
        f.put("source.bytes", (long) random.nextInt(100_000));
      }
      case 2 -> {
        f.put("event.dataset", "endpoint.inventory");
        f.put("host.public_ip", pool.get(random.nextInt(pool.size())));
        f.put("host.os.name", "Windows 11");
      }
      default -> {
        f.put("event.dataset", "endpoint.process");
        f.put("process.name", "chrome.exe");
        f.put("user.name", "user" + random.nextInt(300));
      }
    }
    return f;
  }

  private static String toJson(Map<String, Object> f) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, Object> e : f.entrySet()) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(e.getKey()).append("\":");
      b.append(e.getValue() instanceof String s ? "\"" + s + "\"" : String.valueOf(e.getValue()));
    }
    return b.append('}').toString();
  }

  private static Map<String, Object> parseFlat(JsonFactory json, String line) throws IOException {
    Map<String, Object> f = new HashMap<>(32);
    try (JsonParser p = json.createParser(line)) {
      p.nextToken();
      String key = null;
      for (JsonToken t; (t = p.nextToken()) != JsonToken.END_OBJECT; ) {
        if (t == JsonToken.FIELD_NAME) {
          key = p.currentName();
        } else if (t == JsonToken.VALUE_STRING) {
          f.put(key, p.getText());
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
          f.put(key, p.getLongValue());
        }
      }
    }
    return f;
  }
}
