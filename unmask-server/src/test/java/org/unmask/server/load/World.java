package org.unmask.server.load;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.unmask.sim.Simulator;
import org.unmask.sim.world.SimulationPlan;

/** A simulated company, its event lines in time order, cut into gzip NDJSON batches. */
final class World {

  final Path folder;
  final List<byte[]> batches;
  final int[] batchSizes;
  final long events;

  private World(Path folder, List<byte[]> batches, int[] batchSizes, long events) {
    this.folder = folder;
    this.batches = batches;
    this.batchSizes = batchSizes;
    this.events = events;
  }

  static World simulate(Path folder, int employees, int days, long seed, int batchSize, long maxEvents) throws IOException {
    if (!Files.exists(folder.resolve("people.csv"))) {
      Simulator.simulate(new SimulationPlan(employees, days, seed, LocalDate.parse("2026-03-02"), 0.03, "acme-corp.com"),
          new Simulator.Output(folder, true));
    }
    record Line(Instant at, int file, int no, String text) {}
    List<Line> lines = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(folder.resolve("events"))) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (int f = 0; f < files.size(); f++) {
      Path p = files.get(f);
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          p.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p), 1 << 16) : Files.newInputStream(p),
          StandardCharsets.UTF_8), 1 << 16)) {
        String text;
        int no = 0;
        while ((text = r.readLine()) != null) {
          no++;
          int i = text.indexOf("\"@timestamp\":\"");
          if (i < 0) {
            continue;
          }
          int start = i + 14;
          int end = text.indexOf('"', start);
          lines.add(new Line(Instant.parse(text.substring(start, end)), f, no, text));
        }
      }
    }
    lines.sort(Comparator.comparing(Line::at).thenComparingInt(Line::file).thenComparingInt(Line::no));
    int n = (int) Math.min(lines.size(), maxEvents);
    List<byte[]> batches = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16)) {
        for (int i = from; i < to; i++) {
          z.write(lines.get(i).text().getBytes(StandardCharsets.UTF_8));
          z.write('\n');
        }
      }
      batches.add(out.toByteArray());
      sizes.add(to - from);
    }
    return new World(folder, batches, sizes.stream().mapToInt(Integer::intValue).toArray(), n);
  }
}
