/**
 * Indicators of concern met during vetting: the dataset's watchlists (email, phone, domain,
 * organisation, bank account; {@code allow:} rows are never indicators) and the bundled list of
 * DPRK IT-worker front companies and personas, matched against applications, resumes, referrers,
 * payees and pay details. Organisation names are compared after folding legal suffixes and
 * punctuation.
 */
package org.unmask.vet.indicators;
