package org.unmask.server.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.unmask.event.Event;
import org.unmask.ingest.LineParser;
import org.unmask.ingest.RejectSink;
import org.unmask.ingest.Rejection;
import org.unmask.scan.EventStage;
import org.unmask.server.api.ApiError;
import org.unmask.server.metrics.Metrics;

/**
 * The way in for events: parse, drop duplicates, make durable, acknowledge, queue for detection.
 *
 * <p>Order of a batch's life: the body is read under size limits; each line is parsed on the
 * request thread (a bad line is rejected with its line number and reason, the good ones are kept);
 * room in the backlog is reserved for the batch's events (none → 429 with Retry-After, nothing
 * written, nothing remembered); then, under one lock so that log order is queue order, duplicates
 * are dropped, the remaining lines are appended to the {@link IntakeLog} and forced to disk, their
 * ids remembered, and the batch queued. Only then does the client get its receipt.
 *
 * <p>The backlog bound counts events queued but not yet judged by detection; it is what keeps a
 * fast client from outrunning the single detection thread.
 */
public final class Intake implements AutoCloseable {

  public static final int MAX_REJECTIONS_SHOWN = 100;

  /**
   * Limits and bounds of the intake.
   *
   * @param retainDays days of event ids remembered to recognise duplicates
   * @param logRetentionDays days a closed intake-log segment is kept, 0 to keep every one; at least
   *     {@code retainDays + 1} otherwise, so that a restart still knows every id it must
   * @param maxDaysAhead how far ahead of the server's clock an event may be dated, in days (see
   *     {@link #DEFAULT_DAYS_AHEAD}); 0 for no bound (replaying a simulated world dated later)
   */
  public record Limits(long maxBodyBytes, long maxDecompressedBytes, int backlogEvents, int retainDays, long maxRememberedIds,
      long segmentBytes, int logRetentionDays, int maxDaysAhead) {
    public Limits {
      if (maxDaysAhead < 0) {
        throw new IllegalArgumentException("days ahead must be 0 (no bound) or more; got " + maxDaysAhead);
      }
      if (logRetentionDays != 0 && logRetentionDays <= retainDays) {
        throw new IllegalArgumentException("the intake log must be kept at least " + (retainDays + 1)
            + " days (duplicates are recognised over " + retainDays + "), or for ever (0); got " + logRetentionDays);
      }
    }

    public static Limits defaults() {
      return new Limits(64L << 20, 64L << 20, 20_000, 30, rememberedIdsFor(Runtime.getRuntime().maxMemory()), 256L << 20, 0,
          DEFAULT_DAYS_AHEAD);
    }

    /** The most bytes one remembered id takes: 8, in sets kept between a quarter and a half full. */
    static final int BYTES_PER_REMEMBERED_ID = 32;

    /**
     * How many event ids may be remembered for duplicate detection with this heap: as many as a
     * quarter of it holds, between one million and fifty million. A fixed fifty million took up
     * to 1.6 GB, most of the default 2 GB heap of {@code bin/unmask serve}, once a fleet sent that
     * many events in the days remembered.
     */
    static long rememberedIdsFor(long maxHeapBytes) {
      return Math.max(1_000_000L, Math.min(50_000_000L, maxHeapBytes / 4 / BYTES_PER_REMEMBERED_ID));
    }

    public Limits withDaysAhead(int days) {
      return new Limits(maxBodyBytes, maxDecompressedBytes, backlogEvents, retainDays, maxRememberedIds, segmentBytes,
          logRetentionDays, days);
    }

    public Limits withBacklog(int events) {
      return new Limits(maxBodyBytes, maxDecompressedBytes, events, retainDays, maxRememberedIds, segmentBytes, logRetentionDays,
          maxDaysAhead);
    }

    public Limits withBody(long bytes, long decompressed) {
      return new Limits(bytes, decompressed, backlogEvents, retainDays, maxRememberedIds, segmentBytes, logRetentionDays,
          maxDaysAhead);
    }

    public Limits withLogRetention(int days) {
      return new Limits(maxBodyBytes, maxDecompressedBytes, backlogEvents, retainDays, maxRememberedIds, segmentBytes, days,
          maxDaysAhead);
    }
  }

  /**
   * How far ahead of the server's clock an event may be dated (Splunk's MAX_DAYS_HENCE is the
   * same two days). Live telemetry cannot come from the future; a laptop whose clock is set ahead
   * would otherwise move its person's detectors to that day, and every real event after it would
   * look late and be set aside. A scan of stored data has no such bound (its end is robust instead).
   */
  public static final int DEFAULT_DAYS_AHEAD = 2;

  private final IntakeLog log;
  private final Limits limits;
  private final Metrics metrics;
  private final SeenIds seen;
  private final Semaphore backlog;
  // Each batch in flight holds its body and its parsed events in memory; bounding how many are
  // parsed at once bounds that memory, whatever the number of connections.
  private final Semaphore inFlight = new Semaphore(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
  /**
   * Kibibytes of decompressed bodies being parsed at once: a sixteenth of the heap, and at least
   * one largest body. Parsed, a body takes about ten times its bytes (maps of fields), so four
   * 64 MB batches of wide events at once ran a 1 GB heap out; now the later ones wait their turn
   * as a 429 with Retry-After.
   */
  private final Semaphore parsing;
  private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
  private final AtomicLong nextSeq = new AtomicLong();
  private final ThreadLocal<LineParser> parsers = ThreadLocal.withInitial(LineParser::new);
  private final Object appendLock = new Object();
  private volatile boolean open;
  private volatile Function<Event, EventStage.Prepared> prepare;
  // Held (shared) by every submit, so stopAccepting can wait for submits already past the door.
  private final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();

  public Intake(Path folder, Limits limits, Metrics metrics) {
    this.log = new IntakeLog(folder, limits.segmentBytes(),
        limits.logRetentionDays() == 0 ? null : Duration.ofDays(limits.logRetentionDays()), Clock.systemUTC());
    this.limits = limits;
    this.metrics = metrics;
    this.seen = new SeenIds(limits.retainDays(), limits.maxRememberedIds());
    this.backlog = new Semaphore(limits.backlogEvents());
    long budget = Math.max(limits.maxDecompressedBytes(), Runtime.getRuntime().maxMemory() / 16);
    this.parsing = new Semaphore((int) Math.min(Integer.MAX_VALUE, budget / 1024 + 1));
  }

  /**
   * Sets how events are prepared (enriched and matched by the rules) on the request thread before
   * they are queued. Call once before {@link #replay} and {@link #open}.
   */
  public void preparer(Function<Event, EventStage.Prepared> preparer) {
    this.prepare = preparer;
  }

  /**
   * Replays the log into {@code judge} (in log order) and remembers every id, so that a client
   * resending what was already durable gets "duplicate". Call once before {@link #open()}.
   */
  public long replay(Consumer<Batch> judge) throws IOException {
    long[] events = new long[1];
    long max = log.replay((seq, lines) -> {
      List<EventStage.Prepared> batch = new ArrayList<>(lines.size());
      LineParser parser = parsers.get();
      String source = source(seq);
      for (IntakeLog.Line l : lines) {
        Event e = parser.parse(l.bytes(), 0, l.bytes().length, source, l.number(), r -> { });
        if (e != null) {
          synchronized (appendLock) {
            seen.add(EventIds.of(e, l.bytes(), 0, l.bytes().length), e.timestamp().toEpochMilli());
          }
          batch.add(prepare.apply(e));
        }
      }
      events[0] += batch.size();
      judge.accept(new Batch(seq, batch, false));
    });
    nextSeq.set(max);
    return events[0];
  }

  /** Remembers ids of events that came another way (the --dataset backfill). */
  public void remember(Event e, long id) {
    synchronized (appendLock) {
      seen.add(id, e.timestamp().toEpochMilli());
    }
  }

  /** Starts accepting batches. */
  public void open() {
    open = true;
  }

  /** Stops accepting: later batches get 503. Batches already acknowledged stay queued. */
  public void stopAccepting() {
    gate.writeLock().lock();
    try {
      open = false;
    } finally {
      gate.writeLock().unlock();
    }
  }

  public boolean isOpen() {
    return open;
  }

  /** Accepts one posted body; see the class comment for the order of work. */
  public IntakeReceipt submit(InputStream body, boolean gzip, long contentLength) throws IOException {
    gate.readLock().lock();
    try {
      return submitOpen(body, gzip, contentLength);
    } finally {
      gate.readLock().unlock();
    }
  }

  private IntakeReceipt submitOpen(InputStream body, boolean gzip, long contentLength) throws IOException {
    if (!open) {
      throw new ApiError(503, "unavailable", "the server is starting or shutting down and accepts no events now; retry shortly", 5);
    }
    if (!inFlight.tryAcquire()) {
      metrics.refused();
      throw new ApiError(429, "too_many_requests",
          "too many batches are being received at once; nothing from this one was kept, send it again after Retry-After", 1);
    }
    try {
      return submitBody(body, gzip, contentLength);
    } finally {
      inFlight.release();
    }
  }

  private IntakeReceipt submitBody(InputStream body, boolean gzip, long contentLength) throws IOException {
    byte[] bytes = BodyReader.read(body, gzip, contentLength, limits.maxBodyBytes(), limits.maxDecompressedBytes());
    int kib = (int) Math.min(Integer.MAX_VALUE, bytes.length / 1024 + 1);
    if (!parsing.tryAcquire(kib)) {
      metrics.refused();
      throw new ApiError(429, "too_many_requests",
          "too many large batches are being parsed at once; nothing from this one was kept, send it again after Retry-After", 1);
    }
    try {
      return parse(bytes);
    } finally {
      parsing.release(kib);
    }
  }

  private IntakeReceipt parse(byte[] bytes) throws IOException {
    int lineCount = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        lineCount++;
      }
    }
    if (lineCount > limits.backlogEvents() + 1) {
      // Refused before parsing: a batch that can never fit must not cost its parse.
      throw ApiError.tooLarge(String.format(Locale.ROOT,
          "a batch of %,d lines is larger than the whole backlog (%,d events); send smaller batches",
          lineCount, limits.backlogEvents()));
    }
    long seq = nextSeq.incrementAndGet();
    String source = source(seq);
    LineParser parser = parsers.get();
    List<IntakeReceipt.Rejected> rejections = new ArrayList<>();
    int[] rejected = new int[1];
    List<Accepted> accepted = new ArrayList<>();
    Instant latestAllowed = limits.maxDaysAhead() == 0 ? Instant.MAX : Instant.now().plus(Duration.ofDays(limits.maxDaysAhead()));
    int lineNo = 0;
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      lineNo++;
      int len = end - start;
      if (len > 0 && bytes[start + len - 1] == '\r') {
        len--;
      }
      long line = lineNo;
      RejectSink reject = r -> {
        rejected[0]++;
        if (rejections.size() < MAX_REJECTIONS_SHOWN) {
          rejections.add(new IntakeReceipt.Rejected(line, r.reason()));
        }
      };
      Event e = parser.parse(bytes, start, len, source, line, reject);
      if (e != null && e.timestamp().isAfter(latestAllowed)) {
        reject.reject(new Rejection(source, line, "@timestamp " + e.timestamp() + " is more than " + limits.maxDaysAhead()
            + " days ahead of the server's clock: a clock set ahead (unmask serve --max-days-ahead)"));
        e = null;
      }
      if (e != null) {
        accepted.add(new Accepted(lineNo, start, len, EventIds.of(e, bytes, start, len), e));
      }
      start = end + 1;
    }
    metrics.rejected(rejected[0]);
    if (accepted.isEmpty()) {
      return new IntakeReceipt(0, rejected[0], 0, rejections);
    }
    if (accepted.size() > limits.backlogEvents()) {
      throw ApiError.tooLarge(String.format(Locale.ROOT,
          "a batch of %,d events is larger than the whole backlog (%,d events); send smaller batches",
          accepted.size(), limits.backlogEvents()));
    }
    if (!backlog.tryAcquire(accepted.size())) {
      metrics.refused();
      throw new ApiError(429, "too_many_requests", String.format(Locale.ROOT,
          "the detection backlog is full (%,d events waiting); nothing from this batch was kept, send it again after Retry-After",
          limits.backlogEvents() - backlog.availablePermits()), 1);
    }
    // Enrichment and rule matching here, on the request thread, in parallel with other requests;
    // the one detection thread is left with the stateful detectors only.
    List<EventStage.Prepared> prepared = new ArrayList<>(accepted.size());
    for (Accepted a : accepted) {
      prepared.add(prepare.apply(a.event()));
    }
    int duplicates = 0;
    List<EventStage.Prepared> events = new ArrayList<>(accepted.size());
    long ticket = 0;
    Batch batch = null;
    synchronized (appendLock) {
      List<IntakeLog.Line> lines = new ArrayList<>(accepted.size());
      LongSet inBatch = new LongSet();
      for (int i = 0; i < accepted.size(); i++) {
        Accepted a = accepted.get(i);
        long millis = a.event().timestamp().toEpochMilli();
        if (seen.contains(a.id(), millis) || !inBatch.add(a.id())) {
          duplicates++;
          continue;
        }
        byte[] copy = new byte[a.len()];
        System.arraycopy(bytes, a.off(), copy, 0, a.len());
        lines.add(new IntakeLog.Line(a.line(), copy));
        events.add(prepared.get(i));
      }
      if (!events.isEmpty()) {
        try {
          ticket = log.write(seq, lines);
        } catch (IOException | RuntimeException e) {
          backlog.release(accepted.size());
          throw new ApiError(503, "unavailable", "could not write the batch to the intake log (" + e.getMessage()
              + "); nothing from it was kept, send it again", 5);
        }
        for (Accepted a : accepted) {
          seen.add(a.id(), a.event().timestamp().toEpochMilli());
        }
        batch = new Batch(seq, events, true);
        // Queued in log order, under the lock; detection may start on it while the disk syncs.
        queue.add(batch);
      }
    }
    if (batch != null) {
      try {
        log.awaitDurable(ticket);
      } catch (IOException e) {
        // Written but not forced: it may or may not survive a crash, so the client must not count
        // on it; a re-send is answered as duplicate if it did survive.
        throw new ApiError(503, "unavailable", "could not force the batch to disk (" + e.getMessage()
            + "); send it again", 5);
      }
      batch.acknowledged(System.nanoTime());
    }
    if (duplicates > 0) {
      backlog.release(duplicates);
    }
    metrics.accepted(events.size());
    metrics.duplicates(duplicates);
    return new IntakeReceipt(events.size(), rejected[0], duplicates, rejections);
  }

  /** The next batch to judge, waiting up to {@code millis}; null when none came. */
  public Batch next(long millis) throws InterruptedException {
    return queue.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Detection finished a batch from {@link #next}: its room in the backlog is free again. */
  public void judged(Batch b) {
    backlog.release(b.events().size());
  }

  /** Events acknowledged and not yet judged. */
  public int backlog() {
    return limits.backlogEvents() - backlog.availablePermits();
  }

  public long rememberedIds() {
    synchronized (appendLock) {
      return seen.size();
    }
  }

  public long logBytes() {
    return log.bytes();
  }

  static String source(long seq) {
    return "api/batch-" + seq;
  }

  @Override
  public void close() throws IOException {
    log.close();
  }

  private record Accepted(int line, int off, int len, long id, Event event) {}
}
