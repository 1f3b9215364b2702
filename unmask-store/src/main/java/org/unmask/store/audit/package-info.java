/**
 * The audit log: every reveal, case change, suppression and purge, append-only, in a hash chain.
 * Each row stores {@code sha256(prev_hash || canonical row)}; {@link org.unmask.store.audit.AuditLog#verify}
 * recomputes the chain and names the first row that an UPDATE or DELETE broke.
 */
package org.unmask.store.audit;
