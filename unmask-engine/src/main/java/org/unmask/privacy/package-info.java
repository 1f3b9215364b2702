/**
 * Privacy by default: every output names people by stable pseudonyms, never by name, e-mail,
 * phone or address. A {@link org.unmask.privacy.Pseudonymizer} turns an identifier into a keyed
 * HMAC-SHA256 token ({@code user-7f3a9c01d2@pseudo}); the key lives in one file created at first
 * use, so the same person gets the same pseudonym in every scan of one installation and a
 * different one elsewhere. A {@link org.unmask.privacy.Redactor} applies the pseudonyms to free
 * text such as finding summaries. Revealing the person behind a pseudonym is the store's job and
 * needs a role, a reason and an audit record.
 */
package org.unmask.privacy;
