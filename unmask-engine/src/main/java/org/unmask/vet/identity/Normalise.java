package org.unmask.vet.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Canonical forms of the identifiers people reuse. Each method returns null for a value it cannot
 * make sense of: an unknown value links nothing, which is the safe failure.
 */
public final class Normalise {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /** Providers whose mailboxes ignore dots in the local part (and also honour plus-tags). */
  private static final Set<String> IGNORE_DOTS = Set.of("gmail.com");

  /** Providers that deliver {@code user+tag@} to {@code user@}. */
  private static final Set<String> PLUS_TAGS = Set.of(
      "gmail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com",
      "mac.com", "proton.me", "protonmail.com", "pm.me", "fastmail.com", "zoho.com");

  /** Domains that are aliases of one mailbox namespace. */
  private static final Map<String, String> DOMAIN_ALIASES = Map.of(
      "googlemail.com", "gmail.com",
      "protonmail.ch", "protonmail.com");

  private Normalise() {}

  /**
   * E.164 form of a phone number, parsed with libphonenumber; numbers without a country code are
   * read as US numbers. Null when it is not a possible number. (libphonenumber cannot tell VoIP
   * from mobile for US numbers, so nothing here claims to.)
   */
  public static String phone(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 64) {
      return null;
    }
    try {
      PhoneNumber n = PHONES.parse(raw, "US");
      if (!PHONES.isPossibleNumber(n)) {
        return null;
      }
      return PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      return null;
    }
  }

  /**
   * The mailbox an address delivers to: lower case, provider aliases folded
   * (googlemail→gmail), dots dropped where the provider ignores them, plus-tags dropped where the
   * provider honours them. Null when it is not an address.
   */
  public static String email(String raw) {
    if (raw == null || raw.length() > 320) {
      return null;
    }
    String s = raw.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("mailto:")) {
      s = s.substring(7);
    }
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1) {
      return null;
    }
    String local = s.substring(0, at);
    String domain = emailDomain(s);
    if (PLUS_TAGS.contains(domain)) {
      int plus = local.indexOf('+');
      if (plus > 0) {
        local = local.substring(0, plus);
      }
    }
    if (IGNORE_DOTS.contains(domain)) {
      local = local.replace(".", "");
    }
    return local.isEmpty() ? null : local + "@" + domain;
  }

  /** The domain of an email address, lower case, aliases folded; null when there is none. */
  public static String emailDomain(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.trim().toLowerCase(Locale.ROOT);
    int at = s.lastIndexOf('@');
    if (at < 0 || at == s.length() - 1) {
      return null;
    }
    String domain = s.substring(at + 1);
    while (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    return DOMAIN_ALIASES.getOrDefault(domain, domain);
  }

  /** A national-id hash compared as given, case and surrounding blanks ignored. */
  public static String nationalIdHash(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return raw.trim().toLowerCase(Locale.ROOT);
  }

  /** A GitHub login compared case-insensitively (GitHub logins are case-insensitive). */
  public static String githubLogin(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 100) {
      return null;
    }
    String s = raw.trim().toLowerCase(Locale.ROOT);
    int slash = s.lastIndexOf('/');
    s = slash >= 0 ? s.substring(slash + 1) : s;
    if (s.startsWith("@")) {
      s = s.substring(1);
    }
    return s.isEmpty() ? null : s;
  }

  /**
   * A LinkedIn profile as its {@code /in/<slug>} path, lower case, without scheme, host variant
   * (www., country subdomains), query or trailing slash; null when it is not a profile URL.
   */
  public static String linkedinProfile(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 300) {
      return null;
    }
    String s = raw.trim().toLowerCase(Locale.ROOT);
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q);
    }
    int in = s.indexOf("/in/");
    if (in < 0) {
      return null;
    }
    String slug = s.substring(in + 4);
    int slash = slug.indexOf('/');
    if (slash >= 0) {
      slug = slug.substring(0, slash);
    }
    return slug.isEmpty() ? null : "in/" + slug;
  }

  /** The last word of a full name, lower case, for the "same household" test. */
  public static String surname(String fullName) {
    if (fullName == null || fullName.isBlank()) {
      return null;
    }
    String[] words = fullName.trim().toLowerCase(Locale.ROOT).split("\\s+");
    String last = words[words.length - 1];
    // "Jr", "III" are not surnames.
    if (words.length > 1 && Set.of("jr", "jr.", "sr", "sr.", "ii", "iii", "iv").contains(last)) {
      last = words[words.length - 2];
    }
    return last.replace(",", "");
  }
}
