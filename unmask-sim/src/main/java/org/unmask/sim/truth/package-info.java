/** truth.json: the hidden persons, farms, applicant rings and hard negatives of a simulated world; schema in docs/EVALUATION.md. */
package org.unmask.sim.truth;
