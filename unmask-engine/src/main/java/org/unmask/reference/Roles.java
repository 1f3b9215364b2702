package org.unmask.reference;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Roles whose normal work looks like tradecraft. IT administrators and help-desk staff run
 * remote-support tools every day (THREAT.md section 4, "legit VPN/RMM"), so remote-access software
 * on their laptops weighs far less than on a developer's.
 */
public final class Roles {

  private static final Set<String> IT_DEPARTMENTS = Set.of(
      "it", "information technology", "it operations", "it support", "help desk", "helpdesk", "service desk",
      "desktop support", "end user computing", "workplace technology", "corporate it");
  private static final Pattern IT_TITLE = Pattern.compile(
      "(?i)\\b(systems? administrator|sysadmin|it support|it specialist|it technician|it administrator|it manager"
          + "|help ?desk|desktop support|service desk|endpoint engineer|it engineer)\\b");

  private Roles() {}

  /** True for people whose job is administering and supporting other people's computers. */
  public static boolean administersComputers(Person person) {
    if (person == null) {
      return false;
    }
    String dept = person.department() == null ? "" : person.department().trim().toLowerCase(Locale.ROOT);
    return IT_DEPARTMENTS.contains(dept) || (person.title() != null && IT_TITLE.matcher(person.title()).find());
  }
}
