package org.unmask.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.reference.Device;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.Events;
import org.unmask.testing.People;

/** The end of the data is where the fleet's clocks put it, not where one laptop's does. */
class ActivityClockTest {

  /** Ten people, each with a laptop d0..d9 (persons p0..p9, e-mails p0@example.com ...): 20 entities. */
  private static final ReferenceData FLEET;

  static {
    List<Person> people = new ArrayList<>();
    List<Device> devices = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      people.add(People.person("p" + i, "Person " + i, "Dallas", i + " Oak St", "America/Chicago"));
      devices.add(People.laptop("d" + i, "p" + i, "2026-01-02T00:00:00Z"));
    }
    FLEET = People.of(people, devices);
  }

  private static ActivityClock fleetUntil(String lastDay) {
    ActivityClock clock = new ActivityClock();
    for (int i = 0; i < 10; i++) {
      clock.observe(Events.at("2026-05-01T09:00:00Z", "endpoint.process", "host.id", "d" + i), FLEET);
      clock.observe(Events.at(lastDay, "endpoint.process", "host.id", "d" + i), FLEET);
      clock.observe(Events.at(lastDay, "idp.signin", "user.email", "p" + i + "@example.com"), FLEET);
    }
    return clock;
  }

  @Test
  void onAFleetWhoseClocksAgree_theEndIsTheLatestEvent() {
    ActivityClock clock = fleetUntil("2026-05-31T17:00:00Z");
    clock.observe(Events.at("2026-05-31T23:30:00Z", "endpoint.process", "host.id", "d3"), FLEET);
    assertThat(clock.end()).isEqualTo(Instant.parse("2026-05-31T23:30:00Z"));
    assertThat(clock.latestEvent()).isEqualTo(clock.end());
    assertThat(clock.earliestEvent()).isEqualTo(Instant.parse("2026-05-01T09:00:00Z"));
  }

  @Test
  void oneLaptopWhoseClockRunsAhead_doesNotMoveTheEnd() {
    ActivityClock clock = fleetUntil("2026-05-31T17:00:00Z");
    clock.observe(Events.at("2031-01-01T00:00:00Z", "endpoint.process", "host.id", "d7"), FLEET);
    clock.observe(Events.at("2031-01-02T00:00:00Z", "endpoint.process", "host.id", "d8"), FLEET);
    assertThat(clock.latestEvent()).isEqualTo(Instant.parse("2031-01-02T00:00:00Z"));
    // half the fleet was last seen on May 31: the end is the latest time anyone was last seen
    // within three days of that
    assertThat(clock.end()).isEqualTo(Instant.parse("2026-05-31T17:00:00Z"));
  }

  @Test
  void aWeekendAfterTheLastWorkday_isNotAWrongClock() {
    ActivityClock clock = fleetUntil("2026-05-29T17:00:00Z"); // a Friday
    clock.observe(Events.at("2026-05-31T20:00:00Z", "endpoint.process", "host.id", "d1"), FLEET); // Sunday
    assertThat(clock.end()).isEqualTo(Instant.parse("2026-05-31T20:00:00Z"));
  }

  @Test
  void theWholeFleetMovingOn_movesTheEnd() {
    ActivityClock clock = fleetUntil("2026-05-31T17:00:00Z");
    for (int i = 0; i < 6; i++) { // most laptops and people (12 of 20)
      clock.observe(Events.at("2026-07-01T10:00:00Z", "endpoint.process", "host.id", "d" + i), FLEET);
      clock.observe(Events.at("2026-07-01T10:00:00Z", "idp.signin", "user.email", "p" + i + "@example.com"), FLEET);
    }
    assertThat(clock.end()).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
  }

  @Test
  void namesOffTheRoster_doNotCount_whenThereIsARoster() {
    // a password spray: thousands of one-off user names on one early day cannot pull the end back
    ActivityClock clock = fleetUntil("2026-05-31T17:00:00Z");
    for (int i = 0; i < 5_000; i++) {
      clock.observe(Events.at("2026-05-02T03:00:00Z", "idp.signin", "user.email", "guess" + i + "@example.com"), FLEET);
    }
    clock.observe(Events.at("2026-05-31T22:00:00Z", "idp.signin", "user.email", "p0@example.com"), FLEET);
    assertThat(clock.end()).isEqualTo(Instant.parse("2026-05-31T22:00:00Z"));

    ActivityClock noRoster = new ActivityClock();
    for (int i = 0; i < 5; i++) {
      noRoster.observe(Events.at("2026-05-31T10:00:00Z", "endpoint.process", "host.id", "h" + i), ReferenceData.empty());
    }
    noRoster.observe(Events.at("2030-01-01T00:00:00Z", "endpoint.process", "host.id", "h9"), ReferenceData.empty());
    assertThat(noRoster.end()).isEqualTo(Instant.parse("2026-05-31T10:00:00Z"));
  }
}
