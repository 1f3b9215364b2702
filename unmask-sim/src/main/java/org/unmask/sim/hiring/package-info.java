/** The hiring pipeline: applicants.csv rows, Java2D portraits (with ring re-encodings), plain-text and PDF resumes. */
package org.unmask.sim.hiring;
