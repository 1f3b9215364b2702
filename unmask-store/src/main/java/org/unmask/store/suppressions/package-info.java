/**
 * Suppressions in the store: created when a case is closed as benign or false positive, scoped to
 * one person and rule or one network, expiring on their own. The scan reads the active ones
 * ({@code Store.activeSuppressions(now)}) and applies them with the engine's pure predicate
 * {@link org.unmask.risk.Suppressions}.
 */
package org.unmask.store.suppressions;
