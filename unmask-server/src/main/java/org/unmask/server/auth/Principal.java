package org.unmask.server.auth;

import org.unmask.store.privacy.Role;

/**
 * The caller of a request, from its token.
 *
 * @param actor what the audit log records: {@code token:NAME (tok-id)}
 */
public record Principal(String tokenId, String tokenName, Role role) {

  public String actor() {
    return "token:" + tokenName + " (" + tokenId + ")";
  }
}
