package org.unmask.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.unmask.reference.Address;
import org.unmask.reference.Device;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;

/** Roster fixtures. */
public final class People {

  private People() {}

  public static Person person(String id, String name, String city, String street, String zone) {
    return new Person(id, name, id + "@example.com", null, null, LocalDate.parse("2026-01-05"), null,
        "Engineer", "Engineering", null, new Address(street, city, "TX", "75001", "US"),
        ZoneId.of(zone), "acct-" + id, name);
  }

  public static Device laptop(String deviceId, String personId, String shippedAt) {
    return new Device(deviceId, "LT-" + deviceId, "SN" + deviceId, personId, "Latitude 7440", Address.UNKNOWN,
        shippedAt == null ? null : Instant.parse(shippedAt));
  }

  public static ReferenceData of(List<Person> people, List<Device> devices) {
    return new ReferenceData(people, devices, List.of(), List.of(), List.of());
  }
}
