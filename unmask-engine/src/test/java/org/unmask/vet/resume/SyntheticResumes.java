package org.unmask.vet.resume;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated resumes for tests: every seed writes a different engineer from one shared stock of
 * titles, skills, verbs and phrases, as real resumes share boilerplate. {@link #copy} makes the
 * reuse a fraudster makes: a new name, email and phone on top and a few lines rewritten.
 */
public final class SyntheticResumes {

  private static final String[] FIRST = {"James", "Maria", "Wei", "Olu", "Anna", "Ravi", "Sofia", "Daniel", "Mina",
      "Lucas", "Grace", "Omar", "Elena", "Kenji", "Noah", "Ava", "Ivan", "Leila", "Sam", "Chloe"};
  private static final String[] LAST = {"Smith", "Garcia", "Chen", "Okafor", "Novak", "Patel", "Rossi", "Kim", "Park",
      "Silva", "Brown", "Haddad", "Petrov", "Tanaka", "Miller", "Lopez", "Nguyen", "Cohen", "Ali", "Martin"};
  private static final String[] TITLES = {"Senior Software Engineer", "Backend Developer", "Full Stack Engineer",
      "Data Engineer", "DevOps Engineer", "Frontend Developer", "Site Reliability Engineer", "Mobile Developer",
      "Machine Learning Engineer", "Platform Engineer"};
  private static final String[] SKILLS = {"Java", "Kotlin", "Python", "Go", "Rust", "TypeScript", "React", "Angular",
      "Vue", "Node.js", "Spring Boot", "Django", "Flask", "PostgreSQL", "MySQL", "MongoDB", "Redis", "Kafka",
      "RabbitMQ", "AWS", "GCP", "Azure", "Docker", "Kubernetes", "Terraform", "Ansible", "GraphQL", "gRPC",
      "Elasticsearch", "Spark", "Airflow", "Snowflake", "Swift", "Flutter", "TensorFlow", "PyTorch", "Jenkins",
      "GitHub Actions", "Prometheus", "Grafana"};
  private static final String[] VERBS = {"Designed", "Built", "Led", "Implemented", "Migrated", "Optimised",
      "Automated", "Maintained", "Refactored", "Scaled", "Delivered", "Introduced", "Owned", "Mentored"};
  private static final String[] OBJECTS = {"a payment processing service", "the customer onboarding flow",
      "an internal developer platform", "real-time analytics pipelines", "the order management system",
      "a recommendation engine", "the CI/CD pipeline", "multi-region infrastructure", "a design system",
      "the mobile checkout experience", "an event-driven architecture", "observability tooling",
      "a data warehouse", "the authentication service", "search relevance", "a feature flag platform",
      "billing and invoicing", "the public REST API", "fraud detection models", "the logistics tracking portal"};
  private static final String[] RESULTS = {"reducing latency by", "cutting costs by", "improving throughput by",
      "raising conversion by", "lowering error rates by", "shrinking build times by", "increasing test coverage to",
      "serving traffic growth of"};
  private static final String[] COMPANIES = {"Northwind", "Globex", "Initech", "Umbrella Health", "Stark Logistics",
      "Wayne Fintech", "Acme Retail", "Hooli", "Vandelay Imports", "Soylent Foods", "Cyberdyne", "Tyrell Data",
      "Wonka Labs", "Oscorp", "Aperture Cloud", "Massive Dynamic", "Pied Piper", "Prestige Worldwide", "Dunder Paper",
      "Monarch Media"};
  private static final String[] SCHOOLS = {"State University", "Institute of Technology", "Polytechnic University",
      "City College", "National University"};

  private SyntheticResumes() {}

  public static String name(long seed) {
    Random r = new Random(seed * 31 + 7);
    return FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
  }

  public static String resume(long seed, String name) {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    header(lines, name, r);
    int years = 3 + r.nextInt(15);
    lines.add(TITLES[r.nextInt(TITLES.length)] + " with " + years + " years of experience in "
        + SKILLS[r.nextInt(SKILLS.length)] + " and " + SKILLS[r.nextInt(SKILLS.length)] + ".");
    lines.add("");
    lines.add("EXPERIENCE");
    for (int job = 0; job < 3; job++) {
      int start = 2008 + r.nextInt(14);
      lines.add(TITLES[r.nextInt(TITLES.length)] + ", " + COMPANIES[r.nextInt(COMPANIES.length)] + " (" + start
          + " - " + (start + 1 + r.nextInt(4)) + ")");
      for (int b = 0, n = 3 + r.nextInt(3); b < n; b++) {
        lines.add(bullet(r));
      }
    }
    lines.add("");
    lines.add("SKILLS");
    StringBuilder skills = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      skills.append(i == 0 ? "" : ", ").append(SKILLS[r.nextInt(SKILLS.length)]);
    }
    lines.add(skills.toString());
    lines.add("");
    lines.add("EDUCATION");
    lines.add("B.Sc. Computer Science, " + LAST[r.nextInt(LAST.length)] + " " + SCHOOLS[r.nextInt(SCHOOLS.length)]);
    return String.join("\n", lines) + "\n";
  }

  /** The resume under another name, with {@code edits} bullet lines rewritten. */
  public static String copy(String resume, String oldName, String newName, int edits, Random r) {
    List<String> lines = new ArrayList<>(List.of(resume.replace(oldName, newName).split("\n", -1)));
    List<String> fresh = new ArrayList<>();
    header(fresh, newName, r);
    for (int i = 0; i < 3; i++) {
      lines.set(i, fresh.get(i));
    }
    List<Integer> bullets = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("- ")) {
        bullets.add(i);
      }
    }
    for (int e = 0; e < edits && !bullets.isEmpty(); e++) {
      lines.set(bullets.remove(r.nextInt(bullets.size())), bullet(r));
    }
    return String.join("\n", lines);
  }

  private static void header(List<String> lines, String name, Random r) {
    lines.add(name);
    lines.add(name.toLowerCase().replace(' ', '.') + r.nextInt(100) + "@gmail.com | (" + (200 + r.nextInt(700)) + ") "
        + (200 + r.nextInt(700)) + "-" + (1000 + r.nextInt(9000)));
    lines.add("github.com/" + name.toLowerCase().replace(' ', '-') + r.nextInt(100));
  }

  private static String bullet(Random r) {
    return "- " + VERBS[r.nextInt(VERBS.length)] + " " + OBJECTS[r.nextInt(OBJECTS.length)] + " using "
        + SKILLS[r.nextInt(SKILLS.length)] + " and " + SKILLS[r.nextInt(SKILLS.length)] + ", "
        + RESULTS[r.nextInt(RESULTS.length)] + " " + (5 + r.nextInt(80)) + "%.";
  }
}
