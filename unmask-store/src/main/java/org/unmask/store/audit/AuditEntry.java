package org.unmask.store.audit;

import java.time.Instant;

/**
 * One row of the audit log.
 *
 * @param seq position in the chain, from 1, without gaps
 * @param actor who did it (the OS user or {@code --as-user}; {@code unmask-scan} for scans)
 * @param action what was done, e.g. {@code case.close}, {@code identity.reveal}
 * @param target what it was done to, e.g. a case id
 * @param details free text: the reason given, the new state
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String target, String details,
    String prevHash, String rowHash) {}
