/**
 * Sigma: loads Sigma rules (the whole v2.1 detection specification, rule collections, filters and
 * the legacy {@code action: global} collections), maps them onto our events through a processing
 * {@link org.unmask.detect.sigma.Pipeline}, and matches events against the whole rule set at once.
 *
 * <p>The entry point is {@link org.unmask.detect.sigma.SigmaRuleSet#load}. Matching is indexed:
 * rules are partitioned by the dataset or channel their logsource maps to, and inside a partition
 * a rule is only evaluated when, for each of its prefilter clauses, a literal it cannot match
 * without has been seen in the right field (one hashed multi-literal scan per field and event,
 * see GramIndex). Regular expressions run on RE2/J, so no
 * rule can make a scan super-linear.
 */
package org.unmask.detect.sigma;
