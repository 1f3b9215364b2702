/**
 * Who is behind a pseudonym. The store keeps the identity a scan saw (people.csv as given) only for
 * people with a case, and hands it out only through {@link org.unmask.store.privacy.IdentityVault#reveal},
 * which demands a role (analyst or admin) and a written reason and records both in the audit log.
 */
package org.unmask.store.privacy;
