package org.unmask.vet.indicators;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.unmask.reference.Applicant;
import org.unmask.reference.PayrollChange;
import org.unmask.reference.Person;
import org.unmask.reference.WatchlistEntry;
import org.unmask.vet.Words;
import org.unmask.vet.identity.Normalise;

/**
 * The indicators vetting matches against, and the matching. Sources: the dataset's watchlists
 * (types email, phone, domain, organization, bank_account_id; rows labelled {@code allow:} are
 * not indicators and also cancel an equal indicator) and the bundled
 * {@code dprk-it-worker-indicators.csv} (organisations with their aliases, and persona emails;
 * see docs/THIRD-PARTY.md). Points: a watchlisted email, phone or bank account 60, a listed
 * organisation as referrer or payee 50, as an employer in the resume 40, an email domain 40 (listed
 * as a domain, or named like a listed organisation: {@code hopanatech.com}).
 */
public final class Indicators {

  static final String BUNDLED = "dprk-it-worker-indicators.csv";

  /** One match, in words, with its points and ATT&CK techniques. */
  public record Hit(String ruleId, String summary, double points, List<String> attack) {}

  private record Org(String folded, List<String> core, String display, String source) {}

  private final Map<String, String> emails = new LinkedHashMap<>();
  private final Map<String, String> phones = new LinkedHashMap<>();
  private final Map<String, String> domains = new LinkedHashMap<>();
  private final Map<String, String> banks = new LinkedHashMap<>();
  private final List<Org> orgs = new ArrayList<>();

  private Indicators() {}

  /** The dataset's watchlists plus the bundled DPRK list. */
  public static Indicators load(List<WatchlistEntry> watchlist) {
    Indicators ind = new Indicators();
    Set<String> allowed = new HashSet<>();
    for (WatchlistEntry e : watchlist) {
      if (e.isAllow()) {
        allowed.add(e.type() + ":" + e.value().trim().toLowerCase(Locale.ROOT));
      }
    }
    for (WatchlistEntry e : watchlist) {
      if (e.isAllow() || allowed.contains(e.type() + ":" + e.value().trim().toLowerCase(Locale.ROOT))) {
        continue;
      }
      String src = "watchlist" + (e.label().isEmpty() ? "" : " '" + e.label() + "'")
          + (e.source().isEmpty() ? "" : " (" + e.source() + ")");
      ind.add(e.type(), e.value(), src);
    }
    ind.loadBundled();
    return ind;
  }

  private void add(WatchlistEntry.Type type, String value, String source) {
    switch (type) {
      case EMAIL -> putIfValue(emails, Normalise.email(value), source);
      case PHONE -> putIfValue(phones, Normalise.phone(value), source);
      case DOMAIN -> putIfValue(domains, domain(value), source);
      case BANK_ACCOUNT_ID -> putIfValue(banks, value.isBlank() ? null : value.trim(), source);
      case ORGANIZATION -> {
        String folded = OrgName.fold(value);
        if (!folded.isEmpty()) {
          orgs.add(new Org(folded, OrgName.core(value), value.trim(), source));
        }
      }
      default -> { }
    }
  }

  private void loadBundled() {
    try (InputStream in = Indicators.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED + " is missing from the engine jar; rebuild unmask-engine");
      }
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
      try (CSVParser parser = CSVParser.parse(reader, format)) {
        for (CSVRecord r : parser) {
          String type = r.get("indicator_type");
          String value = r.get("value");
          String src = "DPRK IT-worker indicators: " + r.get("context");
          if (type.equals("organization")) {
            add(WatchlistEntry.Type.ORGANIZATION, value, src);
            for (String alias : r.get("aliases").split(";")) {
              if (!alias.isBlank()) {
                add(WatchlistEntry.Type.ORGANIZATION, alias, src + " (alias of " + value + ")");
              }
            }
          } else if (type.equals("email")) {
            add(WatchlistEntry.Type.EMAIL, value, src);
          } else if (type.equals("domain")) {
            add(WatchlistEntry.Type.DOMAIN, value, src);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled " + BUNDLED, e);
    }
  }

  /** Indicators met by an application (its email, phone, referrer and resume text). */
  public List<Hit> applicant(Applicant a, String resumeText) {
    List<Hit> hits = new ArrayList<>();
    emailHits(a.email(), "applicant email", hits);
    phoneHit(a.phone(), "applicant phone", hits);
    if (a.referrer() != null && !a.referrer().isBlank()) {
      orgExact(a.referrer(), "referrer", "vet.indicator.referrer_org", 50, hits);
      emailHits(a.referrer(), "referrer", hits);
    }
    if (resumeText != null) {
      List<String> words = Words.of(resumeText);
      String lower = resumeText.toLowerCase(Locale.ROOT);
      for (Org o : orgs) {
        boolean cjk = !o.folded().chars().allMatch(c -> c < 128);
        if (cjk ? lower.contains(o.display().toLowerCase(Locale.ROOT)) : OrgName.mentionedIn(o.core(), words)) {
          hits.add(new Hit("vet.indicator.resume_org",
              "resume names '" + o.display() + "', listed by " + o.source(), 40, List.of("T1656")));
        }
      }
      for (Map.Entry<String, String> d : domains.entrySet()) {
        if (containsDomain(lower, d.getKey())) {
          hits.add(new Hit("vet.indicator.resume_domain",
              "resume mentions domain " + d.getKey() + ", listed by " + d.getValue(), 30, List.of("T1583.001")));
        }
      }
    }
    return dedupe(hits);
  }

  /** Indicators met by an employee's record and pay-detail changes. */
  public List<Hit> person(Person p, List<PayrollChange> changes) {
    List<Hit> hits = new ArrayList<>();
    emailHits(p.personalEmail(), "personal email", hits);
    phoneHit(p.phone(), "phone", hits);
    bankHit(p.bankAccountId(), "salary account", hits);
    if (p.payeeName() != null) {
      orgExact(p.payeeName(), "salary payee", "vet.indicator.payee_org", 50, hits);
    }
    for (PayrollChange c : changes) {
      String where = "payroll change of " + c.field().name().toLowerCase(Locale.ROOT) + " on " + c.changedAt();
      switch (c.field()) {
        case PERSONAL_EMAIL -> emailHits(c.newValue(), where, hits);
        case PHONE -> phoneHit(c.newValue(), where, hits);
        case BANK_ACCOUNT_ID -> bankHit(c.newValue(), where, hits);
        case PAYEE_NAME -> {
          if (c.newValue() != null) {
            orgExact(c.newValue(), where, "vet.indicator.payee_org", 50, hits);
          }
        }
        default -> { }
      }
    }
    return dedupe(hits);
  }

  private void emailHits(String raw, String where, List<Hit> hits) {
    String email = Normalise.email(raw);
    if (email == null) {
      return;
    }
    String src = emails.get(email);
    if (src != null) {
      hits.add(new Hit("vet.indicator.email", where + " is listed by " + src, 60, List.of("T1585.002")));
    }
    String domain = Normalise.emailDomain(email);
    String label = registrableLabel(domain);
    for (Org o : orgs) {
      String compact = o.folded().replace(" ", "");
      if (compact.length() >= 6 && compact.equals(label)) {
        hits.add(new Hit("vet.indicator.email_domain_org", where + " is at " + domain + ", named like '" + o.display()
            + "', listed by " + o.source(), 40, List.of("T1585.002")));
      }
    }
    for (Map.Entry<String, String> d : domains.entrySet()) {
      if (domain.equals(d.getKey()) || domain.endsWith("." + d.getKey())) {
        hits.add(new Hit("vet.indicator.email_domain",
            where + " is at " + domain + ", listed by " + d.getValue(), 40, List.of("T1585.002")));
      }
    }
  }

  private void phoneHit(String raw, String where, List<Hit> hits) {
    String phone = Normalise.phone(raw);
    if (phone != null && phones.containsKey(phone)) {
      hits.add(new Hit("vet.indicator.phone", where + " is listed by " + phones.get(phone), 60, List.of("T1656")));
    }
  }

  private void bankHit(String raw, String where, List<Hit> hits) {
    if (raw != null && banks.containsKey(raw.trim())) {
      hits.add(new Hit("vet.indicator.bank_account", where + " is listed by " + banks.get(raw.trim()), 60,
          List.of()));
    }
  }

  private void orgExact(String name, String where, String ruleId, double points, List<Hit> hits) {
    String folded = OrgName.fold(name);
    for (Org o : orgs) {
      if (OrgName.near(folded, o.folded())) {
        hits.add(new Hit(ruleId, where + " '" + name.trim() + "' matches '" + o.display() + "', listed by "
            + o.source(), points, List.of("T1656")));
      }
    }
  }

  private static boolean containsDomain(String text, String domain) {
    int from = 0;
    while (true) {
      int i = text.indexOf(domain, from);
      if (i < 0) {
        return false;
      }
      int end = i + domain.length();
      boolean startOk = i == 0 || !(Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '-');
      boolean endOk = end == text.length() || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '-');
      if (startOk && endOk) {
        return true;
      }
      from = i + 1;
    }
  }

  /**
   * The label an organisation registers: "hopanatech" for mail.hopanatech.com and for
   * hopanatech.co.uk (a two-letter country code after a short second level is skipped).
   */
  static String registrableLabel(String domain) {
    String[] labels = domain.split("\\.");
    if (labels.length < 2) {
      return domain;
    }
    int i = labels.length - 2;
    if (labels.length >= 3 && labels[labels.length - 1].length() == 2 && labels[i].length() <= 3) {
      i--;
    }
    return labels[i].replace("-", "");
  }

  private static String domain(String value) {
    String d = value.trim().toLowerCase(Locale.ROOT);
    if (d.startsWith("*.")) {
      d = d.substring(2);
    }
    while (d.startsWith(".")) {
      d = d.substring(1);
    }
    while (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    return d.isEmpty() || !d.contains(".") ? null : d;
  }

  private static void putIfValue(Map<String, String> map, String key, String source) {
    if (key != null) {
      map.putIfAbsent(key, source);
    }
  }

  /** One hit per rule and summary: an organisation listed under two aliases counts once. */
  private static List<Hit> dedupe(List<Hit> hits) {
    Map<String, Hit> byRule = new LinkedHashMap<>();
    for (Hit h : hits) {
      byRule.putIfAbsent(h.ruleId() + "\u0000" + h.summary(), h);
    }
    Map<String, Hit> bestPerRule = new LinkedHashMap<>();
    for (Hit h : byRule.values()) {
      bestPerRule.merge(h.ruleId(), h, (x, y) -> x.points() >= y.points() ? x : y);
    }
    return List.copyOf(bestPerRule.values());
  }
}
