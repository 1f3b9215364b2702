/** Hidden DPRK workers: the techniques of THREAT.md as {@code Tradecraft}, sampled in varying mixes per persona, so no single detector sees them all. */
package org.unmask.sim.persona;
