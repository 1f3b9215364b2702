package org.unmask.flink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.unmask.flink.operators.Conclude;
import org.unmask.flink.operators.Ingest;
import org.unmask.flink.operators.Judge;
import org.unmask.flink.operators.LiveReference;
import org.unmask.flink.wire.Fact;
import org.unmask.flink.wire.Publication;
import org.unmask.flink.wire.RawLine;
import org.unmask.flink.wire.ReferenceFile;
import org.unmask.flink.wire.Routed;
import org.unmask.privacy.Pseudonymizer;

/**
 * The scale-out job: Kafka in, the engine's detectors, rules and conclusions in the middle, Kafka
 * and the case store out.
 *
 * <pre>
 * P.events ─► Ingest (parse, enrich, route) ─► keyBy route ─► Judge (detectors, rules; keyed state)
 *                 │ rejected                                     │ late        │ findings, links, clock
 *                 ▼                                              ▼             ▼
 *            P.rejected                                       P.late     Conclude (parallelism 1)
 *                                                                              │ changes, tombstones
 *                                   (one producer) P.findings P.persons P.cases P.farms ◄┘ + store
 * </pre>
 *
 * <p>Run it with {@code flink run unmask-flink.jar --bootstrap-servers HOST:PORT --topic-prefix P
 * --reference DATASET [--store JDBC] [--parallelism N] [--checkpoint-dir URI] [--bounded]}; see
 * docs/deploy-flink.md.
 */
public final class UnmaskJob {

  private UnmaskJob() {}

  /** Where the job reads and writes, and how it runs. */
  public record Kafka(String bootstrapServers, String topicPrefix, String groupId, boolean bounded,
      long checkpointIntervalMillis) {}

  /** Adds the job to {@code env}. */
  public static void build(StreamExecutionEnvironment env, Kafka kafka, JobSettings settings) {
    build(env, kafka, settings, null);
  }

  /**
   * Adds the job to {@code env} with {@code tap} between routing and judging (the failure test
   * throws from there once, mid-stream), or none when null.
   */
  public static void build(StreamExecutionEnvironment env, Kafka kafka, JobSettings settings, MapFunction<Routed, Routed> tap) {
    var source = KafkaSource.<RawLine>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setTopics(Topics.events(kafka.topicPrefix()))
        .setGroupId(kafka.groupId())
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new KafkaLines());
    if (kafka.bounded()) {
      source.setBounded(OffsetsInitializer.latest());
    }
    // Event time comes from the Kafka record time, which kafka-load sets to @timestamp (producers
    // that stream live events get close to it with CreateTime); the judges then compare each
    // event's parsed @timestamp with the watermark, so a wrong record time makes an event late,
    // never misjudged.
    WatermarkStrategy<RawLine> watermarks = WatermarkStrategy
        .<RawLine>forBoundedOutOfOrderness(Duration.ofMillis(settings.outOfOrdernessMillis()));
    if (!kafka.bounded()) {
      // A quiet partition must not hold time back for everyone; a replay has no quiet partitions,
      // and declaring one idle under backpressure would make its events late.
      watermarks = watermarks.withIdleness(Duration.ofMinutes(1));
    }
    DataStream<RawLine> lines = env.fromSource(source.build(), watermarks, "kafka " + Topics.events(kafka.topicPrefix()))
        .uid("events-source");

    // Reference updates: every operator that judges sees every file. They carry no event time
    // (an update applies from when it arrives), so this input never holds the watermark back.
    var referenceSource = KafkaSource.<ReferenceFile>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setTopics(Topics.reference(kafka.topicPrefix()))
        .setGroupId(kafka.groupId() + "-reference")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new KafkaReferenceFiles());
    if (kafka.bounded()) {
      referenceSource.setBounded(OffsetsInitializer.latest());
    }
    BroadcastStream<ReferenceFile> reference = env
        .fromSource(referenceSource.build(), WatermarkStrategy.forGenerator(c -> new EndOfTime()),
            "kafka " + Topics.reference(kafka.topicPrefix()))
        .uid("reference-source").setParallelism(1)
        .broadcast(LiveReference.FILES);

    SingleOutputStreamOperator<Routed> routed = lines.connect(reference).process(new Ingest(settings))
        .returns(TypeInformation.of(Routed.class)).name("parse, enrich, route").uid("ingest");
    DataStream<Routed> judged = tap == null ? routed
        : routed.map(tap).returns(TypeInformation.of(Routed.class)).name("tap").uid("tap");
    SingleOutputStreamOperator<Fact> facts = judged.keyBy(r -> r.key, Types.STRING).connect(reference)
        .process(new Judge(settings)).returns(TypeInformation.of(Fact.class))
        .name("judge: detectors and rules").uid("judge");
    SingleOutputStreamOperator<Publication> conclusions = facts.keyBy(f -> (byte) 0, Types.BYTE).connect(reference)
        .process(new Conclude(settings)).returns(TypeInformation.of(Publication.class))
        .name("conclude: money, vetting, farms, risk").uid("conclude").setParallelism(1).setMaxParallelism(1);

    // One producer for the conclusions: successive versions of a finding or a person must reach
    // Kafka in the order Conclude published them, and two producers' transactions commit in no
    // particular order (a stale version could land after the final one).
    conclusions.sinkTo(sink(kafka, "conclusions")).name("kafka " + kafka.topicPrefix() + " conclusions")
        .uid("kafka-sink-conclusions").setParallelism(1);
    routed.getSideOutput(Ingest.REJECTED).union(facts.getSideOutput(Judge.LATE))
        .sinkTo(sink(kafka, "logs")).name("kafka " + kafka.topicPrefix() + ".rejected, .late").uid("kafka-sink-logs");
  }

  /** Watermarks for an input without event time: always the end of time, so it never holds others back. */
  private static final class EndOfTime implements WatermarkGenerator<ReferenceFile> {
    @Override
    public void onEvent(ReferenceFile file, long timestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
  }

  private static KafkaSink<Publication> sink(Kafka kafka, String role) {
    Properties producer = new Properties();
    producer.setProperty("transaction.timeout.ms", "600000"); // under the broker's 15-minute maximum
    boolean exactlyOnce = kafka.checkpointIntervalMillis() > 0;
    var sink = KafkaSink.<Publication>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(new KafkaPublications(kafka.topicPrefix()))
        .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE);
    if (exactlyOnce) {
      sink.setTransactionalIdPrefix("unmask-" + kafka.topicPrefix() + "-" + role);
    }
    return sink.build();
  }

  /** {@code flink run}'s entry point. */
  public static void main(String[] args) throws Exception {
    Args a = Args.parse(args);
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, a.get("--state-backend", "hashmap"));
    String checkpoints = a.get("--checkpoint-dir", null);
    if (checkpoints != null) {
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    long interval = Long.parseLong(a.get("--checkpoint-interval-ms", "60000"));
    if (interval > 0) {
      env.enableCheckpointing(interval);
    }
    env.setParallelism(Integer.parseInt(a.get("--parallelism", "1")));
    String prefix = a.require("--topic-prefix");
    JobSettings settings = JobSettings.defaults(java.nio.file.Path.of(a.require("--reference")))
        .withStore(a.get("--store", null))
        .withPublishEvery(Duration.parse(a.get("--publish-every", "PT1H")))
        .withRules(a.all("--rules"), !a.has("--no-builtin-rules"))
        .withKeyFile(pseudonymKey(a.get("--key-file", null)))
        .withMaxDaysAhead(Integer.parseInt(a.get("--max-days-ahead", "2")));
    Kafka kafka = new Kafka(a.require("--bootstrap-servers"), prefix, a.get("--group-id", "unmask-" + prefix),
        a.has("--bounded"), interval);
    build(env, kafka, settings);
    env.execute("unmask " + prefix);
  }

  /**
   * The installation's pseudonym key, as {@code unmask scan} finds it ({@code --key-file}, else
   * {@code $UNMASK_KEY_FILE}, else {@code ~/.config/unmask/pseudonym.key}), made here on first use
   * so that the task managers, which only ever read it, find it.
   */
  private static java.nio.file.Path pseudonymKey(String flag) {
    java.nio.file.Path key = flag != null ? java.nio.file.Path.of(flag) : Pseudonymizer.defaultKeyFile();
    Pseudonymizer.fromKeyFile(key);
    return key;
  }

  /** The few flags of {@link #main}: {@code --name value} pairs and bare switches. */
  private record Args(List<String[]> pairs, List<String> switches) {
    static Args parse(String[] args) {
      List<String[]> pairs = new ArrayList<>();
      List<String> switches = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--bounded") || args[i].equals("--no-builtin-rules")) {
          switches.add(args[i]);
        } else if (args[i].startsWith("--") && i + 1 < args.length) {
          pairs.add(new String[] {args[i], args[++i]});
        } else {
          throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; see docs/deploy-flink.md");
        }
      }
      return new Args(pairs, switches);
    }

    String get(String name, String fallback) {
      String v = fallback;
      for (String[] p : pairs) {
        if (p[0].equals(name)) {
          v = p[1];
        }
      }
      return v;
    }

    String require(String name) {
      String v = get(name, null);
      if (v == null) {
        throw new IllegalArgumentException("missing " + name + "; see docs/deploy-flink.md");
      }
      return v;
    }

    List<String> all(String name) {
      return pairs.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).toList();
    }

    boolean has(String name) {
      return switches.contains(name);
    }
  }
}
