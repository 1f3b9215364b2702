package org.unmask.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.unmask.flink.wire.RawLine;

/**
 * Kafka records as lines with their evidence location: the {@code unmask.file} and
 * {@code unmask.line} headers when the producer set them (as {@code unmask kafka-load} does), else
 * {@code kafka/<topic>/<partition>} and the offset. Header values are attacker-reachable input like
 * the line itself: a malformed line number falls back to the offset.
 */
final class KafkaLines implements KafkaRecordDeserializationSchema<RawLine> {

  private static final long serialVersionUID = 1L;
  private static final int MAX_FILE_NAME = 1000;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
    String file = null;
    long line = -1;
    Header f = record.headers().lastHeader(Topics.FILE_HEADER);
    Header l = record.headers().lastHeader(Topics.LINE_HEADER);
    if (f != null && f.value() != null && f.value().length <= MAX_FILE_NAME) {
      file = new String(f.value(), StandardCharsets.UTF_8);
    }
    if (l != null && l.value() != null && l.value().length <= 19) {
      try {
        line = Long.parseLong(new String(l.value(), StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        line = -1;
      }
    }
    if (file == null || file.isBlank() || line < 0) {
      file = "kafka/" + record.topic() + "/" + record.partition();
      line = record.offset();
    }
    out.collect(new RawLine(file, line, record.value()));
  }

  @Override
  public TypeInformation<RawLine> getProducedType() {
    return TypeInformation.of(RawLine.class);
  }
}
