package org.unmask.vet.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unmask.event.EntityRef;
import org.unmask.reference.Applicant;
import org.unmask.reference.PayrollChange;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.verdict.IdentityLink;
import org.unmask.verdict.SharedAttribute;

/**
 * Finds identifiers shared between applicants and employees and turns each sharing pair into an
 * explained {@link IdentityLink}.
 *
 * <p>Weights (0..1) say how strongly a shared value suggests one operator behind two identities:
 * national id 0.95, bank account 0.9, personal email, GitHub login and LinkedIn profile 0.85,
 * phone 0.8, home address 0.6. An address
 * is discounted to 0.15 when it looks like a household (all sharers have one surname, or exactly
 * two employees live there) and to 0.2 when only the building matches and the units differ (an
 * apartment block or a co-working space). Three or more unrelated identities at one home raise
 * it to 0.7. A phone or email shared within such a household drops to 0.3 (a family line). Sameness is by identity: an applicant and the person it was hired as are one
 * identity and are never linked to each other.
 */
public final class IdentityLinker {

  static final double NATIONAL_ID = 0.95;
  static final double BANK = 0.9;
  static final double EMAIL = 0.85;
  static final double PHONE = 0.8;
  static final double PROFILE = 0.85;
  static final double ADDRESS = 0.6;
  static final double CROWDED_ADDRESS = 0.7;
  static final double HOUSEHOLD = 0.15;
  static final double SAME_BUILDING = 0.2;
  static final double HOUSEHOLD_IDENTIFIER = 0.3;

  /** Past this many identities one value is a placeholder ("000-000-0000"), not a reuse. */
  static final int MAX_GROUP = 50;

  private final IdentityHasher hasher;

  public IdentityLinker(IdentityHasher hasher) {
    this.hasher = hasher;
  }

  /** Someone who claimed a value, and where. */
  private record Holder(EntityRef entity, String identity, String surname, boolean employee, String where) {}

  /** A claimed home. */
  private record Home(Holder holder, PostalKey key) {}

  /** All identifier links of the dataset, in a stable order. */
  public List<IdentityLink> link(ReferenceData ref) {
    Map<String, List<Holder>> byValue = new LinkedHashMap<>();
    Map<String, List<Home>> byBuilding = new LinkedHashMap<>();
    for (Applicant a : ref.applicants()) {
      EntityRef e = EntityRef.applicant(a.applicantId());
      String identity = a.hiredPersonId() == null ? "applicant:" + a.applicantId() : "person:" + a.hiredPersonId();
      Holder h = new Holder(e, identity, Normalise.surname(a.fullName()), a.hiredPersonId() != null, "application");
      add(byValue, "phone", Normalise.phone(a.phone()), h);
      add(byValue, "email", Normalise.email(a.email()), h);
      add(byValue, "national_id", Normalise.nationalIdHash(a.nationalIdHash()), h);
      add(byValue, "github", Normalise.githubLogin(a.githubLogin()), h);
      add(byValue, "linkedin", Normalise.linkedinProfile(a.linkedinUrl()), h);
      addAddress(byBuilding, PostalKey.of(a.address()), h);
    }
    Map<String, Person> people = new LinkedHashMap<>();
    for (Person p : ref.people()) {
      people.putIfAbsent(p.personId(), p);
      Holder h = new Holder(EntityRef.person(p.personId()), "person:" + p.personId(), Normalise.surname(p.fullName()),
          true, "people.csv");
      add(byValue, "phone", Normalise.phone(p.phone()), h);
      add(byValue, "email", Normalise.email(p.personalEmail()), h);
      add(byValue, "bank_account_id", blankToNull(p.bankAccountId()), h);
      addAddress(byBuilding, PostalKey.of(p.home()), h);
    }
    for (PayrollChange c : ref.payroll()) {
      Person p = people.get(c.personId());
      Holder h = new Holder(EntityRef.person(c.personId()), "person:" + c.personId(),
          p == null ? null : Normalise.surname(p.fullName()), true, "payroll change " + c.field().name().toLowerCase(java.util.Locale.ROOT));
      switch (c.field()) {
        case PHONE -> add(byValue, "phone", Normalise.phone(c.newValue()), h);
        case PERSONAL_EMAIL -> add(byValue, "email", Normalise.email(c.newValue()), h);
        case BANK_ACCOUNT_ID -> add(byValue, "bank_account_id", blankToNull(c.newValue()), h);
        case MAILING_ADDRESS -> addAddress(byBuilding, PostalKey.ofLine(c.newValue()), h);
        default -> { }
      }
    }

    List<IdentityLink> links = new ArrayList<>();
    for (Map.Entry<String, List<Holder>> group : byValue.entrySet()) {
      String type = group.getKey().substring(0, group.getKey().indexOf('\u0000'));
      String value = group.getKey().substring(group.getKey().indexOf('\u0000') + 1);
      double weight = switch (type) {
        case "national_id" -> NATIONAL_ID;
        case "github", "linkedin" -> PROFILE;
        case "bank_account_id" -> BANK;
        case "email" -> EMAIL;
        default -> PHONE;
      };
      SharedAttribute attr = new SharedAttribute(type, hasher.hash(type, value));
      pairs(group.getValue(), (x, y) -> links.add(new IdentityLink(x.entity(), y.entity(), attr, weight,
          describe(x) + " and " + describe(y) + " give the same " + label(type))));
    }
    for (List<Home> building : byBuilding.values()) {
      addressLinks(building, links);
    }
    discountHouseholds(links);
    links.sort(Comparator.comparing((IdentityLink l) -> l.attribute().type())
        .thenComparing(l -> l.a().id()).thenComparing(l -> l.b().id()));
    return links;
  }

  /**
   * A family shares a landline or an old email account: a phone or email shared by two entities
   * that are also a household (same home, same surname or two employees) is discounted to
   * {@link #HOUSEHOLD_IDENTIFIER}. National ids and bank accounts are never discounted.
   */
  private static void discountHouseholds(List<IdentityLink> links) {
    Set<String> households = new HashSet<>();
    for (IdentityLink l : links) {
      if (l.attribute().type().equals("address") && l.weight() == HOUSEHOLD) {
        households.add(pairKey(l));
      }
    }
    if (households.isEmpty()) {
      return;
    }
    for (int i = 0; i < links.size(); i++) {
      IdentityLink l = links.get(i);
      String type = l.attribute().type();
      if ((type.equals("phone") || type.equals("email")) && households.contains(pairKey(l))) {
        links.set(i, new IdentityLink(l.a(), l.b(), l.attribute(), HOUSEHOLD_IDENTIFIER,
            l.explanation() + "; they also share a home as a likely household, so this is discounted"));
      }
    }
  }

  private static String pairKey(IdentityLink l) {
    String a = l.a().type() + ":" + l.a().id();
    String b = l.b().type() + ":" + l.b().id();
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  private void addressLinks(List<Home> building, List<IdentityLink> out) {
    // Group the building's holders by home (building + unit).
    Map<String, List<Holder>> homes = new LinkedHashMap<>();
    for (Home h : building) {
      homes.computeIfAbsent(h.key().home(), k -> new ArrayList<>()).add(h.holder());
    }
    for (Map.Entry<String, List<Holder>> home : homes.entrySet()) {
      List<Holder> hs = home.getValue();
      Set<String> identities = new HashSet<>();
      Set<String> surnames = new HashSet<>();
      boolean allEmployees = true;
      for (Holder h : hs) {
        if (identities.add(h.identity())) {
          surnames.add(h.surname() == null ? "?" + h.identity() : h.surname());
          allEmployees &= h.employee();
        }
      }
      double weight;
      String why;
      if (identities.size() < 2) {
        continue;
      } else if (surnames.size() == 1) {
        weight = HOUSEHOLD;
        why = "likely one household (same surname)";
      } else if (identities.size() == 2 && allEmployees) {
        weight = HOUSEHOLD;
        why = "likely one household (two employees living together)";
      } else if (identities.size() >= 3) {
        weight = CROWDED_ADDRESS;
        why = identities.size() + " unrelated identities claim this home";
      } else {
        weight = ADDRESS;
        why = "unrelated names at one home";
      }
      SharedAttribute attr = new SharedAttribute("address", hasher.hash("address", home.getKey()));
      final double w = weight;
      final String reason = why;
      pairs(hs, (x, y) -> out.add(new IdentityLink(x.entity(), y.entity(), attr, w,
          describe(x) + " and " + describe(y) + " claim the same home address: " + reason)));
    }
    // Different units in one building: weak, an apartment block or a co-working space.
    if (homes.size() > 1 && homes.size() <= MAX_GROUP) {
      List<String> homeKeys = new ArrayList<>(homes.keySet());
      String buildingKey = building.get(0).key().building();
      SharedAttribute attr = new SharedAttribute("address", hasher.hash("address", buildingKey));
      for (int i = 0; i < homeKeys.size(); i++) {
        for (int j = i + 1; j < homeKeys.size(); j++) {
          Holder x = homes.get(homeKeys.get(i)).get(0);
          Holder y = homes.get(homeKeys.get(j)).get(0);
          if (!x.identity().equals(y.identity())) {
            out.add(new IdentityLink(x.entity(), y.entity(), attr, SAME_BUILDING, describe(x) + " and " + describe(y)
                + " give different units of one building: an apartment block or a co-working space, weak on its own"));
          }
        }
      }
    }
  }

  private interface PairSink {
    void accept(Holder x, Holder y);
  }

  /** Every pair of holders of different identities, once per entity pair. */
  private static void pairs(List<Holder> holders, PairSink sink) {
    List<Holder> distinct = new ArrayList<>();
    Set<EntityRef> seen = new HashSet<>();
    Set<String> identities = new HashSet<>();
    for (Holder h : holders) {
      if (seen.add(h.entity())) {
        distinct.add(h);
        identities.add(h.identity());
      }
    }
    if (identities.size() < 2 || identities.size() > MAX_GROUP) {
      return;
    }
    distinct.sort(Comparator.comparing((Holder h) -> h.entity().type()).thenComparing(h -> h.entity().id()));
    for (int i = 0; i < distinct.size(); i++) {
      for (int j = i + 1; j < distinct.size(); j++) {
        if (!distinct.get(i).identity().equals(distinct.get(j).identity())) {
          sink.accept(distinct.get(i), distinct.get(j));
        }
      }
    }
  }

  private static void add(Map<String, List<Holder>> index, String type, String value, Holder h) {
    if (value != null) {
      index.computeIfAbsent(type + '\u0000' + value, k -> new ArrayList<>()).add(h);
    }
  }

  private static void addAddress(Map<String, List<Home>> byBuilding, PostalKey key, Holder h) {
    if (key != null) {
      byBuilding.computeIfAbsent(key.building(), k -> new ArrayList<>()).add(new Home(h, key));
    }
  }

  private static String describe(Holder h) {
    String who = h.entity().type().label() + " " + h.entity().id();
    return h.where().equals("application") || h.where().equals("people.csv") ? who : who + " (" + h.where() + ")";
  }

  private static String label(String type) {
    return switch (type) {
      case "national_id" -> "national id";
      case "bank_account_id" -> "salary bank account";
      case "email" -> "personal email (after provider folding)";
      case "github" -> "GitHub account";
      case "linkedin" -> "LinkedIn profile";
      default -> "phone number";
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
