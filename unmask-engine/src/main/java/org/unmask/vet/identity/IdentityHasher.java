package org.unmask.vet.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a normalised identifier into the pseudonym that links and farms carry:
 * {@code sha256:} plus the first 16 hex digits of SHA-256 (or of HMAC-SHA-256 when a key is set,
 * so a leaked output cannot be reversed by hashing every US phone number).
 */
public final class IdentityHasher {

  private final byte[] key;

  /** @param key HMAC key, or null/empty for a plain SHA-256 */
  public IdentityHasher(byte[] key) {
    this.key = key == null || key.length == 0 ? null : key.clone();
  }

  public static IdentityHasher plain() {
    return new IdentityHasher(null);
  }

  /** The pseudonym of {@code value} in the namespace {@code type} (phone, email, address ...). */
  public String hash(String type, String value) {
    byte[] input = (type + ":" + value).getBytes(StandardCharsets.UTF_8);
    try {
      byte[] digest;
      if (key == null) {
        digest = MessageDigest.getInstance("SHA-256").digest(input);
      } else {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        digest = mac.doFinal(input);
      }
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 and HMAC-SHA-256 are part of every Java runtime", e);
    }
  }
}
