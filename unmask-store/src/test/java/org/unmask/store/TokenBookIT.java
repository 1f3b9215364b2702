package org.unmask.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.unmask.store.privacy.Role;
import org.unmask.store.tokens.NewToken;

/** API tokens on both backends: only hashes stored, revocation immediate, creation audited. */
class TokenBookIT {

  static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void tokens_authenticateByHash_revokeAtOnce_andAreAudited(Backend backend) {
    try (Store store = Store.open(backend.newStore(dir), new MutableClock(T0))) {
      NewToken t = store.tokens().create(Role.ANALYST, "alice", "admin-bob");
      assertThat(t.secret()).startsWith("umk_").hasSizeGreaterThan(40);
      assertThat(store.tokens().authenticate(t.secret())).hasValueSatisfying(a -> {
        assertThat(a.role()).isEqualTo(Role.ANALYST);
        assertThat(a.name()).isEqualTo("alice");
      });
      assertThat(store.tokens().authenticate(t.secret() + "x")).isEmpty();
      assertThat(store.tokens().authenticate(null)).isEmpty();
      // The table holds no secret, only its hash.
      String stored = store.database().transaction(c -> {
        try (var ps = c.prepareStatement("SELECT token_hash FROM api_tokens"); var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      });
      assertThat(stored).hasSize(64).doesNotContain(t.secret().substring(4, 20));
      store.tokens().revoke(t.token().tokenId(), "admin-bob");
      assertThat(store.tokens().authenticate(t.secret())).isEmpty();
      assertThatThrownBy(() -> store.tokens().revoke("tok-nope", "x")).hasMessageContaining("no such token");
      assertThat(store.audit().entries()).extracting(e -> e.action()).contains("token.create", "token.revoke");
      assertThat(store.audit().verify().intact()).isTrue();
      assertThat(Role.VIEWER.mayReveal()).isFalse();
      assertThat(Role.ADMIN.includes(Role.VIEWER)).isTrue();
    }
  }
}
