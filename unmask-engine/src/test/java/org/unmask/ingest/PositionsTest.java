package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PositionsTest {

  @Test
  void twoShapesInterleaved_areBothRecognised_andANewNameDemotesTheOlder() {
    Positions<String> p = new Positions<>(4);
    String image = "Image";
    String port = "DestinationPort";
    p.put(0, image, "process");
    p.put(0, port, "network");
    assertThat(p.get(0, image)).isEqualTo("process");
    assertThat(p.get(0, port)).isEqualTo("network");
    assertThat(p.get(0, image)).isEqualTo("process");
    p.put(0, "Third", "third"); // the way used longest ago (the port) is forgotten
    assertThat(p.get(0, "Third")).isEqualTo("third");
    assertThat(p.get(0, image)).isEqualTo("process");
    assertThat(p.get(0, port)).isNull();
  }

  @Test
  void namesAreRecognisedByIdentity_andPositionsPastTheBoundAreNotRemembered() {
    Positions<String> p = new Positions<>(4);
    p.put(1, "User", "u");
    assertThat(p.get(1, new String("User"))).isNull(); // equal, not the same instance: the caller looks it up
    assertThat(p.get(0, "User")).isNull();
    p.put(20, "Far", "f");
    assertThat(p.get(20, "Far")).isNull();
    p.put(3, "Last", "l");
    assertThat(p.get(3, "Last")).isEqualTo("l");
  }
}
