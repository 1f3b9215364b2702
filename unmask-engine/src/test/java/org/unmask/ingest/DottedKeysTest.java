package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DottedKeysTest {

  private static final JsonFactory JSON = new JsonFactory();

  @Test
  void eachFieldGetsTheKeyOfItsName_whenShapesInterleaveShuffleAndSpellNamesWithEscapes() throws IOException {
    DottedKeys keys = new DottedKeys();
    // names of one length, so that nothing but the name tells them apart
    List<String> processFields = List.of("Image", "Users", "Hash1", "CmdLn");
    List<String> networkFields = List.of("DstIp", "Image", "DPort");
    Random random = new Random(3);
    for (int i = 0; i < 5_000; i++) {
      List<String> fields = new ArrayList<>(random.nextBoolean() ? processFields : networkFields);
      if (random.nextInt(10) == 0) {
        Collections.shuffle(fields, random);
      }
      if (random.nextInt(10) == 0) {
        fields.remove(random.nextInt(fields.size())); // a field left out: the expected one is not there
      }
      StringBuilder json = new StringBuilder("{\"Event\":{");
      for (int f = 0; f < fields.size(); f++) {
        String name = fields.get(f);
        // the same name in other bytes: the first letter as a \\u escape
        String spelled = random.nextInt(20) == 0 ? String.format("\\u%04x", (int) name.charAt(0)) + name.substring(1) : name;
        json.append(f == 0 ? "" : ",").append('"').append(spelled).append("\":").append(f);
      }
      json.append("}}");
      assertThat(read(keys, json.toString())).as(json.toString())
          .isEqualTo(fields.stream().map(name -> "Event." + name).toList());
    }
  }

  @Test
  void aKeyFoundByExpectation_isTheKeyFoundByName() throws IOException {
    DottedKeys keys = new DottedKeys();
    for (int i = 0; i < 3; i++) {
      try (JsonParser p = JSON.createParser("{\"a\":1,\"b\":{\"c\":2}}".getBytes(StandardCharsets.UTF_8))) {
        p.nextToken();
        DottedKeys.Key a = keys.root().nextField(p, null);
        assertThat(a).isSameAs(keys.root().child("a"));
        p.nextToken();
        DottedKeys.Key b = keys.root().nextField(p, a);
        assertThat(b).isSameAs(keys.root().child("b"));
        assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        DottedKeys.Key c = b.nextField(p, null);
        assertThat(c.dotted).isEqualTo("b.c");
        assertThat(c).isSameAs(b.child("c"));
        p.nextToken();
        assertThat(b.nextField(p, c)).isNull();
        assertThat(keys.root().nextField(p, b)).isNull();
        assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      }
    }
  }

  @Test
  void manyParentsAndFields_stillFindTheirNames() {
    DottedKeys keys = new DottedKeys();
    for (int parent = 0; parent < 2_000; parent++) {
      DottedKeys.Key p = keys.root().child("p" + parent);
      for (int field = 0; field < 100; field += 7) {
        assertThat(p.child("f" + field).dotted).isEqualTo("p" + parent + ".f" + field);
      }
    }
  }

  /** The dotted names of an object's scalar fields, in order, read with the keys' expectations. */
  private static List<String> read(DottedKeys keys, String json) throws IOException {
    List<String> names = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json.getBytes(StandardCharsets.UTF_8))) {
      p.nextToken();
      readObject(p, keys.root(), names);
    }
    return names;
  }

  private static void readObject(JsonParser p, DottedKeys.Key parent, List<String> names) throws IOException {
    DottedKeys.Key key = null;
    while ((key = parent.nextField(p, key)) != null) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        readObject(p, key, names);
      } else {
        names.add(key.dotted);
      }
    }
  }
}
