package org.unmask.store.privacy;

/**
 * A request to see who is behind a case.
 *
 * @param actor who asks (recorded in the audit log)
 * @param role the role claimed: {@code analyst} or {@code admin}
 * @param reason why, in words (recorded in the audit log)
 */
public record RevealRequest(String actor, String role, String reason) {}
