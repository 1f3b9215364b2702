package org.unmask.reference;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A row of payroll.csv: a change to a person's pay details after hire. */
public record PayrollChange(
    String personId, Instant changedAt, Field field, String oldValue, String newValue) {

  /** The pay-detail fields the contract allows. */
  public enum Field {
    BANK_ACCOUNT_ID,
    PAYEE_NAME,
    MAILING_ADDRESS,
    PHONE,
    PERSONAL_EMAIL;

    /** Parses the contract's snake_case name; null when it is not one of the five. */
    public static Field parse(String name) {
      if (name == null) {
        return null;
      }
      try {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  public PayrollChange {
    requireNonNull(personId, "person_id");
    requireNonNull(changedAt, "changed_at");
    requireNonNull(field, "field");
  }
}
