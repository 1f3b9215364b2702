package org.unmask.detect;

import org.unmask.event.Event;
import org.unmask.reference.Device;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;

/** Who an event is about: the person behind its user email, its device's owner, or its user name. */
public final class Subjects {

  private Subjects() {}

  /** The person this event belongs to, or null when it cannot be tied to anyone on the roster. */
  public static Person personOf(Event event, ReferenceData reference) {
    String email = event.text("user.email");
    if (email != null) {
      Person p = reference.personByEmail(email).orElse(null);
      if (p != null) {
        return p;
      }
    }
    String host = event.text("host.id");
    Device d = host == null ? null : reference.device(host).orElse(null);
    if (d == null) {
      d = reference.deviceByHostname(event.text("host.name")).orElse(null);
    }
    if (d != null && d.personId() != null) {
      Person p = reference.person(d.personId()).orElse(null);
      if (p != null) {
        return p;
      }
    }
    return reference.personByUserName(event.text("user.name")).orElse(null);
  }

  /** The person id this event belongs to, or null. */
  public static String personIdOf(Event event, ReferenceData reference) {
    Person p = personOf(event, reference);
    return p == null ? null : p.personId();
  }
}
