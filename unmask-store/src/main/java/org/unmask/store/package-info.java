/**
 * Unmask's store: findings, verdicts, farms and cases in a database, with privacy and an audit log.
 * {@link org.unmask.store.Store} is the one entry point: open it on an embedded H2 file (the default,
 * nothing to install) or a PostgreSQL URL (for teams), save each scan, and work cases. Sub-packages
 * hold the concepts: {@code schema} (database, migrations), {@code cases}, {@code suppressions},
 * {@code audit}, {@code privacy} (identities and reveals) and {@code retention}.
 */
package org.unmask.store;
