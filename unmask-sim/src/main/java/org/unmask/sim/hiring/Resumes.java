package org.unmask.sim.hiring;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plain-text resumes. A ring's resumes come from one template: the name and contact lines are swapped
 * and a few lines edited, which is how recycled fabricated resumes look.
 */
public final class Resumes {

  private static final String[] COMPANIES = {"Northwind Systems", "Bluefin Analytics", "Harbor Labs", "Quantive Software",
      "Pinecrest Digital", "Lumen Works", "Redwood Data", "Cobalt Commerce", "Tessellate Inc.", "Brightline Health", "Orbital Retail",
      "Stackforge", "Meridian Payments", "Gridline Energy", "Arcadia Media"};
  private static final String[] SCHOOLS = {"University of Texas at Austin", "Ohio State University", "University of Washington",
      "Georgia Institute of Technology", "Arizona State University", "University of Michigan", "Rutgers University",
      "University of Illinois Urbana-Champaign", "Penn State University", "University of Florida", "Purdue University"};
  private static final String[] SKILLS = {"Java", "Kotlin", "Go", "Python", "TypeScript", "React", "Node.js", "AWS", "Kubernetes",
      "Terraform", "PostgreSQL", "Kafka", "Spark", "Swift", "Docker", "GraphQL", "Rust", "Salesforce", "SQL", "Figma", "C#", ".NET"};
  private static final String[] BULLETS = {
    "Led migration of a monolith to services, cutting deploy time by %d%%.",
    "Built a real-time event pipeline processing %d million events per day.",
    "Reduced cloud spend by %d%% through rightsizing and reserved capacity.",
    "Mentored %d junior engineers and ran the team's code-review guild.",
    "Shipped a customer-facing dashboard used by %d enterprise accounts.",
    "Improved API p99 latency by %d%% by redesigning the caching layer.",
    "Owned on-call for %d services with a 99.95%% availability target.",
    "Designed the payments reconciliation job handling %d thousand transactions a day.",
    "Automated release process across %d repositories with GitHub Actions."};

  // Real resumes rarely share a sentence: bullets are composed from an action, an object and a
  // result, so two unrelated resumes overlap about as little as two people's real ones do.
  private static final String[] VERBS = {"Led", "Built", "Designed", "Rewrote", "Owned", "Scaled", "Launched", "Automated",
      "Migrated", "Hardened", "Instrumented", "Refactored", "Prototyped", "Maintained", "Introduced", "Drove"};
  private static final String[] OBJECTS = {"the billing service", "an internal feature-flag platform", "the mobile checkout flow",
      "our search indexing pipeline", "a partner integration API", "the data warehouse ingestion layer", "the CI build farm",
      "a fraud-scoring model service", "the notification system", "customer onboarding workflows", "an A/B testing framework",
      "the identity and SSO stack", "inventory forecasting jobs", "the analytics event schema", "a GraphQL gateway",
      "the support ticket router", "an ML feature store", "the observability stack", "a document rendering service",
      "regional failover for the core API", "the pricing engine", "warehouse robotics telemetry", "the admin console"};
  private static final String[] RESULTS = {"cutting costs by %d%%", "for %d internal teams", "serving %d thousand users a day",
      "with %d%% fewer incidents", "in %d weeks", "reducing latency by %d%%", "across %d regions", "raising conversion by %d%%",
      "with zero downtime over %d releases", "replacing %d legacy scripts", "saving %d engineer-hours a month"};
  private static final String[] CONTEXTS = {"", " using Kafka and Flink", " on AWS", " in Go", " with a team of four", " on GCP",
      " in Python", " with Postgres and Redis", " under SOC 2 constraints", " for the EU launch", " in Kotlin", " with Terraform"};

  private static String bullet(SplittableRandom r) {
    if (r.nextInt(4) == 0) {
      return String.format(BULLETS[r.nextInt(BULLETS.length)], 5 + r.nextInt(60));
    }
    return VERBS[r.nextInt(VERBS.length)] + " " + OBJECTS[r.nextInt(OBJECTS.length)] + CONTEXTS[r.nextInt(CONTEXTS.length)]
        + ", " + String.format(RESULTS[r.nextInt(RESULTS.length)], 2 + r.nextInt(90)) + ".";
  }

  /** A resume body as lines, without the header (name and contacts). */
  public static List<String> body(String title, SplittableRandom r) {
    return body(title, Integer.MAX_VALUE, r);
  }

  /**
   * A resume body whose career is at most {@code maxYears} long: a new graduate's resume claims a
   * year or two and lists only the jobs since graduating, as real ones do. The random draws are the
   * same whatever the cap, so capping one resume leaves the rest of a world as it was.
   */
  public static List<String> body(String title, int maxYears, SplittableRandom r) {
    List<String> lines = new ArrayList<>();
    lines.add("SUMMARY");
    int claimed = Math.max(1, Math.min(3 + r.nextInt(12), maxYears));
    lines.add(title + " with " + claimed + (claimed == 1 ? " year" : " years")
        + " of experience building reliable software for growing companies.");
    lines.add("");
    lines.add("EXPERIENCE");
    int year = 2025;
    int graduated = year - 1;
    for (int j = 0; j < 3; j++) {
      int len = 1 + r.nextInt(4);
      boolean shown = j == 0 || 2026 - (year - len) <= maxYears;
      if (j == 0) {
        len = Math.min(len, Math.max(1, maxYears));
      }
      if (shown) {
        lines.add(COMPANIES[r.nextInt(COMPANIES.length)] + " - " + title + " (" + (year - len) + " - "
            + (j == 0 ? "present" : String.valueOf(year)) + ")");
      } else {
        r.nextInt(COMPANIES.length);
      }
      for (int b = 0; b < 2 + r.nextInt(2); b++) {
        String bullet = bullet(r);
        if (shown) {
          lines.add("  * " + bullet);
        }
      }
      if (shown) {
        graduated = year - len - 1;
      }
      year -= len;
    }
    lines.add("");
    lines.add("EDUCATION");
    lines.add("B.S. Computer Science, " + SCHOOLS[r.nextInt(SCHOOLS.length)] + " (" + graduated + ")");
    lines.add("");
    lines.add("SKILLS");
    StringBuilder skills = new StringBuilder();
    for (int s = 0; s < 6; s++) {
      skills.append(s == 0 ? "" : ", ").append(SKILLS[r.nextInt(SKILLS.length)]);
    }
    lines.add(skills.toString());
    return lines;
  }

  /** A ring copy: the same body with one or two lines edited. */
  public static List<String> edited(List<String> body, SplittableRandom r) {
    List<String> copy = new ArrayList<>(body);
    int edits = 1 + r.nextInt(2);
    for (int i = 0; i < edits; i++) {
      int at = r.nextInt(copy.size());
      if (copy.get(at).startsWith("  * ")) {
        copy.set(at, "  * " + bullet(r));
      }
    }
    copy.set(1, copy.get(1).replaceFirst("\\d+ years", (4 + r.nextInt(9)) + " years"));
    return copy;
  }

  public static String render(String name, String email, String phone, String city, List<String> body) {
    StringBuilder sb = new StringBuilder();
    sb.append(name.toUpperCase(java.util.Locale.ROOT)).append('\n');
    sb.append(email).append(" | ").append(phone).append(" | ").append(city).append('\n').append('\n');
    for (String line : body) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  private Resumes() {}
}
