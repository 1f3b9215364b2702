package org.unmask.farm;

import java.util.Locale;
import java.util.Objects;
import org.unmask.reference.Person;

/**
 * Who is expected to share a home: people who claim the same home address, or the same surname in
 * the same city. Couples and roommates share Wi-Fi, an egress address and sometimes an account;
 * that is not a laptop farm (THREAT.md section 4).
 */
public final class Households {

  private Households() {}

  public static boolean same(Person a, Person b) {
    if (a == null || b == null) {
      return false;
    }
    String ka = a.home() == null ? null : a.home().key();
    String kb = b.home() == null ? null : b.home().key();
    if (ka != null && ka.equals(kb)) {
      return true;
    }
    String sa = surname(a.fullName());
    String ca = a.home() == null ? null : a.home().cityKey();
    return sa != null && sa.equals(surname(b.fullName()))
        && ca != null && Objects.equals(ca, b.home() == null ? null : b.home().cityKey());
  }

  /** Claims the same city: colleagues who may meet in a co-working space or a café. */
  public static boolean sameCity(Person a, Person b) {
    if (a == null || b == null || a.home() == null || b.home() == null) {
      return false;
    }
    String ca = a.home().cityKey();
    return ca != null && ca.equals(b.home().cityKey());
  }

  static String surname(String fullName) {
    if (fullName == null || fullName.isBlank()) {
      return null;
    }
    String[] parts = fullName.trim().toLowerCase(Locale.ROOT).split("\\s+");
    return parts[parts.length - 1];
  }
}
