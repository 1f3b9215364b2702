package org.unmask.vet.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.reference.Applicant;
import org.unmask.reference.PayrollChange;
import org.unmask.reference.Person;
import org.unmask.reference.WatchlistEntry;

class IndicatorsTest {

  static Applicant applicant(String email, String phone, String referrer) {
    return new Applicant("A1", Instant.parse("2026-03-01T00:00:00Z"), "Ann Lee", email, phone, null, null, null, null,
        null, null, null, null, null, null, null, null, referrer, null);
  }

  private final Indicators bundledOnly = Indicators.load(List.of());

  @Test
  void applicant_firesOnAReferrerThatIsAFrontCompany_writtenDifferently() {
    assertThat(bundledOnly.applicant(applicant(null, null, "HOPANA TECH, L.L.C."), null))
        .extracting(Indicators.Hit::ruleId).containsExactly("vet.indicator.referrer_org");
    assertThat(bundledOnly.applicant(applicant(null, null, "Yanbian Silverstar Network Technology"), null))
        .extracting(Indicators.Hit::ruleId).containsExactly("vet.indicator.referrer_org");
  }

  @Test
  void applicant_firesOnAResumeNamingAFrontCompany() {
    String resume = "2019-2023 Senior developer at Shenyang Geumpungri Network Technology Co. Ltd, Shenyang";
    assertThat(bundledOnly.applicant(applicant(null, null, null), resume))
        .extracting(Indicators.Hit::ruleId).containsExactly("vet.indicator.resume_org");
  }

  @Test
  void applicant_staysQuiet_onOrdinaryWordsThatAreAlsoOneWordCompanyNames() {
    String resume = "Fortuna favours the bold. Worked at an independent lab? No: at Globex Corporation.";
    assertThat(bundledOnly.applicant(applicant("ann@example.org", "415-555-2671", "Jane Doe"), resume)).isEmpty();
  }

  @Test
  void applicant_firesOnTheBundledPersonaEmail_withAPlusTag() {
    assertThat(bundledOnly.applicant(applicant("GlausLi1990+jobs@outlook.com", null, null), null))
        .extracting(Indicators.Hit::ruleId).containsExactly("vet.indicator.email");
  }

  @Test
  void watchlist_domainAndPhone_fire_butAllowRowsDoNot() {
    Indicators ind = Indicators.load(List.of(
        new WatchlistEntry(WatchlistEntry.Type.DOMAIN, "bad-staffing.example", "front", "tip"),
        new WatchlistEntry(WatchlistEntry.Type.PHONE, "+1 (415) 555-0100", "facilitator", "case 7"),
        new WatchlistEntry(WatchlistEntry.Type.DOMAIN, "partner.example", "allow:our staffing partner", "it")));
    assertThat(ind.applicant(applicant("x@mail.bad-staffing.example", "415 555 0100", null), null))
        .extracting(Indicators.Hit::ruleId).containsExactlyInAnyOrder("vet.indicator.email_domain",
            "vet.indicator.phone");
    assertThat(ind.applicant(applicant("x@partner.example", null, null), "see partner.example")).isEmpty();
  }

  @Test
  void person_firesOnAPayeeChange_toAFrontCompany() {
    Person p = new Person("P1", "Ann Lee", "ann@corp", null, null, null, null, null, null, null, null, null, "b1",
        "Ann Lee");
    List<PayrollChange> changes = List.of(new PayrollChange("P1", Instant.parse("2026-04-01T00:00:00Z"),
        PayrollChange.Field.PAYEE_NAME, "Ann Lee", "Tony WKJ, LLC"));
    assertThat(bundledOnly.person(p, changes)).extracting(Indicators.Hit::ruleId)
        .containsExactly("vet.indicator.payee_org");
    assertThat(bundledOnly.person(p, List.of())).isEmpty();
  }

  @Test
  void orgName_foldsLegalForms_andToleratesATypo() {
    assertThat(OrgName.fold("Korea Sobaeksu Trading Company")).isEqualTo("korea sobaeksu trading");
    assertThat(OrgName.near(OrgName.fold("Asatryan Limited Liability Company"), OrgName.fold("Asatryan LLC"))).isTrue();
    assertThat(OrgName.near("chonsurim trading", "chonsurm trading")).isTrue();
    assertThat(OrgName.near("alis", "alps")).isFalse();
  }

  @Test
  void applicant_firesOnAnEmailDomain_namedLikeAFrontCompany() {
    assertThat(bundledOnly.applicant(applicant("hr@mail.hopana-tech.com", null, null), null))
        .extracting(Indicators.Hit::ruleId).containsExactly("vet.indicator.email_domain_org");
    assertThat(bundledOnly.applicant(applicant("ceo@taggcar.co.uk", null, null), null))
        .extracting(Indicators.Hit::ruleId).containsExactly("vet.indicator.email_domain_org");
    assertThat(bundledOnly.applicant(applicant("me@fortunate.com", null, null), null)).isEmpty();
  }
}
