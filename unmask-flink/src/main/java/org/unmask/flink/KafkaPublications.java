package org.unmask.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.unmask.flink.wire.Publication;

/** Publications as Kafka records: topic {@code P.<kind>}, key the id, value the JSON line or null. */
final class KafkaPublications implements KafkaRecordSerializationSchema<Publication> {

  private static final long serialVersionUID = 1L;

  private final String prefix;

  KafkaPublications(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(Publication p, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(Topics.output(prefix, p.topic), null, null,
        p.key.getBytes(StandardCharsets.UTF_8), p.value == null ? null : p.value.getBytes(StandardCharsets.UTF_8));
  }
}
