package org.unmask.flink.operators;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.sigma.SigmaEventRules;
import org.unmask.enrich.Enrichment;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.flink.JobSettings;
import org.unmask.flink.wire.Publication;
import org.unmask.flink.wire.RawLine;
import org.unmask.flink.wire.ReferenceFile;
import org.unmask.flink.wire.Routed;
import org.unmask.flink.wire.Wire;
import org.unmask.ingest.LineParser;
import org.unmask.ingest.Rejection;
import org.unmask.ingest.Timestamps;
import org.unmask.reference.ReferenceData;
import org.unmask.scan.ScanPipeline;
import org.unmask.verdict.LinkObservation;

/**
 * Parses each line with the engine's parser, enriches the event once with the engine's
 * enrichment (against the current reference data, see {@link LiveReference}), and routes it to every keyed judge that wants it: one copy per detector whose
 * {@link Detector#key} is not null (keyed {@code "<detector index>|<key>"}), and one to the rules
 * keyed by the event's subject ({@code "s|<entity>"}). Bad lines go to the rejected side output
 * with the parser's reason, as a scan writes them to rejected.jsonl.
 */
public final class Ingest extends BroadcastProcessFunction<RawLine, ReferenceFile, Routed> {

  private static final long serialVersionUID = 1L;

  /** Lines the parser rejected, as rejected.jsonl lines. */
  public static final OutputTag<Publication> REJECTED = new OutputTag<>("rejected") {};

  /** Route key prefix of the rules. */
  static final String RULES = "s|";

  private final JobSettings settings;
  private transient LineParser parser;
  private transient Enrichment enrichment;
  private transient List<Detector<?>> detectors;
  private transient DetectionContext keys;
  private transient LiveReference live;
  private transient ReferenceData reference;
  private transient Counter events;
  private transient Counter rejected;

  public Ingest(JobSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    live = new LiveReference(settings);
    parser = new LineParser();
    detectors = ScanPipeline.detectors();
    keys = new DetectionContext() { // key() only reads the reference data
      @Override
      public ReferenceData reference() {
        return Ingest.this.reference;
      }

      @Override
      public void emit(Finding finding) {
        throw new IllegalStateException("a detector emitted from key()");
      }

      @Override
      public void link(LinkObservation link) {
        throw new IllegalStateException("a detector linked from key()");
      }
    };
    events = getRuntimeContext().getMetricGroup().counter("unmaskEvents");
    rejected = getRuntimeContext().getMetricGroup().counter("unmaskRejected");
  }

  @Override
  public void processBroadcastElement(ReferenceFile file, Context ctx, Collector<Routed> out) throws Exception {
    live.update(file, ctx.getBroadcastState(LiveReference.FILES));
  }

  /**
   * Whether the event is dated more than {@link JobSettings#maxDaysAhead} days after its record
   * time: when the producer sent it (or, from {@code unmask kafka-load}, its own time). A record
   * without a plausible time (none, or 1970) bounds nothing.
   */
  private boolean isAheadOfItsRecord(Event event, Long recordTime) {
    if (settings.maxDaysAhead() == 0 || recordTime == null) {
      return false;
    }
    Instant received = Instant.ofEpochMilli(recordTime);
    return Timestamps.plausible(received) && event.timestamp().isAfter(received.plus(Duration.ofDays(settings.maxDaysAhead())));
  }

  @Override
  public void processElement(RawLine raw, ReadOnlyContext ctx, Collector<Routed> out) throws Exception {
    if (live.isStale()) {
      reference = live.get(ctx.getBroadcastState(LiveReference.FILES));
      enrichment = Enrichment.forDataset(settings.dataDir(), reference); // watchlist addresses
    }
    Rejection[] why = new Rejection[1];
    Event parsed = raw.value == null ? null : parser.parse(raw.value, raw.file, raw.line, r -> why[0] = r);
    if (parsed != null && isAheadOfItsRecord(parsed, ctx.timestamp())) {
      why[0] = new Rejection(raw.file, raw.line, "@timestamp " + parsed.timestamp() + " is more than "
          + settings.maxDaysAhead() + " days after the Kafka record's time " + Instant.ofEpochMilli(ctx.timestamp())
          + ": a clock set ahead (the job's --max-days-ahead)");
      parsed = null;
    }
    if (parsed == null) {
      if (why[0] != null || raw.value == null) {
        Rejection r = why[0] != null ? why[0] : new Rejection(raw.file, raw.line, "empty record");
        rejected.inc();
        ctx.output(REJECTED, new Publication("rejected", r.file() + ":" + r.line(), Json.rejection(r)));
      }
      return;
    }
    Event event = enrichment.apply(parsed);
    events.inc();
    byte[] bytes = Wire.event(event);
    long ts = event.timestamp().toEpochMilli();
    for (int i = 0; i < detectors.size(); i++) {
      String key = detectors.get(i).key(event, keys);
      if (key != null) {
        out.collect(new Routed(i + "|" + key, ts, bytes));
      }
    }
    EntityRef subject = SigmaEventRules.subjectOf(event, reference);
    out.collect(new Routed(RULES + subject.type().label() + ":" + subject.id(), ts, bytes));
  }
}
