package org.unmask.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.reference.Address;
import org.unmask.reference.Person;

class RedactorTest {

  static final Pseudonymizer P = Pseudonymizer.withKey("a test key of sixteen+ bytes");
  static final Person ANA = new Person("P1", "Ana Ruiz", "ana.ruiz@example.com", null, "+1 312 555 0100", null, null,
      null, null, null, new Address("12 Oak Street", "Chicago", "IL", "60601", "US"), ZoneId.of("UTC"), null, "Ana M Ruiz");
  static final Redactor R = Redactor.of(P, List.of(ANA), List.of());

  @Test
  void anyEmail_becomesItsPseudonym_knownOrNot() {
    assertThat(R.redact("sign-in by ana.ruiz@example.com and stranger@evil.example"))
        .isEqualTo("sign-in by " + P.email("ana.ruiz@example.com") + " and " + P.email("stranger@evil.example"));
  }

  @Test
  void knownNamesStreetsAndLogins_arePseudonymised() {
    String out = R.redact("Ana Ruiz (ana.ruiz) ships to 12 Oak Street; payee ana m ruiz");
    assertThat(out).doesNotContain("Ana").doesNotContain("Ruiz").doesNotContain("Oak").doesNotContain("ana.ruiz")
        .contains(P.name("Ana Ruiz")).contains(P.street("12 Oak Street")).contains(P.email("ana.ruiz@example.com"));
  }

  @Test
  void phones_arePseudonymised_butIpsByteCountsAndDatesAreEvidenceAndStay() {
    String text = "called +1 (312) 555-0100 from 73.162.10.24 on 2026-05-04, moved 48210239 bytes";
    String out = R.redact(text);
    assertThat(out).doesNotContain("555-0100").contains(P.phone("+13125550100"))
        .contains("73.162.10.24").contains("2026-05-04").contains("48210239");
  }

  @Test
  void redactingTwice_changesNothingMore() {
    String once = R.redact("Ana Ruiz <ana.ruiz@example.com> +1 312 555 0100");
    assertThat(R.redact(once)).isEqualTo(once);
  }

  @Test
  void aBareSurnameOrCommonWord_isLeftAlone() {
    assertThat(R.redact("Ruiz approved the ticket")).isEqualTo("Ruiz approved the ticket");
  }

  @Test
  void hostileLongInput_isHandledInLinearTime() {
    String hostile = "a".repeat(200_000) + "@" + "b.".repeat(50_000);
    assertThat(R.redact(hostile)).isNotNull();
  }
}
