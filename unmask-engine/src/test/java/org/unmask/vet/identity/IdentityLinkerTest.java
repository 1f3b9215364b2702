package org.unmask.vet.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.EntityRef;
import org.unmask.reference.Address;
import org.unmask.reference.Applicant;
import org.unmask.reference.PayrollChange;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.verdict.IdentityLink;

class IdentityLinkerTest {

  static Applicant applicant(String id, String name, String email, String phone, Address home, String nid,
      String hired) {
    return new Applicant(id, Instant.parse("2026-03-01T00:00:00Z"), name, email, phone, home, null, nid, null, null,
        null, null, null, null, null, null, null, null, hired);
  }

  static Person person(String id, String name, String personalEmail, String phone, Address home, String bank) {
    return new Person(id, name, id + "@corp.example", personalEmail, phone, null, null, null, null, null, home, null,
        bank, name);
  }

  static ReferenceData ref(List<Person> people, List<Applicant> applicants, List<PayrollChange> payroll) {
    return new ReferenceData(people, List.of(), applicants, payroll, List.of());
  }

  private final IdentityLinker linker = new IdentityLinker(IdentityHasher.plain());

  @Test
  void link_firesOnAPhoneReused_inAnotherFormat_andHidesTheNumber() {
    List<IdentityLink> links = linker.link(ref(List.of(), List.of(
        applicant("A1", "Ann Lee", "ann@x.org", "(415) 555-2671", null, null, null),
        applicant("A2", "Bo Kim", "bo@y.org", "+1 415 555 2671", null, null, null)), List.of()));
    assertThat(links).singleElement().satisfies(l -> {
      assertThat(l.attribute().type()).isEqualTo("phone");
      assertThat(l.attribute().value()).startsWith("sha256:").doesNotContain("555");
      assertThat(l.weight()).isEqualTo(IdentityLinker.PHONE);
      assertThat(l.explanation()).contains("A1").contains("A2").doesNotContain("555");
    });
  }

  @Test
  void link_firesOnGmailAliases_andNationalId() {
    List<IdentityLink> links = linker.link(ref(List.of(), List.of(
        applicant("A1", "Ann Lee", "ann.lee@gmail.com", null, null, "abc123", null),
        applicant("A2", "Bo Kim", "annlee+work@googlemail.com", null, null, "ABC123", null)), List.of()));
    assertThat(links).extracting(l -> l.attribute().type()).containsExactly("email", "national_id");
  }

  @Test
  void link_staysQuiet_forDistinctIdentifiers() {
    assertThat(linker.link(ref(List.of(), List.of(
        applicant("A1", "Ann Lee", "ann@x.org", "415-555-2671", null, "n1", null),
        applicant("A2", "Bo Kim", "bo@x.org", "415-555-2672", null, "n2", null)), List.of()))).isEmpty();
  }

  @Test
  void link_neverTiesAnApplicant_toThePersonItWasHiredAs() {
    List<IdentityLink> links = linker.link(ref(
        List.of(person("P1", "Ann Lee", "ann@x.org", "415-555-2671", null, "b1")),
        List.of(applicant("A1", "Ann Lee", "ann@x.org", "415-555-2671", null, null, "P1")), List.of()));
    assertThat(links).isEmpty();
  }

  @Test
  void link_discountsAHousehold_withOneSurname() {
    Address home = new Address("12 Oak St", "Springfield", "IL", "62704", "US");
    List<IdentityLink> links = linker.link(ref(List.of(person("P1", "Ann Lee", null, null, home, null)),
        List.of(applicant("A1", "Bo Lee", "bo@x.org", null, home, null, null)), List.of()));
    assertThat(links).singleElement().satisfies(l -> {
      assertThat(l.weight()).isEqualTo(IdentityLinker.HOUSEHOLD);
      assertThat(l.explanation()).contains("household");
    });
  }

  @Test
  void link_discountsTwoEmployees_livingTogether() {
    Address home = new Address("12 Oak St", "Springfield", "IL", "62704", "US");
    List<IdentityLink> links = linker.link(ref(List.of(person("P1", "Ann Lee", null, null, home, null),
        person("P2", "Bo Kim", null, null, home, null)), List.of(), List.of()));
    assertThat(links).singleElement().extracting(IdentityLink::weight).isEqualTo(IdentityLinker.HOUSEHOLD);
  }

  @Test
  void link_weighsThreeUnrelatedNames_atOneHome_strongly() {
    Address home = new Address("12 Oak St", "Springfield", "IL", "62704", "US");
    List<IdentityLink> links = linker.link(ref(List.of(), List.of(
        applicant("A1", "Ann Lee", null, null, home, null, null),
        applicant("A2", "Bo Kim", null, null, home, null, null),
        applicant("A3", "Cy Diaz", null, null, home, null, null)), List.of()));
    assertThat(links).hasSize(3).allSatisfy(l -> assertThat(l.weight()).isEqualTo(IdentityLinker.CROWDED_ADDRESS));
  }

  @Test
  void link_weighsDifferentUnitsOfOneBuilding_weakly() {
    List<IdentityLink> links = linker.link(ref(List.of(), List.of(
        applicant("A1", "Ann Lee", null, null, new Address("500 Market St Ste 200", "Austin", "TX", "78701", "US"),
            null, null),
        applicant("A2", "Bo Kim", null, null, new Address("500 Market St Ste 310", "Austin", "TX", "78701", "US"),
            null, null)), List.of()));
    assertThat(links).singleElement().extracting(IdentityLink::weight).isEqualTo(IdentityLinker.SAME_BUILDING);
  }

  @Test
  void link_firesOnABankAccount_setInPayroll_matchingAnotherEmployee() {
    List<IdentityLink> links = linker.link(ref(
        List.of(person("P1", "Ann Lee", null, null, null, "acct-9"), person("P2", "Bo Kim", null, null, null, "acct-2")),
        List.of(), List.of(new PayrollChange("P2", Instant.parse("2026-04-01T00:00:00Z"),
            PayrollChange.Field.BANK_ACCOUNT_ID, "acct-2", "acct-9"))));
    assertThat(links).singleElement().satisfies(l -> {
      assertThat(l.attribute().type()).isEqualTo("bank_account_id");
      assertThat(List.of(l.a(), l.b())).containsExactly(EntityRef.person("P1"), EntityRef.person("P2"));
      assertThat(l.explanation()).contains("payroll change");
    });
  }

  @Test
  void link_discountsAPhoneShared_withinAHousehold() {
    Address home = new Address("12 Oak St", "Springfield", "IL", "62704", "US");
    List<IdentityLink> links = linker.link(ref(List.of(person("P1", "Ann Lee", null, "415-555-2671", home, null)),
        List.of(applicant("A1", "Bo Lee", null, "(415) 555-2671", home, null, null)), List.of()));
    assertThat(links).extracting(l -> l.attribute().type() + "=" + l.weight())
        .containsExactly("address=" + IdentityLinker.HOUSEHOLD, "phone=" + IdentityLinker.HOUSEHOLD_IDENTIFIER);
  }

  @Test
  void link_firesOnOneGitHubAccount_claimedByTwoApplicants() {
    Applicant a = new Applicant("A1", Instant.parse("2026-03-01T00:00:00Z"), "Ann Lee", null, null, null, null, null,
        null, null, null, "DevStar", null, null, null, null, null, null, null);
    Applicant b = new Applicant("A2", Instant.parse("2026-03-02T00:00:00Z"), "Bo Kim", null, null, null, null, null,
        null, null, null, "devstar", null, null, null, null, null, null, null);
    assertThat(linker.link(ref(List.of(), List.of(a, b), List.of()))).singleElement().satisfies(l -> {
      assertThat(l.attribute().type()).isEqualTo("github");
      assertThat(l.weight()).isEqualTo(IdentityLinker.PROFILE);
    });
  }
}
