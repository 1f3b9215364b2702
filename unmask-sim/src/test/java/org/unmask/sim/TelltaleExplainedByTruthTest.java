package org.unmask.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.unmask.sim.ContractConformanceTest.Csv;
import org.unmask.sim.truth.Truth;

/**
 * Every tell-tale in the telemetry is explained by truth.json: a KVM default, a Korean layout or an
 * Asian device zone appears only on a hidden worker who uses that technique or on an innocent person
 * labelled with the hard negative that explains it. Otherwise evaluation would punish a correct scan.
 */
class TelltaleExplainedByTruthTest {

  @Test
  void kvmDefaults_koreanLayouts_andAsianZones_appearOnlyWhereTruthSaysSo() throws IOException {
    Path d = SmallWorld.dir();
    Truth truth = Truth.read(d.resolve("truth.json"));
    Map<String, String> owner = new HashMap<>();
    for (List<String> row : Csv.rows(d.resolve("devices.csv"))) {
      owner.put(row.get(0), row.get(3));
    }
    Map<String, Set<String>> signals = new HashMap<>();
    truth.hiddenPersons().forEach(h -> signals.put(h.personId(), Set.copyOf(h.signals())));
    Map<String, Set<String>> kinds = new HashMap<>();
    truth.hardNegatives().forEach((k, ids) -> ids.forEach(id -> kinds.computeIfAbsent(id, x -> new TreeSet<>()).add(k)));

    Set<String> kvmDevices = new TreeSet<>();
    Set<String> otherTelltales = new TreeSet<>();
    each(d.resolve("events/endpoint.usb"), (file, e) -> {
      String maker = e.at("/usb/manufacturer").asText();
      if (maker.equals("PiKVM") || maker.equals("tinypilot")) {
        String person = owner.get(e.at("/host/id").asText());
        assertThat(signals.getOrDefault(person, Set.of())).as(person).containsAnyOf("pikvm", "tinypilot");
        kvmDevices.add(person);
      }
    });
    each(d.resolve("events/endpoint.inventory"), (file, e) -> {
      String person = owner.get(e.at("/host/id").asText());
      Set<String> s = signals.getOrDefault(person, Set.of());
      Set<String> k = kinds.getOrDefault(person, Set.of());
      if (e.at("/host/locale/keyboard_layouts").toString().contains("ko-KR")) {
        assertThat(s.contains("korean_keyboard") || k.contains("foreign_keyboard")).as(person + " ko-KR").isTrue();
        otherTelltales.add(person);
      }
      if (e.at("/host/locale/timezone").asText().startsWith("Asia/")) {
        assertThat(s.contains("asian_device_timezone") || k.contains("traveller")).as(person + " Asian zone").isTrue();
        otherTelltales.add(person);
      }
    });
    Map<String, Set<String>> usersByMfaDevice = new HashMap<>();
    Map<String, String> personByEmail = new HashMap<>();
    for (List<String> row : Csv.rows(d.resolve("people.csv"))) {
      personByEmail.put(row.get(2), row.get(0));
    }
    each(d.resolve("events/idp.signin"), (file, e) -> {
      if (e.has("device")) {
        usersByMfaDevice.computeIfAbsent(e.at("/device/id").asText(), k -> new TreeSet<>()).add(personByEmail.get(e.at("/user/email").asText()));
      }
    });
    assertThat(usersByMfaDevice).isNotEmpty();
    usersByMfaDevice.values().stream().filter(users -> users.size() > 1).flatMap(Set::stream)
        .forEach(person -> assertThat(signals.getOrDefault(person, Set.of())).as(person + " shares an MFA device").contains("shared_mfa_device"));
    assertThat(kvmDevices).as("the small world has KVM defaults to check").isNotEmpty();
    assertThat(otherTelltales).as("the small world has layouts and zones to check").isNotEmpty();
  }

  private static void each(Path dir, BiConsumer<Path, JsonNode> action) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          action.accept(f, ContractConformanceTest.JSON.readTree(line));
        }
      }
    }
  }
}
