package org.unmask.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.DetectorHarness;
import org.unmask.testing.Events;
import org.unmask.testing.People;

class AfterDepartureTest {

  /** Ana (Chicago) left on Friday 2026-05-08; Bo is still employed. */
  private static final Person ANA = left(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago"),
      LocalDate.parse("2026-05-08"));
  private static final Person BO = People.person("p2", "Bo Li", "Boise", "2 Elm St", "America/Boise");
  private final ReferenceData ref = People.of(List.of(ANA, BO), List.of(People.laptop("d1", "p1", "2026-01-02T00:00:00Z")));

  private static Person left(Person p, LocalDate endDate) {
    return new Person(p.personId(), p.fullName(), p.email(), p.personalEmail(), p.phone(), p.hireDate(), endDate,
        p.title(), p.department(), p.managerId(), p.home(), p.timezone(), p.bankAccountId(), p.payeeName());
  }

  private static Event signIn(String at, String email, String outcome) {
    return Events.at(at, "idp.signin", "user.email", email, "source.ip", "73.10.10.10", "event.outcome", outcome);
  }

  private List<Finding> findings(List<Event> events) {
    return DetectorHarness.of(new AfterDeparture(), ref).feed(events).findings();
  }

  @Test
  void aSignInTwoDaysAfterTheLastDay_fires() {
    assertThat(findings(List.of(signIn("2026-05-10T15:00:00Z", "p1@example.com", "success")))).singleElement()
        .satisfies(f -> {
          assertThat(f.ruleId()).isEqualTo("unmask.account.active_after_departure");
          assertThat(f.entity().id()).isEqualTo("p1");
          assertThat(f.summary()).isEqualTo(
              "p1 left on 2026-05-08 (end_date), yet their account signed in from 73.10.10.10 on 2026-05-10, 2 days later.");
        });
  }

  @Test
  void theLastDay_theDayAfter_failedSignIns_andPeopleStillEmployed_stayQuiet() {
    assertThat(findings(List.of(
        signIn("2026-05-08T22:00:00Z", "p1@example.com", "success"),
        // 00:30 on Sunday in UTC is still Saturday evening in Chicago: the day after, offboarding's slack
        signIn("2026-05-10T04:30:00Z", "p1@example.com", "success"),
        signIn("2026-05-12T15:00:00Z", "p1@example.com", "failure"),
        signIn("2026-06-01T15:00:00Z", "p2@example.com", "success"),
        // background telemetry from a laptop that was not collected yet is not use
        Events.at("2026-05-12T15:00:00Z", "endpoint.inventory", "host.id", "d1")))).isEmpty();
  }

  @Test
  void theLaptopInUse_fires_andLastingUse_isReportedAgainTwoWeeksLater() {
    List<Event> events = new ArrayList<>();
    for (int d = 0; d < 20; d++) {
      events.add(Events.at(LocalDate.parse("2026-05-11").plusDays(d) + "T15:00:00Z", "endpoint.process",
          "host.id", "d1", "process.name", "git.exe"));
    }
    assertThat(findings(events)).extracting(Finding::summary).containsExactly(
        "p1 left on 2026-05-08 (end_date), yet their laptop d1 ran git.exe on 2026-05-11, 3 days later.",
        "p1 left on 2026-05-08 (end_date), yet their laptop d1 ran git.exe on 2026-05-25, 17 days later;"
            + " in use on 15 days since the departure.");
  }
}
