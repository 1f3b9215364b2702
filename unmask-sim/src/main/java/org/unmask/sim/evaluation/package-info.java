/** Scores a scan's output against truth.json: case precision and recall, average precision, time to flag, farm and applicant recovery, false cases per hard-negative kind, and gate files for CI. */
package org.unmask.sim.evaluation;
