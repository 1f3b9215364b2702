package org.unmask.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.cli.KafkaLoad;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.privacy.Pseudonymizer;
import org.unmask.risk.Suppression;
import org.unmask.risk.Suppressions;

/**
 * The same simulated world through {@code unmask scan} and through the Flink job (a MiniCluster at
 * parallelism 2, a real in-JVM Kafka broker) gives the same findings, persons and cases, line for
 * line as the contract writes them.
 */
class FlinkEquivalenceIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  static Path dir;

  static EmbeddedKafka kafka;
  static World world;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    world = World.simulate(dir, 48, 12, 7, 0.06);
  }

  @AfterAll
  static void stop() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void job_concludesAsTheScan_andRoutesBadLines() throws Exception {
    String prefix = "eq";
    KafkaLoad.createTopics(kafka.bootstrapServers(), prefix, 2);
    KafkaLoad.Counts sent = KafkaLoad.replay(world.dataset(), kafka.bootstrapServers(), prefix);
    assertThat(sent.sent()).isEqualTo(world.scan().stats().eventsRead());
    sendBadLine(prefix);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    UnmaskJob.build(env, new UnmaskJob.Kafka(kafka.bootstrapServers(), prefix, "eq-test", true, 0),
        JobSettings.defaults(world.dataset()).withPublishEvery(Duration.ofDays(2)));
    env.execute("equivalence");

    assertThat(world.scan().findings()).as("the world is worth comparing").hasSizeGreaterThan(20);
    assertThat(world.cases()).as("the world has cases").isNotEmpty();
    Map<String, String> findings = kafka.table(prefix + ".findings");
    System.out.printf("equivalence: %d events, %d findings, %d persons, %d cases, %d farms; job: %d findings%n",
        sent.sent(), world.findings().size(), world.persons().size(), world.cases().size(), world.farms().size(),
        findings.size());
    assertThat(findings).containsExactlyInAnyOrderEntriesOf(world.findings());
    assertThat(kafka.table(prefix + ".persons")).containsExactlyInAnyOrderEntriesOf(world.persons());
    assertThat(kafka.table(prefix + ".cases")).containsExactlyInAnyOrderEntriesOf(world.cases());
    assertThat(kafka.table(prefix + ".farms")).containsExactlyInAnyOrderEntriesOf(world.farms());
    assertThat(kafka.readAll(prefix + ".late")).isEmpty();
    assertThat(kafka.readAll(prefix + ".rejected")).singleElement()
        .satisfies(r -> assertThat(r.value()).contains("\"file\":\"feed/x.jsonl\"").contains("missing @timestamp"));
  }

  /**
   * A correlation whose group spans people (sign-ins of several people from one address within a
   * day, as a laptop farm's): the job judges correlations in one place, so it finds what the scan
   * finds, though its rules run keyed by person.
   */
  @Test
  void aCorrelationAcrossPeople_findsWhatTheScanFinds() throws Exception {
    Path rules = java.nio.file.Files.createDirectories(dir.resolve("cross-rules"));
    java.nio.file.Files.writeString(rules.resolve("signin.yml"), SigninRules.SUCCESSFUL_SIGNIN);
    java.nio.file.Files.writeString(rules.resolve("shared_address.yml"), """
        title: Several people sign in from one address
        id: 9a1c2a8e-7d3b-4c1e-9f00-2b8e5d7c1a04
        correlation:
          type: value_count
          rules:
            - successful_signin
          group-by:
            - source.ip
          timespan: 1d
          condition:
            gte: 2
            field: user.email
        level: medium
        """);
    World expected = world.scannedWith(dir.resolve("scan-cross"), List.of(rules));
    assertThat(expected.scan().findings()).as("the scan finds shared addresses")
        .anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("9a1c2a8e-7d3b-4c1e-9f00-2b8e5d7c1a04"));

    String prefix = "cross";
    KafkaLoad.createTopics(kafka.bootstrapServers(), prefix, 2);
    KafkaLoad.replay(world.dataset(), kafka.bootstrapServers(), prefix);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    UnmaskJob.build(env, new UnmaskJob.Kafka(kafka.bootstrapServers(), prefix, "cross-test", true, 0),
        JobSettings.defaults(world.dataset()).withRules(List.of(rules.toString()), true).withPublishEvery(Duration.ofDays(2)));
    env.execute("cross-entity correlation");

    assertThat(kafka.table(prefix + ".findings")).containsExactlyInAnyOrderEntriesOf(expected.findings());
    assertThat(kafka.table(prefix + ".persons")).containsExactlyInAnyOrderEntriesOf(expected.persons());
  }

  @Test
  void main_runsTheJobFromItsFlags_exactlyOnce_intoTheStore_pseudonymised_withTheStoresSuppressions() throws Exception {
    String prefix = "cli";
    // the world, with one salary paid to a shell company: the money trail names the payee, a name
    // the published findings must carry only as a pseudonym
    World named = new World(copyOf(world.dataset(), dir.resolve("world-named")), world.scan(), world.events());
    payFirstPersonTo(named.dataset(), SHELL_PAYEE);
    KafkaLoad.createTopics(kafka.bootstrapServers(), prefix, 2);
    KafkaLoad.replay(named.dataset(), kafka.bootstrapServers(), prefix);
    Path store = dir.resolve("store");
    Path key = dir.resolve("keys/pseudonym.key");
    // an analyst closed a case as benign: this person's findings of that rule are known harmless
    Finding harmless = world.scan().findings().stream().filter(f -> f.entity().type() == EntityRef.Type.PERSON)
        .filter(f -> world.cases().containsKey(f.entity().id())).findFirst().orElseThrow();
    Suppression benign = Suppression.personRule("s-benign", harmless.entity().id(), harmless.ruleId(),
        Instant.now().plus(Duration.ofDays(30)), null);
    try (org.unmask.store.Store s = org.unmask.store.Store.open(store.toString())) {
      s.addSuppression(benign, "analyst");
    }

    UnmaskJob.main(new String[] {"--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", prefix,
        "--reference", named.dataset().toString(), "--parallelism", "2", "--checkpoint-interval-ms", "300",
        "--checkpoint-dir", dir.resolve("checkpoints").toUri().toString(), "--store", store.toString(),
        "--key-file", key.toString(), "--publish-every", "P1D", "--bounded"});

    Suppressions inForce = Suppressions.activeAt(List.of(benign), Instant.now());
    World plain = named.rescanned(dir.resolve("scan-plain"), null, inForce);
    World expected = named.rescanned(dir.resolve("scan-with-key"), Pseudonymizer.fromExistingKeyFile(key), inForce);
    assertThat(plain.findings()).as("the suppression drops findings").doesNotContainKey(harmless.id());
    assertThat(String.join("\n", plain.findings().values())).as("a plain scan names the payee").contains(SHELL_PAYEE);
    Map<String, String> published = kafka.table(prefix + ".findings");
    assertThat(published).containsExactlyInAnyOrderEntriesOf(expected.findings());
    assertThat(kafka.table(prefix + ".persons")).containsExactlyInAnyOrderEntriesOf(expected.persons());
    assertThat(String.join("\n", published.values())).as("the job names nobody").doesNotContain(SHELL_PAYEE);
    try (org.unmask.store.Store s = org.unmask.store.Store.open(store.toString())) {
      assertThat(s.cases().list())
          .extracting(org.unmask.store.cases.Case::personId).containsExactlyInAnyOrderElementsOf(expected.cases().keySet());
    }
  }

  private static final String SHELL_PAYEE = "Blue Harbor Consulting LLC";

  private static Path copyOf(Path from, Path to) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(from)) {
      for (Path f : files.toList()) {
        java.nio.file.Files.copy(f, to.resolve(from.relativize(f).toString()));
      }
    }
    return to;
  }

  /** Rewrites the payee (people.csv's last column) of the first person. */
  private static void payFirstPersonTo(Path dataset, String payee) throws java.io.IOException {
    Path people = dataset.resolve("people.csv");
    List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(people));
    String first = lines.get(1);
    lines.set(1, first.substring(0, first.lastIndexOf(',') + 1) + payee);
    java.nio.file.Files.write(people, lines);
  }

  private static void sendBadLine(String prefix) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      var record = new ProducerRecord<byte[], byte[]>(prefix + ".events", 0, world.scan().stats().lastEvent().toEpochMilli(),
          "x".getBytes(StandardCharsets.UTF_8),
          "{\"event.dataset\":\"idp.signin\",\"user.name\":\"<script>\"}".getBytes(StandardCharsets.UTF_8));
      record.headers().add(Topics.FILE_HEADER, "feed/x.jsonl".getBytes(StandardCharsets.UTF_8));
      record.headers().add(Topics.LINE_HEADER, "3".getBytes(StandardCharsets.UTF_8));
      producer.send(record);
      producer.flush();
    }
  }
}
