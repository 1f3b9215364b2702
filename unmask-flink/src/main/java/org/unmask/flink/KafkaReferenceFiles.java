package org.unmask.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.unmask.flink.wire.ReferenceFile;

/** {@code P.reference} records as reference files: the key is the path, the value the content. */
final class KafkaReferenceFiles implements KafkaRecordDeserializationSchema<ReferenceFile> {

  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ReferenceFile> out) {
    if (record.key() != null && record.key().length <= 200) {
      out.collect(new ReferenceFile(new String(record.key(), StandardCharsets.UTF_8), record.value()));
    }
  }

  @Override
  public TypeInformation<ReferenceFile> getProducedType() {
    return TypeInformation.of(ReferenceFile.class);
  }
}
