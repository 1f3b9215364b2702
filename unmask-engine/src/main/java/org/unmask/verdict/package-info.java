/** What a scan concludes: per-person and per-applicant verdicts, farms, and the links behind them. */
package org.unmask.verdict;
