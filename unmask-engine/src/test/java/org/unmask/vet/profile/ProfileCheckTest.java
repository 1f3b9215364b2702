package org.unmask.vet.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.unmask.reference.Applicant;

class ProfileCheckTest {

  static Applicant profile(LocalDate dob, LocalDate linkedin, Integer connections, LocalDate github, Integer repos,
      Integer followers) {
    return new Applicant("A1", Instant.parse("2026-03-01T00:00:00Z"), "Ann Lee", null, null, null, dob, null,
        "https://linkedin.com/in/x", linkedin, connections, "annlee", github, repos, followers, null, null, null, null);
  }

  @Test
  void check_firesOnASeniorClaim_withWeeksOldEmptyProfiles() {
    Applicant a = profile(null, LocalDate.parse("2026-02-01"), 12, LocalDate.parse("2026-01-15"), 1, 0);
    assertThat(ProfileCheck.check(a, "Senior engineer with 10+ years of experience in Java."))
        .extracting(ProfileCheck.Flag::ruleId)
        .containsExactly("vet.profile.young_linkedin", "vet.profile.thin_linkedin", "vet.profile.young_github",
            "vet.profile.empty_github");
  }

  @Test
  void check_staysQuiet_forANewGraduate() {
    Applicant a = profile(LocalDate.parse("2003-06-01"), LocalDate.parse("2026-02-01"), 12,
        LocalDate.parse("2025-12-15"), 1, 0);
    assertThat(ProfileCheck.check(a, "Computer science graduate, 1 year of internships.")).isEmpty();
    assertThat(ProfileCheck.check(a, null)).isEmpty();
  }

  @Test
  void check_staysQuiet_forASeniorWithAnEstablishedProfile() {
    Applicant a = profile(null, LocalDate.parse("2012-02-01"), 800, LocalDate.parse("2011-01-15"), 40, 90);
    assertThat(ProfileCheck.check(a, "12 years of experience")).isEmpty();
  }

  @Test
  void claim_fallsBackToAge_whenTheResumeStatesNoYears() {
    Applicant a = profile(LocalDate.parse("1980-01-01"), LocalDate.parse("2026-02-01"), 300, null, null, null);
    ProfileCheck.Claim c = ProfileCheck.claim(a, "I build things.");
    assertThat(c.years()).isEqualTo(24);
    assertThat(c.basis()).contains("age");
    assertThat(ProfileCheck.check(a, "I build things.")).extracting(ProfileCheck.Flag::ruleId)
        .containsExactly("vet.profile.young_linkedin");
  }

  @Test
  void yearsIn_readsDurations_notCalendarYears() {
    assertThat(ProfileCheck.yearsIn("8 years at Acme, 2015-2023; 12+ yrs total")).isEqualTo(12);
    assertThat(ProfileCheck.yearsIn("Graduated 2019. Years of fun.")).isEqualTo(-1);
    assertThat(ProfileCheck.yearsIn("300 years")).isEqualTo(-1);
  }

  private static final String RESUME = String.join("\n",
      "MADISON WHITE",
      "SUMMARY",
      "Account executive with 4 years of experience.",
      "EXPERIENCE",
      "Pinecrest Digital - Account Executive (2022 - present)",
      "Tessellate Inc. - Account Executive (2019 \u2013 2022)",
      "Pinecrest Digital - Account Executive (2016 to 2019)",
      "EDUCATION",
      "B.S. Computer Science, Georgia Tech (2011 - 2015)");

  @Test
  void claim_readsTheDatedWorkHistory_whenItSaysMoreThanTheSummary() {
    Applicant a = profile(null, LocalDate.parse("2025-10-19"), 661, null, null, null);
    ProfileCheck.Claim c = ProfileCheck.claim(a, RESUME);
    assertThat(c.years()).isEqualTo(10); // work since 2016, applying in 2026; the degree does not count
    assertThat(c.basis()).contains("since 2016");
    assertThat(ProfileCheck.check(a, RESUME)).extracting(ProfileCheck.Flag::ruleId)
        .containsExactly("vet.profile.padded_linkedin", "vet.profile.young_linkedin");
  }

  @Test
  void workHistory_ignoresEducationPhoneNumbersAndFutureYears() {
    assertThat(WorkHistory.yearsSince("EDUCATION\nState University (2010 - 2014)", 2026)).isEqualTo(-1);
    assertThat(WorkHistory.yearsSince("Phone +1 555 0100, ticket 12015 - 2016", 2026)).isEqualTo(-1);
    assertThat(WorkHistory.yearsSince("Acme (2031 - present)", 2026)).isEqualTo(-1);
    assertThat(WorkHistory.yearsSince("Graduated 2019. Joined Acme in 2020.", 2026)).isEqualTo(-1);
    assertThat(WorkHistory.yearsSince(null, 2026)).isEqualTo(-1);
  }

  @Test
  void paddedLinkedin_needsAYoungAccount_withANetworkThatTakesYears() {
    Applicant grown = profile(LocalDate.parse("2003-06-01"), LocalDate.parse("2019-02-01"), 900, null, null, null);
    Applicant young = profile(LocalDate.parse("2003-06-01"), LocalDate.parse("2025-12-01"), 120, null, null, null);
    Applicant farmed = profile(LocalDate.parse("2003-06-01"), LocalDate.parse("2025-12-01"), 700, null, null, null);
    assertThat(ProfileCheck.check(grown, null)).isEmpty();
    assertThat(ProfileCheck.check(young, null)).isEmpty();
    assertThat(ProfileCheck.check(farmed, null)).extracting(ProfileCheck.Flag::ruleId)
        .containsExactly("vet.profile.padded_linkedin");
  }
}
