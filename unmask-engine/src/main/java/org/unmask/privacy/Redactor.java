package org.unmask.privacy;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.unmask.event.Finding;
import org.unmask.reference.Applicant;
import org.unmask.reference.Person;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.PersonVerdict;
import org.unmask.verdict.Reason;

/**
 * Pseudonymises free text (finding summaries, report sentences, reasons) before it leaves the
 * engine.
 *
 * <p>Three passes, all linear in the text: every e-mail-shaped token becomes its pseudonym (known
 * or not, because a log line may carry any address); every phone-shaped number with 8 to 15
 * digits becomes its pseudonym; and the known names, payee names, street lines and e-mail local
 * parts ({@code ana.ruiz} as a login) of the people and applicants given are replaced by a
 * longest-match lookup over word n-grams. Words that appear alone (a bare surname) are not
 * replaced: one word is too often an ordinary word, and a wrong replacement would make a summary
 * unreadable. Text is attacker-controlled, so the patterns are RE2/J (no backtracking).
 */
public final class Redactor {

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile("\\+?\\(?[0-9]{1,4}\\)?(?:[ .\\-]?\\(?[0-9]{2,5}\\)?){2,5}");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['._\\-][\\p{L}\\p{N}]+)*");
  private static final int MAX_WORDS = 8;

  private final Pseudonymizer pseudonymizer;
  private final Map<String, String> phrases = new HashMap<>();

  private Redactor(Pseudonymizer pseudonymizer) {
    this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer");
  }

  /** A redactor that knows the given people and applicants by name, street and login. */
  public static Redactor of(Pseudonymizer pseudonymizer, Collection<Person> people, Collection<Applicant> applicants) {
    Redactor r = new Redactor(pseudonymizer);
    for (Person p : people) {
      r.learn(p.fullName(), pseudonymizer.name(p.fullName()), 2);
      r.learn(p.payeeName(), pseudonymizer.name(p.payeeName()), 2);
      r.learnLogin(p.email());
      r.learnLogin(p.personalEmail());
      if (p.home() != null) {
        r.learn(p.home().street(), pseudonymizer.street(p.home().street()), 2);
      }
    }
    for (Applicant a : applicants) {
      r.learn(a.fullName(), pseudonymizer.name(a.fullName()), 2);
      r.learnLogin(a.email());
      r.learn(a.address().street(), pseudonymizer.street(a.address().street()), 2);
    }
    return r;
  }

  /** A redactor that knows no one: it still pseudonymises e-mails and phone numbers. */
  public static Redactor generic(Pseudonymizer pseudonymizer) {
    return new Redactor(pseudonymizer);
  }

  /** The text with every known or recognisable personal identifier replaced by its pseudonym. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = replaceAll(EMAIL, text, pseudonymizer::email);
    out = replaceAll(PHONE, out, m -> {
      int digits = m.replaceAll("[^0-9]", "").length();
      return digits >= 8 && digits <= 15 && phoneShaped(m) ? pseudonymizer.phone(m) : m;
    });
    return phrases.isEmpty() ? out : replacePhrases(out);
  }

  /** The finding with its summary pseudonymised; ids, rule, entity and evidence refs are kept. */
  public Finding redact(Finding f) {
    return f.withSummary(redact(f.summary()));
  }

  /** The verdict with its reasons' summaries pseudonymised. */
  public PersonVerdict redact(PersonVerdict v) {
    return new PersonVerdict(v.personId(), v.riskScore(), v.caseOpened(), v.firstFlaggedAt(), redact(v.reasons()));
  }

  /** The verdict with its reasons' summaries pseudonymised. */
  public ApplicantVerdict redact(ApplicantVerdict v) {
    return new ApplicantVerdict(v.applicantId(), v.riskScore(), v.flagged(), redact(v.reasons()));
  }

  private java.util.List<Reason> redact(java.util.List<Reason> reasons) {
    return reasons.stream().map(r -> new Reason(r.ruleId(), redact(r.summary()), r.points())).toList();
  }

  // A phone is written with a + or ( or with spaced/dashed groups. A bare run of digits is a byte
  // count or an id, and digits with dots are an IP address or a version; those are evidence.
  private static boolean phoneShaped(String m) {
    if (m.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
      return false;
    }
    if (m.replaceAll("[()+]", "").matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return false; // an IPv4 address in brackets, "(182.244.98.198, AS4134 ...)", is evidence
    }
    if (m.indexOf('+') >= 0 || m.indexOf('(') >= 0) {
      return true;
    }
    return m.chars().filter(c -> c == ' ' || c == '-').count() >= 2;
  }

  private void learn(String phrase, String pseudonym, int minWords) {
    if (phrase == null || pseudonym == null) {
      return;
    }
    String key = key(phrase);
    if (!key.isEmpty() && key.split(" ").length >= minWords && key.split(" ").length <= MAX_WORDS) {
      phrases.put(key, pseudonym);
    }
  }

  private void learnLogin(String email) {
    if (email == null) {
      return;
    }
    int at = email.indexOf('@');
    String local = at > 0 ? email.substring(0, at) : email;
    // Only distinctive logins (with a separator, e.g. ana.ruiz); "admin" or "ana" alone are words.
    if (local.length() >= 5 && local.matches(".*[._\\-].*")) {
      phrases.put(local.toLowerCase(Locale.ROOT), pseudonymizer.email(email));
    }
  }

  private String replacePhrases(String text) {
    Matcher m = WORD.matcher(text);
    java.util.List<int[]> spans = new java.util.ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int i = 0; i < spans.size(); i++) {
      for (int n = Math.min(MAX_WORDS, spans.size() - i); n >= 1; n--) {
        String candidate = key(text.substring(spans.get(i)[0], spans.get(i + n - 1)[1]));
        String pseudonym = phrases.get(candidate);
        if (pseudonym != null) {
          out.append(text, copied, spans.get(i)[0]).append(pseudonym);
          copied = spans.get(i + n - 1)[1];
          i += n - 1;
          break;
        }
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static String key(String phrase) {
    Matcher m = WORD.matcher(phrase);
    StringBuilder key = new StringBuilder();
    while (m.find()) {
      if (key.length() > 0) {
        key.append(' ');
      }
      key.append(m.group().toLowerCase(Locale.ROOT));
    }
    return key.toString();
  }

  private static String replaceAll(Pattern pattern, String text, java.util.function.UnaryOperator<String> f) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (m.find()) {
      out.append(text, copied, m.start()).append(f.apply(m.group()));
      copied = m.end();
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }
}
