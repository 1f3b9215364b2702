package org.unmask.farm;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.unmask.detect.RuleSpec;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.reference.PayrollChange;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.reference.WatchlistEntry;
import org.unmask.verdict.IdentityLink;
import org.unmask.verdict.LinkObservation;
import org.unmask.verdict.SharedAttribute;

/**
 * Where the salaries go (THREAT.md S16-S18): salary accounts shared by people who are not a
 * household, payees that are organisations rather than the employee, bank changes soon after hire,
 * payees and accounts on a watchlist; and the money and mail links of the farm graph (shared
 * account, payee, mailing address, phone, personal email). Works on reference data only, so it
 * runs once per scan (or on each reference update in a streaming job).
 */
public final class MoneyTrail {

  static final RuleSpec SHARED_ACCOUNT = new RuleSpec(
      "unmask.pay.shared_account", "Salary paid into an account shared with another employee",
      Severity.HIGH, List.of("T1657"), "payroll", 30);
  static final RuleSpec ORGANISATION_PAYEE = new RuleSpec(
      "unmask.pay.organisation_payee", "Salary paid to a company rather than the employee",
      Severity.MEDIUM, List.of("T1657"), "payroll", 14);
  static final RuleSpec EARLY_BANK_CHANGE = new RuleSpec(
      "unmask.pay.early_bank_change", "Salary account changed soon after hire",
      Severity.LOW, List.of("T1657"), "payroll", 7);
  static final RuleSpec WATCHLISTED = new RuleSpec(
      "unmask.pay.watchlisted", "Salary account or payee on a watchlist",
      Severity.CRITICAL, List.of("T1657"), "payroll", 60);

  static final Duration EARLY = Duration.ofDays(60);
  private static final Pattern ORGANISATION = Pattern.compile(
      "(?i)\\b(llc|l\\.l\\.c|inc|incorporated|corp|corporation|ltd|limited|co|company|gmbh|plc|lp|llp"
          + "|technolog(y|ies)|tech|solutions|services|consulting|group|holdings|trading|network|labs?|systems|partners)\\b\\.?");

  public static List<RuleSpec> rules() {
    return List.of(SHARED_ACCOUNT, ORGANISATION_PAYEE, EARLY_BANK_CHANGE, WATCHLISTED);
  }

  /** The payroll findings and money links of one dataset. */
  public record Result(List<Finding> findings, List<LinkObservation> links) {}

  private MoneyTrail() {}

  public static Result analyse(ReferenceData ref) {
    return analyse(ref, org.unmask.vet.identity.IdentityHasher.plain());
  }

  /** @param hasher the pseudonyms of shared phones, e-mails and addresses as farms show them */
  public static Result analyse(ReferenceData ref, org.unmask.vet.identity.IdentityHasher hasher) {
    List<Finding> findings = new ArrayList<>();
    List<LinkObservation> links = new ArrayList<>();
    // every value each person has held, with since when: people.csv at hire, payroll changes after
    Map<String, Map<String, List<Holding>>> holders = new TreeMap<>();
    Map<String, Integer> payrollLine = new HashMap<>();
    int line = 1;
    for (PayrollChange c : ref.payroll()) {
      line++;
      payrollLine.put(c.personId() + "|" + c.changedAt() + "|" + c.field(), line);
    }
    for (Person p : ref.people()) {
      Instant hired = startOf(p.hireDate());
      add(holders, "bank_account_id", p.bankAccountId(), p.personId(), hired, peopleRef(ref, p));
      if (isThirdPartyPayee(p, p.payeeName())) {
        add(holders, "payee", norm(p.payeeName()), p.personId(), hired, peopleRef(ref, p));
      }
      add(holders, "phone", digits(p.phone()), p.personId(), hired, peopleRef(ref, p));
      add(holders, "email", lower(p.personalEmail()), p.personId(), hired, peopleRef(ref, p));
      // a claimed home is an address too: another employee's laptop or mail sent there is a link
      add(holders, "address", p.home() == null ? null : p.home().key(), p.personId(), hired, peopleRef(ref, p));
      if (p.payeeName() != null && isOrganisation(p.payeeName()) && !ownCompany(p, p.payeeName())) {
        findings.add(ORGANISATION_PAYEE.finding(EntityRef.person(p.personId()), hired, List.of(peopleRef(ref, p)),
            "payee:" + norm(p.payeeName()),
            p.personId() + "'s salary is paid to an organisation (" + p.payeeName() + "), not to the employee.",
            ORGANISATION_PAYEE.risk()));
      }
    }
    int deviceRow = 1;
    for (org.unmask.reference.Device d : ref.devices()) {
      deviceRow++;
      Person owner = ref.person(d.personId()).orElse(null);
      String ship = d.shipTo().key();
      if (owner == null || ship == null || (owner.home() != null && ship.equals(owner.home().key()))) {
        continue; // shipped home: the normal case
      }
      add(holders, "address", ship, owner.personId(), d.shippedAt() == null ? startOf(owner.hireDate()) : d.shippedAt(),
          new SourceRef("devices.csv", deviceRow));
    }
    int row = 1;
    for (PayrollChange c : ref.payroll()) {
      row++;
      SourceRef where = new SourceRef("payroll.csv", row);
      Person p = ref.person(c.personId()).orElse(null);
      switch (c.field()) {
        case BANK_ACCOUNT_ID -> {
          add(holders, "bank_account_id", c.newValue(), c.personId(), c.changedAt(), where);
          if (p != null && p.hireDate() != null && c.newValue() != null
              && Duration.between(startOf(p.hireDate()), c.changedAt()).compareTo(EARLY) <= 0) {
            findings.add(EARLY_BANK_CHANGE.finding(EntityRef.person(c.personId()), c.changedAt(), List.of(where),
                where.toString(), c.personId() + " changed their salary account "
                    + Duration.between(startOf(p.hireDate()), c.changedAt()).toDays() + " days after hire.",
                EARLY_BANK_CHANGE.risk()));
          }
        }
        case PAYEE_NAME -> {
          if (p != null && isThirdPartyPayee(p, c.newValue())) {
            add(holders, "payee", norm(c.newValue()), c.personId(), c.changedAt(), where);
          }
          if (p != null && c.newValue() != null && isOrganisation(c.newValue()) && !ownCompany(p, c.newValue())) {
            findings.add(ORGANISATION_PAYEE.finding(EntityRef.person(c.personId()), c.changedAt(), List.of(where),
                "payee:" + norm(c.newValue()), c.personId() + "'s salary payee was changed to an organisation ("
                    + c.newValue() + ").", ORGANISATION_PAYEE.risk()));
          }
        }
        case MAILING_ADDRESS -> add(holders, "address", normAddress(c.newValue()), c.personId(), c.changedAt(), where);
        case PHONE -> add(holders, "phone", digits(c.newValue()), c.personId(), c.changedAt(), where);
        case PERSONAL_EMAIL -> add(holders, "email", lower(c.newValue()), c.personId(), c.changedAt(), where);
      }
    }
    watchlisted(ref, holders, findings);
    shared(ref, holders, findings, links, hasher);
    return new Result(findings, links);
  }

  private record Holding(String personId, Instant since, SourceRef where) {}

  private static void add(Map<String, Map<String, List<Holding>>> holders, String type, String value,
      String personId, Instant since, SourceRef where) {
    if (value == null || value.isBlank()) {
      return;
    }
    holders.computeIfAbsent(type, k -> new TreeMap<>()).computeIfAbsent(value, k -> new ArrayList<>())
        .add(new Holding(personId, since, where));
  }

  private static void shared(ReferenceData ref, Map<String, Map<String, List<Holding>>> holders,
      List<Finding> findings, List<LinkObservation> links, org.unmask.vet.identity.IdentityHasher hasher) {
    for (var byType : holders.entrySet()) {
      String type = byType.getKey();
      for (var byValue : byType.getValue().entrySet()) {
        List<Holding> hs = byValue.getValue();
        for (int i = 0; i < hs.size(); i++) {
          for (int j = i + 1; j < hs.size(); j++) {
            Holding a = hs.get(i);
            Holding b = hs.get(j);
            if (a.personId().equals(b.personId())) {
              continue;
            }
            Person pa = ref.person(a.personId()).orElse(null);
            Person pb = ref.person(b.personId()).orElse(null);
            if (Households.same(pa, pb)) {
              continue;
            }
            Instant when = a.since().isAfter(b.since()) ? a.since() : b.since();
            String shownValue = type.equals("bank_account_id") || type.equals("payee") ? byValue.getKey()
                : hasher.hash(type, byValue.getKey());
            String label = switch (type) {
              case "bank_account_id" -> "salary account";
              case "payee" -> "payee";
              case "address" -> "shipping or mailing address";
              case "phone" -> "phone number";
              default -> "personal email";
            };
            double weight = switch (type) {
              case "bank_account_id" -> 0.9;
              case "payee" -> 0.7;
              case "address" -> 0.5; // offices and relatives receive laptops too: needs corroboration
              default -> 0.6;
            };
            String attrType = type.equals("payee") ? "payee" : type;
            links.add(new LinkObservation(new IdentityLink(EntityRef.person(a.personId()), EntityRef.person(b.personId()),
                new SharedAttribute(attrType, shownValue), weight,
                a.personId() + " and " + b.personId() + " share a " + label + " but not a home."),
                when, List.of(a.where(), b.where())));
            if (type.equals("bank_account_id")) {
              for (Holding h : List.of(a, b)) {
                String other = h == a ? b.personId() : a.personId();
                findings.add(SHARED_ACCOUNT.finding(EntityRef.person(h.personId()), when, List.of(a.where(), b.where()),
                    "account:" + byValue.getKey() + "|" + other,
                    h.personId() + "'s salary goes to account " + byValue.getKey() + ", which also receives "
                        + other + "'s salary; they do not share a home.", SHARED_ACCOUNT.risk()));
              }
            }
          }
        }
      }
    }
  }

  private static void watchlisted(ReferenceData ref, Map<String, Map<String, List<Holding>>> holders, List<Finding> findings) {
    for (WatchlistEntry w : ref.watchlist()) {
      if (w.isAllow()) {
        continue;
      }
      String type = switch (w.type()) {
        case BANK_ACCOUNT_ID -> "bank_account_id";
        case ORGANIZATION -> "payee";
        case PHONE -> "phone";
        case EMAIL -> "email";
        default -> null;
      };
      if (type == null) {
        continue;
      }
      String value = switch (type) {
        case "payee" -> norm(w.value());
        case "phone" -> digits(w.value());
        case "email" -> lower(w.value());
        default -> w.value();
      };
      for (Holding h : holders.getOrDefault(type, Map.of()).getOrDefault(value, List.of())) {
        findings.add(WATCHLISTED.finding(EntityRef.person(h.personId()), h.since(), List.of(h.where()),
            "watch:" + type + "|" + value,
            h.personId() + "'s " + type.replace('_', ' ') + " matches watchlist entry '" + w.label()
                + "'" + (w.source().isEmpty() ? "" : " (" + w.source() + ")") + ".", WATCHLISTED.risk()));
      }
    }
  }

  /**
   * A payee other than the employee: two employees both paid to "James Thomas" are usually two
   * people called James Thomas, but two paid to one third party share a collector.
   */
  static boolean isThirdPartyPayee(Person p, String payee) {
    String n = norm(payee);
    return n != null && (isOrganisation(payee) || !n.equals(norm(p.fullName())));
  }

  static boolean isOrganisation(String payee) {
    return ORGANISATION.matcher(payee).find();
  }

  /** A contractor paid through their own company: the company carries their surname. */
  static boolean ownCompany(Person p, String payee) {
    String surname = Households.surname(p.fullName());
    return surname != null && surname.length() >= 3 && payee.toLowerCase(Locale.ROOT).contains(surname);
  }

  static String norm(String s) {
    if (s == null) {
      return null;
    }
    String n = s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", " ").replaceAll("\\s+", " ").trim();
    return n.isEmpty() ? null : n;
  }

  /**
   * A free-text postal address ("12 Oak St, Dallas, TX 75001, US") as the same key
   * {@link org.unmask.reference.Address#key()} gives the CSV columns, so a mailing address in
   * payroll.csv meets a home in people.csv.
   */
  static String normAddress(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String[] parts = s.split(",");
    String street = parts[0].trim();
    String city = parts.length > 1 ? parts[1].trim() : null;
    String region = null;
    String postal = null;
    if (parts.length > 2) {
      String[] rp = parts[2].trim().split("\\s+");
      region = rp[0];
      postal = rp.length > 1 ? rp[rp.length - 1] : null;
    }
    String country = parts.length > 3 ? parts[3].trim() : null;
    return new org.unmask.reference.Address(street, city, region, postal, country).key();
  }

  static String digits(String s) {
    if (s == null) {
      return null;
    }
    String d = s.replaceAll("\\D", "");
    if (d.length() == 11 && d.startsWith("1")) {
      d = d.substring(1);
    }
    return d.length() < 7 ? null : d;
  }

  static String lower(String s) {
    return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
  }

  static Instant startOf(LocalDate date) {
    return date == null ? Instant.EPOCH : date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static SourceRef peopleRef(ReferenceData ref, Person p) {
    return new SourceRef("people.csv", ref.people().indexOf(p) + 2L);
  }
}
