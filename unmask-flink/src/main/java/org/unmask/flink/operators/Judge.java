package org.unmask.flink.operators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.EventRules;
import org.unmask.detect.sigma.SigmaEventRules;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.flink.JobSettings;
import org.unmask.flink.wire.Fact;
import org.unmask.flink.wire.Publication;
import org.unmask.flink.wire.ReferenceFile;
import org.unmask.flink.wire.Routed;
import org.unmask.flink.wire.Wire;
import org.unmask.reference.ReferenceData;
import org.unmask.scan.ScanOptions;
import org.unmask.scan.ScanPipeline;
import org.unmask.state.State;
import org.unmask.verdict.LinkObservation;

/**
 * The keyed judge: runs the engine's detectors and rules for one key at a time, in event-time
 * order, with their memory in Flink state.
 *
 * <p>Detectors need each key's events in timestamp order, and Kafka delivers them only roughly in
 * order. So an event waits in keyed state until the watermark passes the end of its minute; an
 * event-time timer then feeds the key's events of that minute to the engine in timestamp order,
 * ties broken by file and line as a scan breaks them. An event whose minute the watermark already
 * passed is late: within the allowed lateness it is judged at once (out of order), beyond it it
 * goes to the late side output and a metric, never silently away.
 *
 * <p>A route key is {@code "<detector index>|<detector key>"} for a behavioural detector (its
 * {@link State} is a {@link ValueState}) or {@code "s|<entity>"} for the Sigma rules (reported facts
 * and correlation windows in {@link FlinkMemory}). Every key also holds a timer at the end of time,
 * which fires only when bounded input ends: detectors that judge whole histories speak then, and
 * the rules report how far their entity's events went, for the conclusion's clock.
 */
public final class Judge extends KeyedBroadcastProcessFunction<String, Routed, ReferenceFile, Fact> {

  private static final long serialVersionUID = 1L;

  /** Events later than the allowed lateness, as JSON lines. */
  public static final OutputTag<Publication> LATE = new OutputTag<>("late") {};

  private static final TypeInformation<byte[]> BYTES = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
  private static final long END = Long.MAX_VALUE;
  private static final long CLOCK_STEP = 60_000;
  private static final long BUCKET = 60_000;

  private final JobSettings settings;
  private transient MapState<Long, List<byte[]>> pending;
  private transient ValueState<Object> detectorState;
  private transient ValueState<Long> latest;
  private transient List<Detector<?>> detectors;
  private transient EventRules rules;
  private transient LiveRules liveRules;
  private transient State<Object> state;
  private transient DetectionContext context;
  private transient Counter lateJudged;
  private transient Counter lateDropped;
  private transient long clockSent;
  private transient LiveReference live;
  private transient ReferenceData reference;
  /** Where the engine's emissions go while it judges one batch. */
  private transient Collector<Fact> out;

  public Judge(JobSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(BYTES)));
    // Detector state classes are plain classes of Java types (State's contract); Flink's generic
    // serializer writes them in checkpoints, and the heap backend keeps them as objects in between.
    detectorState = getRuntimeContext().getState(new ValueStateDescriptor<>("detector", TypeInformation.of(Object.class)));
    latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", Types.LONG));
    MapStateDescriptor<String, Boolean> facts = new MapStateDescriptor<>("reported", Types.STRING, Types.BOOLEAN);
    // a reported fact matters for the days events still arrive for: expire it as the in-process
    // memory forgets it (processing time runs as fast as event time live, and slower in a replay)
    facts.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(SigmaEventRules.REPORTED_DAYS_KEPT)).build());
    MapState<String, Boolean> reported = getRuntimeContext().getMapState(facts);
    MapState<String, byte[]> windows =
        getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Types.STRING, BYTES));
    ScanOptions options = settings.scanOptions();
    liveRules = new LiveRules(options, new FlinkMemory(reported, windows));
    rules = liveRules.current();
    feed = (ruleId, ruleName, event) ->
        out.collect(new Fact(Fact.FEED, event.timestamp().toEpochMilli(), Wire.fed(ruleId, ruleName, event)));
    detectors = ScanPipeline.detectors();
    live = new LiveReference(settings);
    lateJudged = getRuntimeContext().getMetricGroup().counter("unmaskLateJudged");
    lateDropped = getRuntimeContext().getMetricGroup().counter("unmaskLateDropped");
    clockSent = Long.MIN_VALUE;
    state = newState();
    context = newContext();
  }


  /**
   * The last millisecond of the minute an event falls in. Events wait in per-minute buckets, so a
   * key holds one timer per busy minute rather than one per distinct timestamp: timers are kept in
   * every checkpoint, and per-timestamp timers made checkpoints the job's largest cost.
   */
  static long bucketOf(long timestamp) {
    return Math.floorDiv(timestamp, BUCKET) * BUCKET + BUCKET - 1;
  }

  @Override
  public void processBroadcastElement(ReferenceFile file, Context ctx, Collector<Fact> collector) throws Exception {
    live.update(file, ctx.getBroadcastState(LiveReference.FILES));
  }

  @Override
  public void processElement(Routed routed, ReadOnlyContext ctx, Collector<Fact> collector) throws Exception {
    reference = live.get(ctx.getBroadcastState(LiveReference.FILES));
    rules = liveRules.current(live);
    long watermark = ctx.timerService().currentWatermark();
    ctx.timerService().registerEventTimeTimer(END);
    long bucket = bucketOf(routed.timestamp);
    if (bucket > watermark) { // its minute is still open: it will be judged in order
      List<byte[]> waiting = pending.get(bucket);
      if (waiting == null) {
        waiting = new ArrayList<>(2);
        ctx.timerService().registerEventTimeTimer(bucket);
      }
      waiting.add(routed.event);
      pending.put(bucket, waiting);
      return;
    }
    Event event = Wire.event(routed.event);
    if (routed.timestamp >= watermark - settings.allowedLatenessMillis()) {
      lateJudged.inc();
      judge(ctx.getCurrentKey(), List.of(event), collector);
    } else {
      lateDropped.inc();
      ctx.output(LATE, new Publication("late", event.source().toString(),
          Json.late(event.source().file(), event.source().line(), routed.timestamp, watermark)));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Fact> collector) throws Exception {
    reference = live.get(ctx.getBroadcastState(LiveReference.FILES));
    rules = liveRules.current(live);
    String key = ctx.getCurrentKey();
    if (timestamp != END) {
      List<byte[]> waiting = pending.get(timestamp);
      pending.remove(timestamp);
      if (waiting != null) {
        List<Event> events = new ArrayList<>(waiting.size());
        for (byte[] b : waiting) {
          events.add(Wire.event(b));
        }
        events.sort(Comparator.comparing(Event::timestamp).thenComparing((Event e) -> e.source().file())
            .thenComparingLong(e -> e.source().line()));
        judge(key, events, collector);
      }
      return;
    }
    if (isRules(key)) {
      Long last = latest.value();
      if (last != null) {
        collector.collect(new Fact(Fact.CLOCK, last, key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
    } else {
      end(key, collector);
    }
  }

  private static boolean isRules(String key) {
    return key.startsWith(Ingest.RULES);
  }

  private void judge(String key, List<Event> events, Collector<Fact> collector) throws Exception {
    out = collector;
    if (isRules(key)) {
      for (Event e : events) {
        rules.match(e, reference, null, context::emit, feed);
        long t = e.timestamp().toEpochMilli();
        Long last = latest.value();
        if (last == null || t > last) {
          latest.update(t);
          if (t >= clockSent + CLOCK_STEP) { // mid-stream clock for publication; exact at the end
            clockSent = t;
            collector.collect(new Fact(Fact.CLOCK, t, key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          }
        }
      }
      return;
    }
    Detector<?> detector = detectorOf(key);
    for (Event e : events) {
      onEvent(detector, e);
    }
  }

  /**
   * Matches that correlations read go on to Conclude, which judges every correlation in one place:
   * a correlation's group (a source address, a host) may span the entities this operator is keyed by.
   */
  private transient EventRules.CorrelationFeed feed;

  private Detector<?> detectorOf(String key) {
    return detectors.get(Integer.parseInt(key, 0, key.indexOf('|'), 10));
  }

  @SuppressWarnings("unchecked")
  private <S> void onEvent(Detector<S> detector, Event e) {
    detector.onEvent(e, (State<S>) state, context);
  }

  @SuppressWarnings("unchecked")
  private <S> void end(String key, Collector<Fact> collector) {
    out = collector;
    Detector<S> detector = (Detector<S>) detectorOf(key);
    detector.onEnd(key.substring(key.indexOf('|') + 1), (State<S>) state, context);
  }

  private State<Object> newState() {
    return new State<>() {
    @Override
    public Object value() {
      try {
        return detectorState.value();
      } catch (Exception e) {
        throw new IllegalStateException("keyed state failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void update(Object value) {
      try {
        detectorState.update(value);
      } catch (Exception e) {
        throw new IllegalStateException("keyed state failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void clear() {
      detectorState.clear();
    }
  };
  }

  private DetectionContext newContext() {
    return new DetectionContext() {
    @Override
    public ReferenceData reference() {
      return reference;
    }

    @Override
    public void emit(Finding finding) {
      out.collect(new Fact(Fact.FINDING, finding.timestamp().toEpochMilli(), Wire.finding(finding)));
    }

    @Override
    public void link(LinkObservation link) {
      out.collect(new Fact(Fact.LINK, link.at().toEpochMilli(), Wire.link(link)));
    }
  };
  }
}
