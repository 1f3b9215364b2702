/** The simulator and evaluator: {@code Simulator} writes a labelled synthetic company as a dataset folder (CONTRACT.md section 1) plus truth.json; the {@code evaluation} package scores a scan against that truth. */
package org.unmask.sim;
