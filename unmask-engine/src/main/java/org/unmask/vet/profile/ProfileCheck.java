package org.unmask.vet.profile;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.unmask.reference.Applicant;

/**
 * Judges an applicant's online profiles against the experience claimed.
 *
 * <p>Claimed experience comes from the resume: the larger of the largest "N years" / "N+ yrs"
 * figure of at most 45 (e.g. "10+ years of experience") and the span of its dated work history
 * ("Acme - Engineer (2016 - 2019)": a history that starts in 2016 claims ten years in 2026,
 * whatever the summary says; ranges under an education heading are studies, not work). When the
 * resume gives neither, experience is estimated from the date of birth as age minus 22 (a career
 * that began after a degree); with none, the applicant is treated as junior. A profile is "padded"
 * when the claim is senior (at least {@link #SENIOR_YEARS} years) and the accounts say otherwise:
 * a young account (under a year old when applying), a thin network (under 50 LinkedIn
 * connections) or an empty GitHub (under 3 public repos and under 3 followers). Whatever the
 * claim, a LinkedIn account under a year old with {@link #PADDED_CONNECTIONS} or more connections
 * has a bought or farmed network: real networks take years to grow. A new graduate (claim under
 * {@link #SENIOR_YEARS} years) is never flagged for a young or small profile.
 */
public final class ProfileCheck {

  static final int SENIOR_YEARS = 5;
  static final int YOUNG_ACCOUNT_DAYS = 365;
  /** LinkedIn shows "500+" from here: a network that size on an account under a year old was not grown. */
  static final int PADDED_CONNECTIONS = 500;

  /** One observation with the points it adds to the applicant's risk. */
  public record Flag(String ruleId, String summary, double points) {}

  private ProfileCheck() {}

  /** Claimed years of experience, and where the figure came from. */
  public record Claim(int years, String basis) {}

  public static Claim claim(Applicant a, String resumeText) {
    LocalDate applied = a.appliedAt() == null ? null : a.appliedAt().atZone(ZoneOffset.UTC).toLocalDate();
    int fromResume = yearsIn(resumeText);
    int fromHistory = applied == null ? -1 : WorkHistory.yearsSince(resumeText, applied.getYear());
    if (fromHistory > fromResume) {
      return new Claim(fromHistory, "resume lists work since " + (applied.getYear() - fromHistory));
    }
    if (fromResume >= 0) {
      return new Claim(fromResume, "resume states " + fromResume + " years");
    }
    if (a.dob() != null && applied != null) {
      long age = ChronoUnit.YEARS.between(a.dob(), applied);
      if (age >= 14 && age <= 100) {
        int years = (int) Math.max(0, age - 22);
        return new Claim(years, "estimated from age " + age + " (age minus 22)");
      }
    }
    return new Claim(0, "no claim stated");
  }

  public static List<Flag> check(Applicant a, String resumeText) {
    List<Flag> flags = new ArrayList<>();
    if (a.appliedAt() == null) {
      return flags;
    }
    LocalDate applied = a.appliedAt().atZone(ZoneOffset.UTC).toLocalDate();
    if (a.linkedinCreated() != null && a.linkedinConnections() != null
        && a.linkedinConnections() >= PADDED_CONNECTIONS) {
      long days = ChronoUnit.DAYS.between(a.linkedinCreated(), applied);
      if (days < YOUNG_ACCOUNT_DAYS) {
        flags.add(new Flag("vet.profile.padded_linkedin", "LinkedIn shows " + a.linkedinConnections()
            + " connections on an account " + Math.max(0, days) + " days old when applying", 15));
      }
    }
    Claim claim = claim(a, resumeText);
    if (claim.years() < SENIOR_YEARS) {
      return flags;
    }
    String why = " while claiming " + claim.years() + " years of experience (" + claim.basis() + ")";
    if (a.linkedinCreated() != null) {
      long days = ChronoUnit.DAYS.between(a.linkedinCreated(), applied);
      if (days < YOUNG_ACCOUNT_DAYS) {
        flags.add(new Flag("vet.profile.young_linkedin",
            "LinkedIn account was " + Math.max(0, days) + " days old when applying" + why, 20));
      }
    }
    if (a.linkedinConnections() != null && a.linkedinConnections() < 50) {
      flags.add(new Flag("vet.profile.thin_linkedin",
          "LinkedIn shows " + a.linkedinConnections() + " connections" + why, 10));
    }
    if (a.githubCreated() != null) {
      long days = ChronoUnit.DAYS.between(a.githubCreated(), applied);
      if (days < YOUNG_ACCOUNT_DAYS) {
        flags.add(new Flag("vet.profile.young_github",
            "GitHub account was " + Math.max(0, days) + " days old when applying" + why, 15));
      }
    }
    if (a.githubLogin() != null && a.githubPublicRepos() != null && a.githubFollowers() != null
        && a.githubPublicRepos() < 3 && a.githubFollowers() < 3) {
      flags.add(new Flag("vet.profile.empty_github", "GitHub has " + a.githubPublicRepos() + " public repos and "
          + a.githubFollowers() + " followers" + why, 5));
    }
    return flags;
  }

  /**
   * The largest "N years"/"N yrs"/"N+ years" figure in the text, or -1. Digits only (no RE2
   * needed): a number, an optional '+', optional blanks, then "year"/"yr".
   */
  static int yearsIn(String text) {
    if (text == null) {
      return -1;
    }
    String s = text.toLowerCase(Locale.ROOT);
    int best = -1;
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i)) || (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)))) {
        continue;
      }
      int j = i;
      while (j < s.length() && j - i < 3 && Character.isDigit(s.charAt(j))) {
        j++;
      }
      if (j < s.length() && Character.isDigit(s.charAt(j))) {
        continue; // four digits or more: a year like 2019, not a duration
      }
      int n = Integer.parseInt(s.substring(i, j));
      int k = j;
      if (k < s.length() && s.charAt(k) == '+') {
        k++;
      }
      while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '-')) {
        k++;
      }
      if ((s.startsWith("year", k) || s.startsWith("yr", k)) && n <= 45) {
        best = Math.max(best, n);
      }
      i = j;
    }
    return best;
  }
}
