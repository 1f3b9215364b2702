package org.unmask.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.DetectorHarness;
import org.unmask.testing.Events;
import org.unmask.testing.People;

class ExfiltrationTest {

  private final ReferenceData ref = People.of(List.of(
      People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago"),
      People.person("p2", "Bo Li", "Austin", "2 Elm St", "America/Chicago"),
      People.person("p3", "Cy Orr", "Reno", "3 Fir St", "America/Los_Angeles")), List.of());

  private static Event pull(String person, Instant t, String repo) {
    return Events.at(t.toString(), "git.audit", "user.email", person + "@example.com", "event.action", "clone",
        "repository.name", repo, "repository.sensitivity", "restricted");
  }

  private static Event upload(String person, Instant t, long bytes) {
    return Events.at(t.toString(), "proxy.http", "user.email", person + "@example.com", "url.domain", "mega.nz",
        "source.bytes", bytes);
  }

  /** Twenty days on which everyone pulls one restricted repo and uploads a few MB. */
  private static List<Event> normalMonth() {
    List<Event> events = new ArrayList<>();
    Instant start = Instant.parse("2026-05-01T15:00:00Z");
    for (int d = 0; d < 20; d++) {
      for (String p : List.of("p1", "p2", "p3")) {
        Instant t = start.plus(d, ChronoUnit.DAYS);
        events.add(pull(p, t, "org/payments-core"));
        events.add(upload(p, t.plusSeconds(60), 3L << 20));
      }
    }
    return events;
  }

  @Test
  void burstOfRestrictedClones_fires_onceForTheDay() {
    List<Event> events = normalMonth();
    Instant burst = Instant.parse("2026-05-25T03:00:00Z");
    for (int i = 0; i < 12; i++) {
      events.add(pull("p1", burst.plusSeconds(i * 60), "org/repo-" + i));
    }
    List<Finding> findings = DetectorHarness.of(new Exfiltration(), ref).feed(events).findings();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unmask.exfil.restricted_repo_burst");
      assertThat(f.entity().id()).isEqualTo("p1");
    });
  }

  @Test
  void largeUpload_againstASmallBaseline_fires() {
    List<Event> events = normalMonth();
    events.add(upload("p2", Instant.parse("2026-05-25T03:00:00Z"), 900L << 20));
    assertThat(DetectorHarness.of(new Exfiltration(), ref).feed(events).findings())
        .extracting(Finding::ruleId).containsExactly("unmask.exfil.file_sharing_upload");
  }

  @Test
  void marketingVideos_everyDay_areTheirOwnBaseline() {
    List<Event> events = normalMonth();
    Instant start = Instant.parse("2026-05-01T16:00:00Z");
    for (int d = 0; d < 25; d++) {
      events.add(upload("p3", start.plus(d, ChronoUnit.DAYS), (700L + d) << 20));
    }
    List<Finding> findings = DetectorHarness.of(new Exfiltration(), ref).feed(events).findings();
    // the first big day has no history to compare with; after that the person's own baseline holds
    assertThat(findings).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void aVideoShippedEveryWeekOrTwo_isNewsOnlyTheFirstTime_butABiggerBurstStillFires() {
    List<Event> events = normalMonth();
    Instant start = Instant.parse("2026-05-01T17:00:00Z");
    for (int d : new int[] {2, 9, 21}) {
      events.add(upload("p2", start.plus(d, ChronoUnit.DAYS), (1500L + d * 40) << 20));
    }
    events.add(upload("p2", start.plus(27, ChronoUnit.DAYS), 6000L << 20)); // four times the biggest yet
    events.sort(java.util.Comparator.comparing(Event::timestamp));
    List<Finding> findings = DetectorHarness.of(new Exfiltration(), ref).feed(events).findings();
    assertThat(findings).extracting(f -> f.timestamp().toString().substring(0, 10))
        .containsExactly("2026-05-03", "2026-05-28");
  }

  @Test
  void ordinaryMonth_staysQuiet() {
    assertThat(DetectorHarness.of(new Exfiltration(), ref).feed(normalMonth()).findings()).isEmpty();
  }

  @Test
  void robustStatistics_ignoreOneOutlier() {
    assertThat(Exfiltration.median(List.of(1L, 2L, 3L, 1000L))).isEqualTo(2.5);
    assertThat(Exfiltration.mad(List.of(1L, 2L, 3L, 1000L), 2.5)).isLessThan(2.0);
  }
}
