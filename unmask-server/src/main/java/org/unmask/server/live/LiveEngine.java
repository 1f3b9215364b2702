package org.unmask.server.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unmask.Rules;
import org.unmask.Vetting;
import org.unmask.detect.EventRules;
import org.unmask.enrich.Enrichment;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.ingest.Dataset;
import org.unmask.ingest.EventStream;
import org.unmask.privacy.Pseudonymizer;
import org.unmask.privacy.Redactor;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.Suppressions;
import org.unmask.scan.ApplicantStage;
import org.unmask.scan.Conclusions;
import org.unmask.scan.EventStage;
import org.unmask.scan.ScanOptions;
import org.unmask.server.ingest.Batch;
import org.unmask.server.ingest.Intake;
import org.unmask.server.metrics.Metrics;
import org.unmask.store.ScanSnapshot;
import org.unmask.store.Store;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.LinkObservation;
import org.unmask.verdict.PersonVerdict;

/**
 * The live engine: one detection thread feeding an {@link EventStage} in arrival order, and a
 * publisher that concludes over everything seen so far and saves the result.
 *
 * <p><b>Threads.</b> The detection thread alone touches the stage, under {@code stageLock}; it
 * holds the lock per batch, so the publisher (which copies the stage's findings and links under the
 * same lock) and reference swaps only ever see the stage between two batches. New findings are
 * pseudonymised and put in the {@link FindingIndex} as soon as their batch is judged: that is the
 * moment the detection latency is measured to.
 *
 * <p><b>Publishing.</b> Every {@code concludeEvery} (and on demand), when anything changed, the
 * publisher runs {@link Conclusions#conclude} over all findings and links, pseudonymises, and saves
 * to the store only what changed since the last save (new findings, changed verdicts, farms and
 * applicants) as one atomic {@link Store#saveScan}: cases open past the threshold exactly as after a
 * scan. Then it replaces the {@link LiveView}. A failed save is logged and retried next time.
 */
public final class LiveEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveEngine.class);
  static final String DATASET = "unmask serve (live)";

  private final Store store;
  private final ReferenceFolder referenceFolder;
  private final ScanOptions options;
  private final Pseudonymizer pseudonyms;
  private final Metrics metrics;
  private final Intake intake;
  private final Duration concludeEvery;
  private final Clock clock;
  private final ReentrantLock stageLock = new ReentrantLock();
  private final EventStage stage;
  private final Conclusions conclusions;
  private final FindingIndex findings = new FindingIndex();
  private final PersonProfiles profiles = new PersonProfiles();
  private final AtomicLong judged = new AtomicLong();
  private final ScheduledExecutorService publisher;
  private final Object publishLock = new Object();
  private volatile ReferenceData reference;
  private Redactor redactor;
  private volatile Suppressions suppressions = Suppressions.none();
  private volatile boolean changed;
  private volatile boolean stopping;
  private volatile LiveView view = LiveView.EMPTY;
  private volatile List<org.unmask.ingest.Rejection> referenceProblems = List.of();
  private volatile Thread detector;

  // What the store already holds, so each save writes only what changed (publisher thread only).
  // Finding id -> hash of what was saved: a conclusion's finding keeps its id while its content
  // grows (a farm gains a member, a summary a count), and the store must get the newest content.
  private final Map<String, Integer> savedFindings = new HashMap<>();
  private final Map<String, PersonVerdict> savedPersons = new HashMap<>();
  private final Map<String, Farm> savedFarms = new HashMap<>();
  private final Map<String, ApplicantVerdict> savedApplicants = new HashMap<>();
  // Summary text -> its redaction, so each distinct text is redacted once (cleared when the
  // reference, and so the names to redact, change).
  private final Map<String, String> redactedText = new HashMap<>();
  private Redactor redactedWith;

  public LiveEngine(Store store, ReferenceFolder referenceFolder, ScanOptions options, Pseudonymizer pseudonyms,
      Metrics metrics, Intake intake, Duration concludeEvery, Clock clock) {
    this.store = store;
    this.referenceFolder = referenceFolder;
    this.options = options;
    this.pseudonyms = pseudonyms;
    this.metrics = metrics;
    this.intake = intake;
    this.concludeEvery = concludeEvery;
    this.clock = clock;
    ReferenceFolder.Read read = referenceFolder.read();
    this.reference = read.reference();
    this.referenceProblems = read.rejections();
    this.redactor = Redactor.of(pseudonyms, reference.people(), reference.applicants());
    EventRules rules = Rules.load(options);
    Enrichment enricher = Enrichment.forDataset(options.dataDir(), reference);
    this.stage = new EventStage(reference, enricher, rules);
    ApplicantStage applicants = options.withVetting()
        ? Vetting.stage(referenceFolder.folder(), r -> LOG.debug("vetting: {}", r), pseudonyms.linkKey()) : ApplicantStage.none();
    this.conclusions = new Conclusions(rules, applicants, options.riskPolicy(), f -> suppressions.suppresses(f),
        pseudonyms.linkKey());
    this.publisher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "unmask-publisher");
      t.setDaemon(true);
      return t;
    });
    intake.preparer(stage::prepare);
    metrics.gauge("unmask.queue.depth", "events acknowledged and waiting for detection", intake::backlog);
    metrics.gauge("unmask.findings.live", "findings queryable now", findings::size);
  }

  /**
   * Judges the events of a dataset folder, in time order, before anything else (the --dataset
   * backfill); their ids are remembered so the same events posted later count as duplicates only
   * when they carry an {@code event.id}.
   */
  public long backfill(Path dataset, Consumer<org.unmask.ingest.Rejection> rejects) {
    long n = 0;
    List<EventStage.Prepared> chunk = new ArrayList<>(1024);
    try (EventStream events = Dataset.open(dataset).events(rejects::accept)) {
      while (events.hasNext()) {
        Event e = events.next();
        Object id = e.get("event.id");
        String key = id != null ? "id:" + e.dataset() + "\u0000" + id : "src:" + e.source().file() + ":" + e.source().line();
        intake.remember(e, hash(key));
        chunk.add(stage.prepare(e));
        if (chunk.size() == 1024) {
          judge(new Batch(0, chunk, false));
          n += chunk.size();
          chunk.clear();
        }
      }
    }
    judge(new Batch(0, chunk, false));
    return n + chunk.size();
  }

  /** Starts the detection thread and the periodic publisher. */
  public void start() {
    detector = new Thread(this::detectLoop, "unmask-detection");
    detector.setDaemon(true);
    detector.start();
    schedulePublication(Math.max(100, concludeEvery.toMillis()));
  }

  // A conclusion over millions of events takes a while and shares the cores with detection, so the
  // next one waits at least as long as the last one took: publishing never uses more than about
  // half of a core, however large the picture grows.
  private void schedulePublication(long delayMs) {
    if (publisher.isShutdown()) {
      return;
    }
    try {
      publisher.schedule(() -> {
        long started = System.nanoTime();
        if (changed) {
          publishSafely();
        }
        long took = (System.nanoTime() - started) / 1_000_000;
        schedulePublication(Math.max(Math.max(100, concludeEvery.toMillis()), took));
      }, delayMs, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  private void detectLoop() {
    try {
      while (!stopping || intake.backlog() > 0) {
        Batch b = intake.next(50);
        if (b != null) {
          try {
            judge(b);
          } catch (RuntimeException e) {
            // A detector bug must not stop the server; the batch stays in the intake log.
            LOG.error("detection failed on batch {}; its events are in the intake log", b.seq(), e);
          } catch (Error e) {
            // out of memory: this thread ends, /api/v1/health says "failed", and `bin/unmask serve`
            // runs the JVM with -XX:+ExitOnOutOfMemoryError so a supervisor restarts it from the log
            LOG.error("detection stopped on batch {}; restart the server (its intake log keeps every event)", b.seq(), e);
            throw e;
          } finally {
            intake.judged(b);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Judges one batch: every event through the stage, then new findings made queryable. */
  public void judge(Batch b) {
    if (b.events().isEmpty()) {
      return;
    }
    List<Finding> fresh;
    stageLock.lock();
    try {
      ReferenceData ref = reference;
      for (EventStage.Prepared p : b.events()) {
        Event enriched = stage.accept(p);
        profiles.accept(enriched, ref);
      }
      fresh = stage.drain();
      if (!fresh.isEmpty()) {
        List<Finding> safe = new ArrayList<>(fresh.size());
        for (Finding f : fresh) {
          safe.add(redactor.redact(f));
        }
        metrics.findings(findings.addAll(safe));
      }
      changed = true;
    } finally {
      stageLock.unlock();
    }
    judged.addAndGet(b.events().size());
    metrics.judged(b.events().size());
    if (b.live()) {
      // Judged before the disk sync returned: the findings were queryable before the client even
      // had its answer, which counts as no latency at all.
      long acked = b.acknowledgedNanos();
      metrics.latency(acked == 0 ? 0 : Math.max(0, System.nanoTime() - acked));
    }
  }

  /** Re-reads the reference folder and swaps it in between two batches; detector state is kept. */
  public ReferenceFolder.Read reloadReference() {
    ReferenceFolder.Read read = referenceFolder.read();
    Enrichment enricher = Enrichment.forDataset(options.dataDir(), read.reference());
    stageLock.lock();
    try {
      reference = read.reference();
      referenceProblems = read.rejections();
      redactor = Redactor.of(pseudonyms, reference.people(), reference.applicants());
      stage.replaceReference(reference, enricher);
      changed = true;
    } finally {
      stageLock.unlock();
    }
    return read;
  }

  /** Concludes and saves now (whether or not anything changed). */
  public LiveView publish() {
    synchronized (publishLock) {
      long started = System.nanoTime();
      List<Finding> eventFindings;
      List<LinkObservation> links;
      ReferenceData ref;
      Redactor red;
      Instant asOf;
      stageLock.lock();
      try {
        eventFindings = new ArrayList<>(stage.findings());
        links = new ArrayList<>(stage.links());
        ref = reference;
        red = redactor;
        asOf = stage.last();
        changed = false;
      } finally {
        stageLock.unlock();
      }
      Instant now = clock.instant();
      suppressions = store.suppressionsNow();
      Conclusions.Conclusion c = conclusions.conclude(ref, eventFindings, links, asOf);

      if (redactedWith != red) {
        redactedText.clear();
        redactedWith = red;
      }
      List<Finding> newFindings = new ArrayList<>();
      List<Finding> all = new ArrayList<>(c.findings().size());
      for (Finding f : c.findings()) {
        Finding safe = f.withSummary(redactedText.computeIfAbsent(f.summary(), red::redact));
        all.add(safe);
        Integer saved = savedFindings.get(f.id());
        if (saved == null || saved != safe.hashCode()) {
          newFindings.add(safe);
        }
      }
      findings.replaceConcluded(all);
      List<PersonVerdict> persons = c.persons().stream().map(red::redact).toList();
      List<ApplicantVerdict> applicants = c.applicants().stream().map(red::redact).toList();
      List<PersonVerdict> changedPersons = persons.stream().filter(p -> !p.equals(savedPersons.get(p.personId()))).toList();
      List<Farm> changedFarms = c.farms().stream().filter(f -> !f.equals(savedFarms.get(f.farmId()))).toList();
      List<ApplicantVerdict> changedApplicants =
          applicants.stream().filter(a -> !a.equals(savedApplicants.get(a.applicantId()))).toList();

      if (!newFindings.isEmpty() || !changedPersons.isEmpty() || !changedFarms.isEmpty() || !changedApplicants.isEmpty()) {
        try {
          store.saveScan(ScanSnapshot.of(DATASET, now, newFindings, changedPersons, changedFarms, changedApplicants,
              ref.people()));
          newFindings.forEach(f -> savedFindings.put(f.id(), f.hashCode()));
          changedPersons.forEach(p -> savedPersons.put(p.personId(), p));
          changedFarms.forEach(f -> savedFarms.put(f.farmId(), f));
          changedApplicants.forEach(a -> savedApplicants.put(a.applicantId(), a));
        } catch (RuntimeException e) {
          LOG.error("could not save the live conclusion to the store; retrying at the next publication", e);
          changed = true;
        }
      }
      Instant at = asOf == null ? now : asOf;
      for (PersonVerdict p : changedPersons) {
        profiles.risk(p.personId(), at, p.riskScore());
      }
      List<PersonVerdict> byRisk = new ArrayList<>(persons);
      byRisk.sort(Comparator.comparingDouble(PersonVerdict::riskScore).reversed().thenComparing(PersonVerdict::personId));
      List<ApplicantVerdict> applicantsByRisk = new ArrayList<>(applicants);
      applicantsByRisk.sort(Comparator.comparingDouble(ApplicantVerdict::riskScore).reversed()
          .thenComparing(ApplicantVerdict::applicantId));
      view = LiveView.of(now, asOf, byRisk, c.farms(), applicantsByRisk);
      metrics.concluded(System.nanoTime() - started);
      return view;
    }
  }

  private void publishSafely() {
    try {
      publish();
    } catch (RuntimeException e) {
      LOG.error("live conclusion failed; retrying at the next publication", e);
      changed = true;
    }
  }

  /**
   * Stops: the intake accepts nothing more, every acknowledged batch is judged, a last conclusion is
   * saved. Safe to call twice.
   */
  public void drainAndStop(Duration timeout) throws InterruptedException {
    intake.stopAccepting();
    stopping = true;
    if (detector != null) {
      detector.join(timeout.toMillis());
      if (detector.isAlive()) {
        LOG.warn("detection did not finish the backlog within {}; the rest is in the intake log and is judged at the next start",
            timeout);
      }
    }
    publisher.shutdown();
    publisher.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    publishSafely();
  }

  /**
   * Holds detection between two batches until the returned handle is closed (maintenance, and tests
   * that need a backlog to stay put). Intake keeps acknowledging until the backlog bound is reached.
   */
  public AutoCloseable pause() {
    stageLock.lock();
    return stageLock::unlock;
  }

  public LiveView view() {
    return view;
  }

  public FindingIndex findings() {
    return findings;
  }

  /** Findings as the API shows them: newest first, without suppressed ones. */
  public List<Finding> findings(String entityType, String entityId, String ruleId, int limit) {
    Suppressions now = suppressions;
    return findings.query(entityType, entityId, ruleId, limit, now::suppresses);
  }

  public PersonProfiles profiles() {
    return profiles;
  }

  /**
   * A person's risk over time rebuilt from their findings (see {@link RiskHistory}), merged with
   * the scores this server published, in time order.
   */
  public List<PersonProfiles.RiskPoint> riskHistory(String personId, List<Finding> personFindings) {
    List<PersonProfiles.RiskPoint> points = new ArrayList<>(RiskHistory.of(personId, personFindings, reference,
        new org.unmask.risk.RiskScorer(options.riskPolicy(), conclusions::traitsOf)));
    points.addAll(profiles.person(personId).risk());
    points.sort(Comparator.comparing(PersonProfiles.RiskPoint::at));
    return points;
  }

  /** The reference data in force (swapped whole, never changed in place). */
  public ReferenceData reference() {
    return reference;
  }

  public List<org.unmask.ingest.Rejection> referenceProblems() {
    return referenceProblems;
  }

  /** Events judged since start (backfill and replay included). */
  /** Whether the detection thread runs (true before {@link #start}: nothing has failed yet). */
  public boolean detecting() {
    Thread t = detector;
    return t == null || t.isAlive() || stopping;
  }

  public long judged() {
    return judged.get();
  }

  public Pseudonymizer pseudonyms() {
    return pseudonyms;
  }

  private static long hash(String key) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (d[i] & 0xFF);
      }
      return v;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    stopping = true;
    publisher.shutdownNow();
  }
}
