package org.unmask.sim.telemetry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Streams events to {@code events/<dataset>/<week>.jsonl}: each file sorted by {@code @timestamp}.
 * Events are buffered until the generator promises nothing earlier will come ({@link #flushBefore}),
 * then sorted (stably, so ties keep generation order) and appended. A small slice of proxy records is
 * diverted to an unsorted {@code late-arrivals.jsonl}, as a collector that batches late would write it,
 * so readers are exercised on out-of-order input.
 */
public final class EventSink implements AutoCloseable {

  record Line(long at, String text) {}

  private final Path events;
  private final boolean gzip;
  private final Map<String, List<Line>> buffers = new TreeMap<>();
  private final Map<String, Writer> writers = new TreeMap<>();
  private final List<Line> late = new ArrayList<>();
  private final long lateFrom;
  private final long lateTo;
  private final long seed;
  private long count;
  private final Map<String, Long> perDataset = new TreeMap<>();

  public EventSink(Path dataset, boolean gzip, LocalDate lateDay, long seed) {
    this.events = dataset.resolve("events");
    this.gzip = gzip;
    this.lateFrom = lateDay.atTime(15, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    this.lateTo = lateFrom + 3_600_000L;
    this.seed = seed;
  }

  /** Accepts one event line; {@code at} is its {@code @timestamp} in epoch millis. */
  public void accept(String dataset, long at, String text) {
    if (dataset.equals("proxy.http") && at >= lateFrom && at < lateTo) {
      late.add(new Line(at, text));
    } else {
      buffers.computeIfAbsent(dataset, k -> new ArrayList<>()).add(new Line(at, text));
    }
    count++;
    perDataset.merge(dataset, 1L, Long::sum);
  }

  /** Writes every buffered event earlier than {@code limit}; later ones wait for the next flush. */
  public void flushBefore(long limit) {
    try {
      for (Map.Entry<String, List<Line>> entry : buffers.entrySet()) {
        List<Line> lines = entry.getValue();
        lines.sort(Comparator.comparingLong(Line::at));
        int cut = 0;
        while (cut < lines.size() && lines.get(cut).at < limit) {
          Line line = lines.get(cut++);
          writer(entry.getKey(), line.at).append(line.text).append('\n');
        }
        lines.subList(0, cut).clear();
      }
      // Weeks that ended more than a week before the limit are complete: close them.
      long closeBefore = limit - 8L * 86_400_000L;
      for (Iterator<Map.Entry<String, Writer>> it = writers.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Writer> w = it.next();
        String week = w.getKey().substring(w.getKey().lastIndexOf('/') + 1);
        if (LocalDate.parse(week).plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() < closeBefore) {
          w.getValue().close();
          it.remove();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long count() {
    return count;
  }

  public Map<String, Long> countsByDataset() {
    return perDataset;
  }

  private Writer writer(String dataset, long at) throws IOException {
    // Weeks start on Monday; 1970-01-01 was a Thursday, hence the +3.
    long epochDay = Math.floorDiv(at, 86_400_000L);
    LocalDate week = LocalDate.ofEpochDay(epochDay - Math.floorMod(epochDay + 3, 7));
    String key = dataset + "/" + week;
    Writer w = writers.get(key);
    if (w == null) {
      Path file = events.resolve(dataset).resolve(week + (gzip ? ".jsonl.gz" : ".jsonl"));
      Files.createDirectories(file.getParent());
      // A week is re-opened only if a flush closed it early, which the close rule in flushBefore prevents.
      w = open(file);
      writers.put(key, w);
    }
    return w;
  }

  private Writer open(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    if (gzip) {
      out = new GZIPOutputStream(out, 1 << 16);
    }
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public void close() {
    flushBefore(Long.MAX_VALUE);
    try {
      for (Writer w : writers.values()) {
        w.close();
      }
      writers.clear();
      if (!late.isEmpty()) {
        // Shuffle deterministically: the file is meant to be out of order.
        SplittableRandom r = new SplittableRandom(seed ^ 0x1A7EL);
        for (int i = late.size() - 1; i > 0; i--) {
          int j = r.nextInt(i + 1);
          Line t = late.get(i);
          late.set(i, late.get(j));
          late.set(j, t);
        }
        Path file = events.resolve("proxy.http").resolve(gzip ? "late-arrivals.jsonl.gz" : "late-arrivals.jsonl");
        Files.createDirectories(file.getParent());
        try (Writer w = open(file)) {
          for (Line l : late) {
            w.append(l.text).append('\n');
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
