/**
 * Vetting applicants and new hires before they get a laptop. {@link org.unmask.vet.ApplicantVetting}
 * runs the matchers of the sub-packages (identity reuse, photo reuse, resume reuse, profile
 * padding, indicators), scores every applicant, finds rings of identities tied by strong links,
 * and reports it all as verdicts, links, rings and findings. Its input is the dataset's reference
 * data as {@link org.unmask.ingest.Dataset#readReference} reads it, for the scan and for the quick
 * {@code unmask vet} command alike.
 */
package org.unmask.vet;
