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
  void anIpAddressInBrackets_staysEvidence() {
    String text = "A sign-in of P00339 came from China (182.244.98.198, AS4134 Chinanet).";
    assertThat(R.redact(text)).isEqualTo(text);
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
  void findingsAndVerdicts_keepEverythingButTheText() {
    org.unmask.event.EntityRef who = org.unmask.event.EntityRef.person("P1");
    org.unmask.event.Finding f = new org.unmask.event.Finding("f-1", "r", "t", org.unmask.event.Severity.HIGH, List.of("T1219"),
        java.time.Instant.EPOCH, who, 10, List.of(new org.unmask.event.SourceRef("e.jsonl", 3)), "mail from ana.ruiz@example.com");
    org.unmask.event.Finding g = R.redact(f);
    assertThat(g.summary()).isEqualTo("mail from " + P.email("ana.ruiz@example.com"));
    assertThat(g).usingRecursiveComparison().ignoringFields("summary").isEqualTo(f);
    org.unmask.verdict.PersonVerdict v = new org.unmask.verdict.PersonVerdict("P1", 70, true, null,
        List.of(new org.unmask.verdict.Reason("r", "Ana Ruiz again", 30)));
    assertThat(R.redact(v).reasons().get(0).summary()).isEqualTo(P.name("Ana Ruiz") + " again");
    assertThat(R.redact(v).personId()).isEqualTo("P1");
  }

  @Test
  void hostileLongInput_isHandledInLinearTime() {
    String hostile = "a".repeat(200_000) + "@" + "b.".repeat(50_000);
    assertThat(R.redact(hostile)).isNotNull();
  }
}
