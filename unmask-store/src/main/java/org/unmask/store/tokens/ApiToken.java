package org.unmask.store.tokens;

import java.time.Instant;
import org.unmask.store.privacy.Role;

/**
 * A stored token, without its secret.
 *
 * @param tokenId public id, safe to log and to name in the audit log
 * @param name what the token is for ("alice laptop", "log shipper")
 */
public record ApiToken(String tokenId, String name, Role role, Instant createdAt, String createdBy, boolean revoked) {}
