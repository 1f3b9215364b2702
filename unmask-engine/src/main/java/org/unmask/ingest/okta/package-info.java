/**
 * Okta System Log adapter: maps Okta sign-in events onto the contract's {@code idp.signin}
 * (user e-mail, source IP, user agent, outcome, geo and AS), keeping every Okta field.
 */
package org.unmask.ingest.okta;
