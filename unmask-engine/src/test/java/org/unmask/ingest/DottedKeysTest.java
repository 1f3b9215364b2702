package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DottedKeysTest {

  @Test
  void aChildFoundByPosition_isTheChildOfThatName_whateverTheOrderAndTheNameInstances() {
    DottedKeys keys = new DottedKeys();
    DottedKeys.Key event = keys.root().child("Event");
    // names of one length, so that nothing but the name tells them apart
    List<String> processFields = List.of("Image", "Users", "Hash1", "CmdLn");
    List<String> networkFields = List.of("DstIp", "Image", "DPort");
    Random random = new Random(3);
    for (int i = 0; i < 5_000; i++) {
      // two shapes interleaved, sometimes shuffled, and names that are equal but not the same instance
      List<String> fields = new ArrayList<>(random.nextBoolean() ? processFields : networkFields);
      if (random.nextInt(10) == 0) {
        Collections.shuffle(fields, random);
      }
      for (int position = 0; position < fields.size(); position++) {
        String name = random.nextInt(20) == 0 ? new String(fields.get(position)) : fields.get(position);
        DottedKeys.Key key = event.child(position, name);
        assertThat(key.dotted).isEqualTo("Event." + fields.get(position));
        assertThat(key).isSameAs(event.child(fields.get(position)));
      }
    }
  }

  @Test
  void positionsPastTheRecognisedOnes_andManyParents_stillFindTheirNames() {
    DottedKeys keys = new DottedKeys();
    for (int parent = 0; parent < 2_000; parent++) {
      DottedKeys.Key p = keys.root().child(parent, "p" + parent);
      for (int position = 0; position < 100; position += 7) {
        assertThat(p.child(position, "f" + position).dotted).isEqualTo("p" + parent + ".f" + position);
      }
    }
  }
}
