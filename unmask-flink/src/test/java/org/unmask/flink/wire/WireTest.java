package org.unmask.flink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.verdict.IdentityLink;
import org.unmask.verdict.LinkObservation;
import org.unmask.verdict.SharedAttribute;

class WireTest {

  @Test
  void event_roundTripsEveryValueType() {
    Map<String, Object> fields = new HashMap<>();
    fields.put("@timestamp", "2026-03-02T10:00:00.123456789Z");
    fields.put("s", "ünïcødé <script>");
    fields.put("n", 42L);
    fields.put("d", 1.5);
    fields.put("t", true);
    fields.put("f", false);
    fields.put("nil", null);
    fields.put("list", Arrays.asList("a", 1L, null, Map.of("x.y", "z")));
    fields.put("long", "x".repeat(70_000)); // longer than DataOutput.writeUTF allows
    Event e = new Event(Instant.parse("2026-03-02T10:00:00.123456789Z"), "endpoint.process", fields,
        new SourceRef("events/a.jsonl", 7));

    Event back = Wire.event(Wire.event(e));

    assertThat(back).isEqualTo(e);
  }

  @Test
  void findingAndLink_roundTrip() {
    Finding f = new Finding("f-1", "rule", "Title", Severity.HIGH, List.of("T1219"), Instant.ofEpochSecond(5),
        EntityRef.person("p-1"), 12.5, List.of(new SourceRef("a", 1), new SourceRef("b", 2)), "summary");
    LinkObservation l = new LinkObservation(new IdentityLink(EntityRef.person("a"), EntityRef.device("b"),
        new SharedAttribute("ip", "203.0.113.7"), 0.75, "shared egress"), Instant.ofEpochSecond(9),
        List.of(new SourceRef("c", 3)));

    assertThat(Wire.finding(Wire.finding(f))).isEqualTo(f);
    assertThat(Wire.link(Wire.link(l))).isEqualTo(l);
  }

  @Test
  void aFedMatch_roundTrips_withAbsentIdOrName() {
    Event e = new Event(Instant.ofEpochSecond(7), "idp.signin", new HashMap<>(Map.of("source.ip", "203.0.113.7", "ü", "ß")),
        new SourceRef("events/s.jsonl", 3));

    assertThat(Wire.fed(Wire.fed("6f1c2a8e-rule", null, e))).isEqualTo(new Wire.Fed("6f1c2a8e-rule", null, e));
    assertThat(Wire.fed(Wire.fed(null, "named_rule", e))).isEqualTo(new Wire.Fed(null, "named_rule", e));
  }

  @Test
  void truncatedRecord_failsWithAReason() {
    byte[] whole = Wire.event(new Event(Instant.EPOCH, "x", new HashMap<>(Map.of("k", "v")), new SourceRef("f", 1)));
    byte[] cut = Arrays.copyOf(whole, whole.length - 3);

    assertThatThrownBy(() -> Wire.event(cut)).hasMessageContaining("corrupt record").hasMessageContaining("ends early");
  }
}
