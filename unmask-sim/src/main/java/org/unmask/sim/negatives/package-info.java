/** Innocent staff who look like the threat (shared homes, CGNAT, co-working, travel, privacy VPNs, sanctioned RMM, Raspberry Pis...), labelled so evaluation can count false cases per kind. */
package org.unmask.sim.negatives;
