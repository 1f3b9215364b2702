package org.unmask.reference;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A row of people.csv: who works here and what they claimed at hiring. Every field but
 * {@code personId} may be null (an empty cell means unknown).
 */
public record Person(
    String personId,
    String fullName,
    String email,
    String personalEmail,
    String phone,
    LocalDate hireDate,
    LocalDate endDate,
    String title,
    String department,
    String managerId,
    Address home,
    ZoneId timezone,
    String bankAccountId,
    String payeeName) {

  public Person {
    requireNonNull(personId, "person_id");
  }
}
