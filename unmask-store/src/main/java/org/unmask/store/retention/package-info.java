/**
 * Retention: raw evidence (findings, evidence refs, verdicts, farms and stored identities of people
 * without an open case) is deleted once older than the retention period; case decisions, notes,
 * suppressions and the audit log are kept. See docs/privacy-and-retention.md.
 */
package org.unmask.store.retention;
