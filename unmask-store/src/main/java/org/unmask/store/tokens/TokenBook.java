package org.unmask.store.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.unmask.store.StoreException;
import org.unmask.store.audit.AuditLog;
import org.unmask.store.privacy.Role;
import org.unmask.store.schema.Database;

/**
 * Creates, checks and revokes API tokens. Only SHA-256 hashes are stored; {@link #authenticate}
 * hashes the presented secret and looks the hash up, so the secret itself is never compared.
 */
public final class TokenBook {

  /** Every secret starts with this, so a leaked one is easy to recognise in logs and scanners. */
  public static final String PREFIX = "umk_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final AuditLog audit;
  private final Clock clock;

  public TokenBook(Database db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates a token; the returned secret is shown once and never stored. Audited. */
  public NewToken create(Role role, String name, String actor) {
    if (role == null) {
      throw new StoreException("a token needs a role: metrics, viewer, analyst or admin");
    }
    String label = name == null || name.isBlank() ? role.label() + " token" : name.strip();
    byte[] secretBytes = new byte[32];
    RANDOM.nextBytes(secretBytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    byte[] idBytes = new byte[8];
    RANDOM.nextBytes(idBytes);
    String tokenId = "tok-" + HexFormat.of().formatHex(idBytes);
    Instant now = Database.truncate(clock.instant());
    String who = actor == null || actor.isBlank() ? "unknown" : actor;
    db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (token_id, token_hash, name, role, created_at,"
          + " created_by, revoked) VALUES (?,?,?,?,?,?,?)")) {
        ps.setString(1, tokenId);
        ps.setString(2, hash(secret));
        ps.setString(3, Database.clip(label, 200));
        ps.setString(4, role.label());
        Database.setTime(ps, 5, now);
        ps.setString(6, Database.clip(who, 200));
        ps.setBoolean(7, false);
        ps.executeUpdate();
      }
      audit.append(c, who, "token.create", tokenId, "role=" + role.label() + "; name=" + label);
      return null;
    });
    return new NewToken(new ApiToken(tokenId, label, role, now, who, false), secret);
  }

  /** The live token with this secret, or empty when it is unknown, malformed or revoked. */
  public Optional<ApiToken> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
      return Optional.empty();
    }
    String h = hash(secret);
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_tokens WHERE token_hash = ? AND revoked = ?")) {
        ps.setString(1, h);
        ps.setBoolean(2, false);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.<ApiToken>empty();
        }
      }
    });
  }

  /** Every token, newest first, without secrets. */
  public List<ApiToken> list() {
    return db.transaction(c -> {
      List<ApiToken> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_tokens ORDER BY created_at DESC, token_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    });
  }

  /** Revokes a token by id; it stops working at once. Audited. */
  public void revoke(String tokenId, String actor) {
    db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked = ?, revoked_at = ? WHERE token_id = ?")) {
        ps.setBoolean(1, true);
        Database.setTime(ps, 2, clock.instant());
        ps.setString(3, tokenId);
        if (ps.executeUpdate() == 0) {
          throw new StoreException("no such token: " + tokenId + " (unmask tokens list shows the ids)");
        }
      }
      audit.append(c, actor == null || actor.isBlank() ? "unknown" : actor, "token.revoke", tokenId, "revoked");
      return null;
    });
  }

  private static ApiToken read(ResultSet rs) throws SQLException {
    return new ApiToken(rs.getString("token_id"), rs.getString("name"), Role.parse(rs.getString("role")),
        Database.getTime(rs, "created_at"), rs.getString("created_by"), rs.getBoolean("revoked"));
  }

  static String hash(String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
