package org.unmask.vet;

import java.util.Map;
import org.unmask.event.Severity;

/** Titles of the vetting rules, and the severity their points map to. */
final class VetRules {

  private static final Map<String, String> TITLES = Map.ofEntries(
      Map.entry("vet.reuse.phone", "Phone number reused across identities"),
      Map.entry("vet.reuse.email", "Personal email reused across identities"),
      Map.entry("vet.reuse.national_id", "National id reused across identities"),
      Map.entry("vet.reuse.address", "Home address shared across identities"),
      Map.entry("vet.reuse.bank_account_id", "Salary account shared across identities"),
      Map.entry("vet.reuse.photo", "Photo reused across applications"),
      Map.entry("vet.reuse.github", "GitHub account reused across applications"),
      Map.entry("vet.reuse.linkedin", "LinkedIn profile reused across applications"),
      Map.entry("vet.reuse.resume", "Resume reused across applications"),
      Map.entry("vet.ring.member", "Applicant belongs to an identity ring"),
      Map.entry("vet.profile.young_linkedin", "LinkedIn account too young for the claimed experience"),
      Map.entry("vet.profile.thin_linkedin", "LinkedIn network too small for the claimed experience"),
      Map.entry("vet.profile.young_github", "GitHub account too young for the claimed experience"),
      Map.entry("vet.profile.empty_github", "GitHub empty for the claimed experience"),
      Map.entry("vet.profile.padded_linkedin", "LinkedIn network too large for the account's age"),
      Map.entry("vet.indicator.email", "Email on a watchlist"),
      Map.entry("vet.indicator.email_domain", "Email domain on a watchlist"),
      Map.entry("vet.indicator.email_domain_org", "Email domain named like a listed front company"),
      Map.entry("vet.indicator.phone", "Phone on a watchlist"),
      Map.entry("vet.indicator.bank_account", "Salary account on a watchlist"),
      Map.entry("vet.indicator.referrer_org", "Referrer is a listed front company"),
      Map.entry("vet.indicator.payee_org", "Salary payee is a listed front company"),
      Map.entry("vet.indicator.resume_org", "Resume names a listed front company"),
      Map.entry("vet.indicator.resume_domain", "Resume mentions a listed domain"),
      Map.entry("vet.file.outside_files", "Application file reference leaves files/"),
      Map.entry("vet.file.unreadable", "Application file could not be checked"),
      Map.entry("vet.hired_flagged_applicant", "Employee was hired from a flagged application"),
      Map.entry("vet.hired_padded_profile", "Employee was hired with a padded online profile"));

  private VetRules() {}

  static String title(String ruleId) {
    return TITLES.getOrDefault(ruleId, ruleId);
  }

  static Severity severity(double points) {
    if (points >= 40) {
      return Severity.HIGH;
    }
    if (points >= 20) {
      return Severity.MEDIUM;
    }
    if (points > 0) {
      return Severity.LOW;
    }
    return Severity.INFORMATIONAL;
  }
}
