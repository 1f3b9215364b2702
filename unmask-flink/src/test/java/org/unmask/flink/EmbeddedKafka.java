package org.unmask.flink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real Kafka broker (KRaft, one combined node) inside the test JVM: no Docker. */
final class EmbeddedKafka implements AutoCloseable {

  private final KafkaClusterTestKit kit;

  private EmbeddedKafka(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  static EmbeddedKafka start() throws Exception {
    TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build();
    KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("transaction.state.log.num.partitions", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
    return new EmbeddedKafka(kit);
  }

  String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /** One record as read: key, value (null for a tombstone). */
  record Record(String key, String value) {}

  /** Every record of a topic so far, in offset order per partition; committed ones only. */
  List<Record> readAll(String topic) {
    return readAll(topic, true);
  }

  /** Every record of a topic so far; {@code committed} false also shows open and aborted transactions. */
  List<Record> readAll(String topic, boolean committed) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers());
    p.put("isolation.level", committed ? "read_committed" : "read_uncommitted");
    p.put("enable.auto.commit", "false");
    List<Record> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      Map<TopicPartition, Long> position = new HashMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(new Record(new String(r.key(), StandardCharsets.UTF_8),
              r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
          position.put(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
      }
    }
    return out;
  }

  /** The latest value per key of a compacted topic, tombstones removing keys. */
  Map<String, String> table(String topic) {
    Map<String, String> latest = new LinkedHashMap<>();
    for (Record r : readAll(topic)) {
      if (r.value() == null) {
        latest.remove(r.key());
      } else {
        latest.put(r.key(), r.value());
      }
    }
    return latest;
  }

  @Override
  public void close() throws Exception {
    kit.close();
  }
}
