package org.unmask.store.tokens;

/**
 * A token just created: the secret is here once and never again.
 *
 * @param secret what the client sends as {@code Authorization: Bearer SECRET}
 */
public record NewToken(ApiToken token, String secret) {

  @Override
  public String toString() {
    return "NewToken[" + token + ", secret=(hidden)]";
  }
}
