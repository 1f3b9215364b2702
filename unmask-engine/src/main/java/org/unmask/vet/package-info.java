/**
 * Vetting applicants and new hires before they get a laptop. {@link org.unmask.vet.ApplicantVetting}
 * runs the matchers of the sub-packages (identity reuse, photo reuse, resume reuse, profile
 * padding, indicators), scores every applicant, finds rings of identities tied by strong links,
 * and reports it all as verdicts, links, rings and findings. {@link org.unmask.vet.VetDataset}
 * reads just the CSVs vetting needs, for the quick {@code unmask vet} command.
 */
package org.unmask.vet;
