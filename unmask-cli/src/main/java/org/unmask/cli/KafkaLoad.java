package org.unmask.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.unmask.detect.Subjects;
import org.unmask.event.Event;
import org.unmask.ingest.Dataset;
import org.unmask.ingest.EventStream;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;

/**
 * Replays a dataset into Kafka for the Flink job: its reference CSVs to {@code P.reference}
 * (compacted, keyed by path; send a changed file again to update the running job), then each event, in the scan's time order,
 * becomes one JSON line on {@code P.events}, keyed by its person (else its host), with the record
 * time set to its {@code @timestamp} (the job's event time) and headers {@code unmask.file} and
 * {@code unmask.line} naming the line it came from, so the job's findings cite the same evidence
 * as a scan's. Lines the reader rejects are counted, not sent. The producer is idempotent, so a
 * retried send is not duplicated. The topic layout is documented in docs/deploy-flink.md.
 */
public final class KafkaLoad {

  /** The output topics the job writes, created compacted (latest value per id). */
  public static final List<String> OUTPUTS = List.of("findings", "persons", "cases", "farms");

  /** The output topics that are logs, not tables. */
  public static final List<String> LOGS = List.of("rejected", "late");

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private KafkaLoad() {}

  /** What a replay sent and skipped. */
  public record Counts(long sent, long rejected, int referenceFiles) {}

  /** The reference files of a dataset the job takes from {@code P.reference}, by path. */
  static final List<String> REFERENCE = List.of("people.csv", "devices.csv", "applicants.csv", "payroll.csv");

  /**
   * Creates the topics under {@code prefix} that do not exist yet: {@code P.events} with
   * {@code partitions} partitions and no time-based retention, the compacted outputs and the
   * rejected and late logs.
   */
  public static void createTopics(String bootstrapServers, String prefix, int partitions) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> topics = new ArrayList<>();
      if (!existing.contains(prefix + ".events")) {
        // Record time is event time, so a replay of last month would fall to time-based retention
        // (7 days by default) at once: the events topic keeps records until told otherwise.
        topics.add(new NewTopic(prefix + ".events", partitions, (short) -1).configs(Map.of("retention.ms", "-1")));
      }
      if (!existing.contains(prefix + ".reference")) {
        topics.add(new NewTopic(prefix + ".reference", 1, (short) -1)
            .configs(Map.of("cleanup.policy", "compact", "retention.ms", "-1")));
      }
      for (String kind : OUTPUTS) {
        if (!existing.contains(prefix + "." + kind)) {
          topics.add(new NewTopic(prefix + "." + kind, partitions, (short) -1).configs(Map.of("cleanup.policy", "compact")));
        }
      }
      for (String kind : LOGS) {
        if (!existing.contains(prefix + "." + kind)) {
          topics.add(new NewTopic(prefix + "." + kind, 1, (short) -1));
        }
      }
      if (!topics.isEmpty()) {
        admin.createTopics(topics).all().get();
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topics under " + prefix + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Sends the dataset's reference files (people, devices, applicants, payroll, watchlists) to
   * {@code P.reference}, keyed by path, then every event to {@code P.events}, and waits until Kafka
   * has them all.
   */
  public static Counts replay(Path dataset, String bootstrapServers, String prefix) {
    return replay(dataset, bootstrapServers, prefix, List.of());
  }

  /**
   * As {@link #replay(Path, String, String)}, with Sigma rule files (files, or folders read
   * recursively for .yml/.yaml) sent in the reference set under {@code rules/}, so a running job
   * compiles them in place of the previous set's.
   */
  public static Counts replay(Path dataset, String bootstrapServers, String prefix, List<Path> rules) {
    Dataset ds = Dataset.open(dataset);
    int referenceFiles = sendReference(dataset, bootstrapServers, prefix, rules);
    AtomicLong rejected = new AtomicLong();
    ReferenceData reference = ds.readReference(r -> {});
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    String topic = prefix + ".events";
    long sent = 0;
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        EventStream events = ds.events(r -> rejected.incrementAndGet())) {
      while (events.hasNext()) {
        Event e = events.next();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, e.timestamp().toEpochMilli(),
            keyOf(e, reference).getBytes(StandardCharsets.UTF_8), line(e).getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader("unmask.file", e.source().file().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("unmask.line",
            Long.toString(e.source().line()).getBytes(StandardCharsets.US_ASCII)));
        producer.send(record, (meta, ex) -> {
          if (ex != null) {
            failure.compareAndSet(null, ex);
          }
        });
        sent++;
        if (failure.get() != null) {
          break;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused a record: " + failure.get().getMessage(), failure.get());
    }
    return new Counts(sent, rejected.get(), referenceFiles);
  }

  /**
   * Sends the reference files a dataset has to {@code P.reference}, then a manifest with each
   * file's SHA-256 so the job applies them together; returns how many files.
   */
  public static int sendReference(Path dataset, String bootstrapServers, String prefix) {
    return sendReference(dataset, bootstrapServers, prefix, List.of());
  }

  /** As {@link #sendReference(Path, String, String)}, with rule files in the set under {@code rules/}. */
  public static int sendReference(Path dataset, String bootstrapServers, String prefix, List<Path> rules) {
    java.util.Map<String, Path> sources = new java.util.LinkedHashMap<>();
    List<String> paths = new ArrayList<>();
    for (String name : REFERENCE) {
      if (java.nio.file.Files.isRegularFile(dataset.resolve(name))) {
        paths.add(name);
      }
    }
    Path watchlists = dataset.resolve("watchlists");
    if (java.nio.file.Files.isDirectory(watchlists)) {
      try (var list = java.nio.file.Files.list(watchlists)) {
        // CSV rows and threat-intelligence feeds (STIX 2.1, MISP) alike
        list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv") || n.endsWith(".json")).sorted()
            .forEach(n -> paths.add("watchlists/" + n));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + watchlists, e);
      }
    }
    for (String path : paths) {
      sources.put(path, dataset.resolve(path));
    }
    sources.putAll(ruleFiles(rules));
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(64 << 20));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      StringBuilder manifest = new StringBuilder();
      for (var source : sources.entrySet()) {
        String path = source.getKey();
        byte[] content = java.nio.file.Files.readAllBytes(source.getValue());
        producer.send(new ProducerRecord<>(prefix + ".reference", path.getBytes(StandardCharsets.UTF_8), content)).get();
        manifest.append(sha256(content)).append("  ").append(path).append('\n');
      }
      // Last: the job switches to the new set only once every file the manifest names has arrived.
      producer.send(new ProducerRecord<>(prefix + ".reference", MANIFEST.getBytes(StandardCharsets.UTF_8),
          manifest.toString().getBytes(StandardCharsets.UTF_8))).get();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference files of " + dataset, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused a reference file: " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending reference files", e);
    }
    return sources.size();
  }

  /**
   * Rule files by their path in the reference set: {@code rules/NAME} for a file argument,
   * {@code rules/FOLDER/RELATIVE} for the .yml/.yaml files under a folder argument.
   */
  static java.util.Map<String, Path> ruleFiles(List<Path> rules) {
    java.util.Map<String, Path> out = new java.util.TreeMap<>();
    for (Path r : rules) {
      if (java.nio.file.Files.isRegularFile(r)) {
        out.put("rules/" + r.getFileName(), r);
        continue;
      }
      try (var walk = java.nio.file.Files.walk(r)) {
        walk.filter(java.nio.file.Files::isRegularFile)
            .filter(org.unmask.detect.sigma.SigmaRuleSet::isRuleFile) // as the scan picks them: .YML too
            .forEach(f -> out.put("rules/" + r.getFileName() + "/" + r.relativize(f).toString().replace('\\', '/'), f));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read rules from " + r, e);
      }
    }
    return out;
  }

  /** Key of the record naming a complete reference set (sha256sum lines); sent after the files. */
  public static final String MANIFEST = "MANIFEST";

  private static String sha256(byte[] content) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The partition key: the person the event concerns, else its host, else its dataset. */
  static String keyOf(Event e, ReferenceData reference) {
    Person person = Subjects.personOf(e, reference);
    if (person != null) {
      return person.personId();
    }
    String host = e.text("host.id");
    return host != null ? host : e.dataset();
  }

  /**
   * The event as one JSON line of its flat fields (dotted names), which the engine's parser reads
   * back to the same fields; adapted vendor events arrive already in contract form.
   */
  static String line(Event e) {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      writeMap(g, e.fields());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return w.toString();
  }

  private static void writeMap(JsonGenerator g, Map<String, ?> fields) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, ?> f : fields.entrySet()) {
      g.writeFieldName(f.getKey());
      writeValue(g, f.getValue());
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) m;
      writeMap(g, typed);
    } else {
      g.writeString(String.valueOf(v));
    }
  }
}
