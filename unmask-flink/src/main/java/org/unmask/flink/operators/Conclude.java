package org.unmask.flink.operators;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.unmask.Unmask;
import org.unmask.event.Finding;
import org.unmask.event.SourceRef;
import org.unmask.flink.JobSettings;
import org.unmask.flink.sink.StoreWriter;
import org.unmask.flink.wire.Fact;
import org.unmask.flink.wire.Publication;
import org.unmask.flink.wire.ReferenceFile;
import org.unmask.flink.wire.Wire;
import org.unmask.output.JsonLines;
import org.unmask.privacy.Pseudonymizer;
import org.unmask.privacy.Redactor;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.Suppressions;
import org.unmask.scan.ApplicantStage;
import org.unmask.scan.Conclusions;
import org.unmask.scan.ScanOptions;
import org.unmask.verdict.Farm;
import org.unmask.verdict.LinkObservation;
import org.unmask.verdict.PersonVerdict;

/**
 * The whole picture: collects every finding and link the judges report, and on watermark progress
 * (every {@link JobSettings#publishEveryMillis} of event time, and when bounded input ends) runs the
 * engine's {@link Conclusions} over all of them (money trail, applicant vetting, the farm graph,
 * dedupe and risk), then publishes what changed since the last publication: findings, persons,
 * cases (persons with an open case) and farms, each keyed by its deterministic id, with a tombstone
 * for anything a later conclusion no longer holds. Published versions are remembered in state, so
 * after a restore from a checkpoint the operator republishes exactly what the checkpoint had not.
 *
 * <p>It runs with parallelism 1 under a constant key: the farm graph and the risk model need every
 * link and finding at once, and both are small next to the events (one finding per thousands of
 * events). Its cost per publication grows with the findings held, which bounds how often it may
 * publish; see docs/deploy-flink.md.
 */
public final class Conclude extends KeyedBroadcastProcessFunction<Byte, Fact, ReferenceFile, Publication> {

  private static final long serialVersionUID = 1L;
  private static final long END = Long.MAX_VALUE;

  private final JobSettings settings;
  private transient ListState<byte[]> findings;
  private transient ListState<byte[]> links;
  /**
   * Rule matches correlations read, by the time of the judge's timer that sent them (the end of
   * the minute they were judged in), waiting for the watermark to pass it (see {@link #correlate}).
   */
  private transient MapState<Long, List<byte[]>> feeds;
  private transient ValueState<Long> clock;
  /**
   * Each subject's latest event time (the judges' clock facts carry their key): the end of the
   * data is where most of the fleet was last seen (ActivityClock), so one farm laptop whose clock
   * is set ahead cannot age every finding. Bounded like the scan's.
   */
  private transient MapState<String, Long> lastSeen;
  private transient ValueState<Integer> lastSeenCount;
  private transient MapState<String, Long> published;
  private transient ReferenceData reference;
  private transient LiveReference live;
  private transient Conclusions conclusions;
  /**
   * The rules whose traits (weights, sources) the risk model reads, and whose correlations are
   * judged here, with their windows in this operator's state; they follow the reference set's.
   */
  private transient LiveRules liveRules;
  private transient org.unmask.detect.EventRules rulesInUse;
  private transient ApplicantStage applicantStage;
  private transient StoreWriter store;
  /** The analysts' suppressions in the store, read again at each publication; none without a store. */
  private transient Suppressions suppressions;
  /** Null when the job publishes text as the detectors made it (no key file). */
  private transient Pseudonymizer pseudonyms;
  /** The key of shared identifiers' pseudonyms in farms (see Pseudonymizer.linkKey), or null. */
  private transient byte[] linkKey;
  private transient Redactor redactor;
  private transient ReferenceData redactorFor;
  /** Summary text to its redaction: each distinct text is redacted once per reference. */
  private transient Map<String, String> redactedSummaries;

  public Conclude(JobSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    findings = getRuntimeContext().getListState(
        new ListStateDescriptor<>("findings", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    links = getRuntimeContext().getListState(
        new ListStateDescriptor<>("links", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    feeds = getRuntimeContext().getMapState(new MapStateDescriptor<>("feeds", Types.LONG,
        Types.LIST(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)));
    MapState<String, Boolean> reported =
        getRuntimeContext().getMapState(new MapStateDescriptor<>("reported", Types.STRING, Types.BOOLEAN));
    MapState<String, byte[]> windows = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("windows", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    clock = getRuntimeContext().getState(new ValueStateDescriptor<>("clock", Types.LONG));
    lastSeen = getRuntimeContext().getMapState(new MapStateDescriptor<>("last-seen", Types.STRING, Types.LONG));
    lastSeenCount = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen-count", Types.INT));
    published = getRuntimeContext().getMapState(new MapStateDescriptor<>("published", Types.STRING, Types.LONG));
    live = new LiveReference(settings);
    ScanOptions options = settings.scanOptions();
    pseudonyms = settings.pseudonymizer();
    linkKey = pseudonyms == null ? null : pseudonyms.linkKey();
    ApplicantStage applicants = options.withVetting()
        ? org.unmask.Vetting.stage(java.nio.file.Path.of(settings.referenceDir()), r -> {}, linkKey)
        : ApplicantStage.none();
    liveRules = new LiveRules(options, new FlinkMemory(reported, windows));
    applicantStage = applicants;
    rulesInUse = liveRules.current();
    suppressions = Suppressions.none();
    conclusions = conclusionsFor(rulesInUse);
    store = settings.store() == null ? null : new StoreWriter(settings.store());
    redactedSummaries = new HashMap<>();
  }

  /** As a scan concludes: its own suppression rules, and the store's suppressions of the moment. */
  private Conclusions conclusionsFor(org.unmask.detect.EventRules rules) {
    ScanOptions options = settings.scanOptions();
    return new Conclusions(rules, applicantStage, options.riskPolicy(),
        options.suppressed().or(f -> suppressions.suppresses(f)), linkKey);
  }

  /** Notes a roster subject's latest time, from a judge's clock fact ({@code s|person:P1}, {@code s|device:d1}). */
  private void seen(String subject, long at, ReferenceData ref) throws Exception {
    boolean roster = ref != null && (!ref.people().isEmpty() || !ref.devices().isEmpty());
    String person = subject.startsWith("s|person:") ? subject.substring(9) : null;
    String device = subject.startsWith("s|device:") ? subject.substring(9) : null;
    boolean counts = person != null || device != null;
    if (counts && roster) {
      counts = person != null ? ref.person(person).isPresent() : ref.device(device).isPresent();
    }
    if (!counts) {
      return;
    }
    Long known = lastSeen.get(subject);
    if (known == null) {
      int n = lastSeenCount.value() == null ? 0 : lastSeenCount.value();
      if (n < org.unmask.scan.ActivityClock.MAX_ENTITIES) {
        lastSeen.put(subject, at);
        lastSeenCount.update(n + 1);
      }
    } else if (at > known) {
      lastSeen.put(subject, at);
    }
  }

  /** The time risk is reported at: the latest clock, unless it ran ahead of most of the fleet's. */
  private Long endOfData() throws Exception {
    Long latest = clock.value();
    if (latest == null) {
      return null;
    }
    List<Long> times = new ArrayList<>();
    for (Long t : lastSeen.values()) {
      times.add(t);
    }
    return org.unmask.scan.ActivityClock.end(latest, times.stream().mapToLong(Long::longValue).toArray());
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  public void processBroadcastElement(ReferenceFile file, Context ctx, Collector<Publication> out) throws Exception {
    live.update(file, ctx.getBroadcastState(LiveReference.FILES));
  }

  @Override
  public void processElement(Fact fact, ReadOnlyContext ctx, Collector<Publication> out) throws Exception {
    switch (fact.kind) {
      case Fact.FINDING -> findings.add(fact.body);
      case Fact.LINK -> links.add(fact.body);
      case Fact.FEED -> {
        // a judge sends a minute's feeds when its timer for that minute fires, and that is the
        // record's time; the watermark passes it only once every judge has sent that minute's
        long sentAt = ctx.timestamp() == null ? fact.timestamp : ctx.timestamp();
        List<byte[]> waiting = feeds.get(sentAt);
        if (waiting == null) {
          waiting = new ArrayList<>(2);
        }
        waiting.add(fact.body);
        feeds.put(sentAt, waiting);
      }
      case Fact.CLOCK -> {
        Long now = clock.value();
        if (now == null || fact.timestamp > now) {
          clock.update(fact.timestamp);
        }
        seen(new String(fact.body, java.nio.charset.StandardCharsets.UTF_8), fact.timestamp,
            live.get(ctx.getBroadcastState(LiveReference.FILES)));
      }
      default -> throw new IllegalArgumentException("unknown fact kind " + fact.kind);
    }
    long every = settings.publishEveryMillis();
    if (fact.timestamp < END - every) {
      ctx.timerService().registerEventTimeTimer(Math.floorDiv(fact.timestamp, every) * every + every);
    }
    ctx.timerService().registerEventTimeTimer(END);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Publication> out) throws Exception {
    if (timestamp != END && ctx.timerService().currentWatermark() == END) {
      return; // input ended: the end-of-time timer publishes once for all
    }
    reference = live.get(ctx.getBroadcastState(LiveReference.FILES)); // money trail and vetting follow it
    org.unmask.detect.EventRules rules = liveRules.current(live);
    if (rules != rulesInUse) {
      rulesInUse = rules;
      conclusions = conclusionsFor(rules);
    }
    if (store != null) {
      suppressions = store.suppressionsNow();
    }
    correlate(timestamp == END ? END : ctx.timerService().currentWatermark());
    List<Finding> all = new ArrayList<>();
    for (byte[] b : findings.get()) {
      all.add(Wire.finding(b));
    }
    all.sort(Comparator.comparing(Finding::timestamp).thenComparing(Finding::id)
        .thenComparing(Finding::ruleId).thenComparing(Finding::summary));
    List<LinkObservation> graph = new ArrayList<>();
    for (byte[] b : links.get()) {
      graph.add(Wire.link(b));
    }
    graph.sort(LINK_ORDER);
    Long now = endOfData();
    Conclusions.Conclusion c = pseudonymised(
        conclusions.conclude(reference, all, graph, now == null ? null : Instant.ofEpochMilli(now)));
    int changed = publish(c, out);
    if (store != null && changed > 0) {
      store.save(settings.referenceDir(), c, reference, now == null ? Instant.EPOCH : Instant.ofEpochMilli(now));
    }
  }

  /**
   * Judges, in event-time order as a scan does, the fed matches of every minute the watermark has
   * passed against every correlation: one place for all of them, because a correlation's group (a
   * source address shared by several people) spans the entities the judges are keyed by. A minute
   * is complete once the watermark passes its end, since each judge sends a minute's feeds at its
   * timer for that minute and forwards the watermark only after; draining by the events' own
   * times instead let a fast judge's later match overtake a slow judge's earlier one
   * ({@code ConcludeFeedOrderTest}). Their findings join the others; later minutes wait.
   */
  private void correlate(long watermark) throws Exception {
    List<Long> sent = new ArrayList<>();
    List<Wire.Fed> ready = new ArrayList<>();
    for (Map.Entry<Long, List<byte[]>> e : feeds.entries()) {
      if (e.getKey() <= watermark) {
        sent.add(e.getKey());
        for (byte[] b : e.getValue()) {
          ready.add(Wire.fed(b));
        }
      }
    }
    for (Long at : sent) {
      feeds.remove(at);
    }
    ready.sort(Comparator.comparing((Wire.Fed f) -> f.event().timestamp()).thenComparing(f -> f.event().source().file())
        .thenComparingLong(f -> f.event().source().line()));
    for (Wire.Fed fed : ready) {
      rulesInUse.correlate(fed.ruleId(), fed.ruleName(), fed.event(), reference, f -> {
        try {
          findings.add(Wire.finding(f));
        } catch (Exception e) {
          throw new IllegalStateException("operator state failed: " + e.getMessage(), e);
        }
      });
    }
  }

  /**
   * The conclusion with people named by pseudonym, as {@code unmask scan} writes it, before it
   * reaches Kafka or the store; unchanged without a key.
   */
  private Conclusions.Conclusion pseudonymised(Conclusions.Conclusion c) {
    if (pseudonyms == null) {
      return c;
    }
    if (redactorFor != reference) {
      redactor = Redactor.of(pseudonyms, reference.people(), reference.applicants());
      redactorFor = reference;
      redactedSummaries.clear();
    }
    Redactor red = redactor;
    List<Finding> findings = new ArrayList<>(c.findings().size());
    for (Finding f : c.findings()) {
      findings.add(f.withSummary(redactedSummaries.computeIfAbsent(f.summary(), red::redact)));
    }
    return new Conclusions.Conclusion(findings, c.persons().stream().map(red::redact).toList(), c.farms(),
        c.applicants().stream().map(red::redact).toList());
  }

  private int publish(Conclusions.Conclusion c, Collector<Publication> out) throws Exception {
    Map<String, String> current = new HashMap<>();
    for (Finding f : c.findings()) {
      current.put("findings|" + f.id(), JsonLines.findingLine(f));
    }
    for (PersonVerdict p : c.persons()) {
      String line = JsonLines.personLine(p);
      current.put("persons|" + p.personId(), line);
      if (p.caseOpened()) {
        current.put("cases|" + p.personId(), line);
      }
    }
    for (Farm f : c.farms()) {
      current.put("farms|" + f.farmId(), JsonLines.farmLine(f));
    }
    int changed = 0;
    List<String> keys = new ArrayList<>(current.keySet());
    keys.sort(null);
    for (String k : keys) {
      String line = current.get(k);
      long version = version(line);
      Long before = published.get(k);
      if (before == null || before != version) {
        published.put(k, version);
        out.collect(publication(k, line));
        changed++;
      }
    }
    Set<String> gone = new HashSet<>();
    for (String k : published.keys()) {
      if (!current.containsKey(k)) {
        gone.add(k);
      }
    }
    for (String k : gone.stream().sorted().toList()) {
      published.remove(k);
      out.collect(publication(k, null));
      changed++;
    }
    return changed;
  }

  private static Publication publication(String stateKey, String line) {
    int bar = stateKey.indexOf('|');
    return new Publication(stateKey.substring(0, bar), stateKey.substring(bar + 1), line);
  }

  /** A 64-bit fingerprint of a published line: enough to tell a changed line from the same one. */
  private static long version(String line) {
    long h = 1125899906842597L;
    for (int i = 0; i < line.length(); i++) {
      h = 31 * h + line.charAt(i);
    }
    return h ^ ((long) line.length() << 48);
  }

  private static final Comparator<LinkObservation> LINK_ORDER = Comparator
      .comparing(LinkObservation::at)
      .thenComparing((LinkObservation o) -> o.link().a().toString())
      .thenComparing(o -> o.link().b().toString())
      .thenComparing(o -> o.link().attribute().toString())
      .thenComparing(o -> o.evidence().stream().map(SourceRef::toString).toList().toString());
}
