package org.unmask.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.unmask.sim.ContractConformanceTest.Csv;
import org.unmask.sim.truth.Truth;

/** truth.json says only what the dataset shows. */
class TruthConsistencyTest {

  @Test
  void everyTruthPerson_existsInPeopleCsv() throws IOException {
    Path d = SmallWorld.dir();
    Truth truth = Truth.read(d.resolve("truth.json"));
    Set<String> people = new HashSet<>();
    for (List<String> row : Csv.rows(d.resolve("people.csv"))) {
      people.add(row.get(0));
    }
    assertThat(truth.hiddenPersons()).isNotEmpty();
    truth.hiddenPersons().forEach(h -> assertThat(people).contains(h.personId()));
    truth.hardNegatives().values().forEach(ids -> assertThat(people).containsAll(ids));
    truth.farms().forEach(f -> assertThat(people).containsAll(f.personIds()));
    truth.hiddenPersons().forEach(h -> assertThat(h.firstMaliciousActivity()).as(h.personId()).isNotNull());
  }

  @Test
  void farmMembers_shareTheFarmsAddressIpAndWifi() throws IOException {
    Path d = SmallWorld.dir();
    Truth truth = Truth.read(d.resolve("truth.json"));
    assertThat(truth.farms()).isNotEmpty();
    Map<String, List<String>> deviceRow = new HashMap<>();
    for (List<String> row : Csv.rows(d.resolve("devices.csv"))) {
      deviceRow.put(row.get(0), row);
    }
    Map<String, Set<String>> ipsByHost = new HashMap<>();
    Map<String, Set<String>> bssidsByHost = new HashMap<>();
    try (Stream<Path> s = Files.list(d.resolve("events/endpoint.inventory"))) {
      for (Path f : s.toList()) {
        for (String line : Files.readAllLines(f)) {
          JsonNode e = ContractConformanceTest.JSON.readTree(line);
          String host = e.at("/host/id").asText();
          ipsByHost.computeIfAbsent(host, k -> new HashSet<>()).add(e.at("/host/public_ip").asText());
          bssidsByHost.computeIfAbsent(host, k -> new HashSet<>()).add(e.at("/network/wifi/bssid").asText());
        }
      }
    }
    for (Truth.Farm farm : truth.farms()) {
      assertThat(farm.personIds()).hasSizeBetween(2, 8);
      for (String device : farm.deviceIds()) {
        List<String> row = deviceRow.get(device);
        assertThat(farm.address()).startsWith(row.get(5) + ", " + row.get(6));
        if (ipsByHost.containsKey(device)) {
          assertThat(ipsByHost.get(device)).containsExactly(farm.ip());
          assertThat(bssidsByHost.get(device)).containsExactly(farm.bssid());
        }
      }
    }
  }

  @Test
  void ringApplicants_existAndShareWhatTruthSays() throws IOException {
    Path d = SmallWorld.dir();
    Truth truth = Truth.read(d.resolve("truth.json"));
    Map<String, List<String>> applicants = new HashMap<>();
    for (List<String> row : Csv.rows(d.resolve("applicants.csv"))) {
      applicants.put(row.get(0), row);
    }
    assertThat(truth.applicantRings()).isNotEmpty();
    for (Truth.Ring ring : truth.applicantRings()) {
      assertThat(applicants.keySet()).containsAll(ring.applicantIds());
      if (ring.shared().contains("phone")) {
        assertThat(ring.applicantIds().stream().map(a -> applicants.get(a).get(4)).distinct()).hasSize(1);
      }
      if (ring.shared().contains("national_id")) {
        assertThat(ring.applicantIds().stream().map(a -> applicants.get(a).get(11)).distinct()).hasSize(1);
      }
      for (String hired : ring.hiredPersonIds()) {
        assertThat(ring.applicantIds().stream().map(a -> applicants.get(a).get(22))).contains(hired);
      }
    }
  }

  @Test
  void sharedHomes_shareTheClaimedAddress() throws IOException {
    Path d = SmallWorld.dir();
    Truth truth = Truth.read(d.resolve("truth.json"));
    Map<String, String> address = new HashMap<>();
    for (List<String> row : Csv.rows(d.resolve("people.csv"))) {
      address.put(row.get(0), row.get(10) + "|" + row.get(11));
    }
    List<String> shared = truth.hardNegatives().getOrDefault("shared_home", List.of());
    for (String id : shared) {
      long same = shared.stream().filter(o -> address.get(o).equals(address.get(id))).count();
      assertThat(same).as(id).isGreaterThanOrEqualTo(2);
    }
  }
}
