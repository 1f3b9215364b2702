package org.unmask.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.Events;
import org.unmask.testing.People;

/** Tying an event to a person on the roster, whichever identity the source writes. */
class SubjectsTest {

  // p1's work e-mail is p1@example.com; their laptop is "d1a2b3" (host name LT-d1a2b3)
  private static final ReferenceData REF = People.of(
      List.of(People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago"),
          People.person("p2", "Bo Li", "Boise", "2 Elm St", "America/Boise")),
      List.of(People.laptop("d1a2b3", "p1", "2026-01-02T00:00:00Z")));

  private static String who(Object... keyValues) {
    Event e = Events.at("2026-05-04T15:00:00Z", "endpoint.process", keyValues);
    return Subjects.personIdOf(e, REF);
  }

  @Test
  void eachIdentityASourceWrites_leadsToItsPerson() {
    assertThat(who("user.email", "P1@Example.COM")).isEqualTo("p1");
    assertThat(who("host.id", "d1a2b3")).isEqualTo("p1");
    assertThat(who("host.name", "lt-d1a2b3.corp.example.com")).isEqualTo("p1");
    assertThat(who("user.name", "p2")).isEqualTo("p2");
    assertThat(who("user.name", "CORP\\p2")).isEqualTo("p2");
  }

  @Test
  void aDeviceIdInAnotherCase_isTheSameDevice() {
    assertThat(who("host.id", "D1A2B3")).isEqualTo("p1");
  }

  @Test
  void aUserNameThatIsAnEmail_mustBeTheWorkEmail_notTheSameLocalPartElsewhere() {
    assertThat(who("user.name", "p2@example.com")).isEqualTo("p2");
    assertThat(who("user.name", "p2@contractor.example.net")).isNull();
    assertThat(who("user.name", "nobody")).isNull();
  }
}
