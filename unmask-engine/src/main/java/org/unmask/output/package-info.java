/** The contract's output files, written atomically and deterministically, and the HTML report. */
package org.unmask.output;
