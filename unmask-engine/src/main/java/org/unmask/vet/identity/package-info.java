/**
 * Identity reuse: the same phone, personal email, national id, home address or bank account
 * claimed by two applicants, or by an applicant and an employee. Values are normalised first
 * (E.164 phones, provider-aware email folding, postal keys) and only ever leave this package as
 * SHA-256 prefixes, never raw.
 */
package org.unmask.vet.identity;
