package org.unmask.privacy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.unmask.reference.Address;
import org.unmask.reference.Applicant;
import org.unmask.reference.Person;

/**
 * Stable, keyed pseudonyms for personal data.
 *
 * <p>A pseudonym is {@code HMAC-SHA256(key, kind || 0 || normalised value)}, truncated to 40 bits
 * and written as ten hex digits: {@code name:7f3a9c01d2}, {@code user-7f3a9c01d2@pseudo},
 * {@code phone:…}, {@code address:…}. Forty bits keep collisions unlikely (about one in 10^5 for
 * ten thousand people) while the token stays short enough to read aloud. The value is normalised
 * first (case, spacing, phone punctuation) so that the same identity written two ways gets one
 * pseudonym. Without the key the pseudonyms cannot be reversed or recomputed from a guessed name,
 * which is why the key is secret and stays on the installation.
 *
 * <p>Thread-safe: a {@link Mac} is created per call from the immutable key.
 */
public final class Pseudonymizer {

  /** Environment variable that overrides the key file location. */
  public static final String KEY_FILE_ENV = "UNMASK_KEY_FILE";

  private static final HexFormat HEX = HexFormat.of();
  private static final int TOKEN_BYTES = 5;

  private final byte[] key;

  private Pseudonymizer(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("pseudonym key is " + key.length + " bytes; use at least 16 random bytes");
    }
    this.key = key.clone();
  }

  /** A pseudonymizer with an explicit key, for tests and golden files. */
  public static Pseudonymizer withKey(byte[] key) {
    return new Pseudonymizer(requireNonNull(key, "key"));
  }

  /** A pseudonymizer whose key is the UTF-8 bytes of a passphrase (tests, demos). */
  public static Pseudonymizer withKey(String passphrase) {
    return withKey(passphrase.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The installation's pseudonymizer: the key in {@code keyFile}, created with 32 random bytes and
   * owner-only permissions (0600) when it does not exist yet.
   */
  public static Pseudonymizer fromKeyFile(Path keyFile) {
    try {
      return new Pseudonymizer(KeyFile.loadOrCreate(keyFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the pseudonym key " + keyFile
          + ": " + e.getMessage() + " (set " + KEY_FILE_ENV + " or --key-file to a writable path)", e);
    }
  }

  /**
   * The key in {@code keyFile}, which must exist: for processes that must agree on pseudonyms
   * with the one that made the key (the task managers of a Flink job), where making a key of
   * their own would silently give everyone a second pseudonym.
   */
  public static Pseudonymizer fromExistingKeyFile(Path keyFile) {
    try {
      return new Pseudonymizer(KeyFile.load(keyFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pseudonym key " + keyFile + ": " + e.getMessage()
          + " (it must exist and be readable here; unmask scan or the job's launcher creates it)", e);
    }
  }

  /** The default key file: {@code $UNMASK_KEY_FILE}, else {@code ~/.config/unmask/pseudonym.key}. */
  public static Path defaultKeyFile() {
    String env = System.getenv(KEY_FILE_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".config", "unmask", "pseudonym.key");
  }

  /** The installation's pseudonymizer from {@link #defaultKeyFile()}. */
  public static Pseudonymizer installation() {
    return fromKeyFile(defaultKeyFile());
  }

  /** {@code name:<hex>} for a person's or payee's name; null stays null. */
  public String name(String fullName) {
    return fullName == null || fullName.isBlank() ? null : "name:" + token("name", normaliseText(fullName));
  }

  /** {@code user-<hex>@pseudo} for an e-mail address; null stays null. */
  public String email(String email) {
    return email == null || email.isBlank() ? null : "user-" + token("email", normaliseText(email)) + "@pseudo";
  }

  /** {@code phone:<hex>}; numbers that differ only in punctuation get the same pseudonym. */
  public String phone(String phone) {
    if (phone == null || phone.isBlank()) {
      return null;
    }
    String digits = phone.replaceAll("[^0-9]", "");
    return "phone:" + token("phone", digits.isEmpty() ? normaliseText(phone) : digits);
  }

  /** {@code address:<hex>} for a postal address (street, city, region, postal, country). */
  public String address(Address address) {
    if (address == null || address.isUnknown()) {
      return null;
    }
    String key = address.key();
    if (key == null) {
      key = address.cityKey() == null ? "" : address.cityKey();
    }
    return "address:" + token("address", key);
  }

  /** {@code address:<hex>} for a free-text street line. */
  public String street(String street) {
    return street == null || street.isBlank() ? null : "address:" + token("street", normaliseText(street));
  }

  /** {@code <kind>:<hex>} for any other identifier (a national id, a bank account token). */
  public String pseudonym(String kind, String value) {
    return value == null || value.isBlank() ? null : kind + ":" + token(kind, normaliseText(value));
  }

  /**
   * The person with every directly identifying field pseudonymised: name, e-mails, phone, home
   * street and payee name. Ids, dates, title, department, city, country and time zone are kept
   * because detection and reports need them and they do not name anyone on their own.
   */
  public Person pseudonymise(Person p) {
    Address home = p.home() == null ? null
        : new Address(street(p.home().street()), p.home().city(), p.home().region(), null, p.home().country());
    return new Person(p.personId(), name(p.fullName()), email(p.email()), email(p.personalEmail()), phone(p.phone()),
        p.hireDate(), p.endDate(), p.title(), p.department(), p.managerId(), home, p.timezone(),
        p.bankAccountId(), name(p.payeeName()));
  }

  /** The applicant with name, e-mail, phone, street and the LinkedIn URL pseudonymised. */
  public Applicant pseudonymise(Applicant a) {
    Address addr = a.address();
    Address masked = new Address(street(addr.street()), addr.city(), addr.region(), null, addr.country());
    return new Applicant(a.applicantId(), a.appliedAt(), name(a.fullName()), email(a.email()), phone(a.phone()),
        masked, null, a.nationalIdHash(), pseudonym("linkedin", a.linkedinUrl()), a.linkedinCreated(),
        a.linkedinConnections(), a.githubLogin(), a.githubCreated(), a.githubPublicRepos(), a.githubFollowers(),
        a.resumeFile(), a.photoFile(), a.referrer(), a.hiredPersonId());
  }

  /** The raw token: ten hex digits of the keyed HMAC of kind and value. */
  /**
   * A key of its own for the pseudonyms of shared identifiers in farms and identity links
   * ({@code sha256:} prefixes of phones, e-mails, addresses, national ids): derived from this key,
   * so they cannot be reversed by hashing every phone number, and differ between installations.
   */
  public byte[] linkKey() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal("unmask identity links".getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  String token(String kind, String normalised) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(kind.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] digest = mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
      return HEX.formatHex(Arrays.copyOf(digest, TOKEN_BYTES));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  static String normaliseText(String value) {
    return value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
