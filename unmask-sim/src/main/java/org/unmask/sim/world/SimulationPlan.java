package org.unmask.sim.world;

import java.time.LocalDate;

/** The knobs of a simulated world. */
public record SimulationPlan(int employees, int days, long seed, LocalDate start, double hiddenShare, String domain) {
  public SimulationPlan {
    if (employees < 2) throw new IllegalArgumentException("--employees must be at least 2, was " + employees);
    if (days < 1) throw new IllegalArgumentException("--days must be at least 1, was " + days);
    if (hiddenShare < 0 || hiddenShare > 0.5) throw new IllegalArgumentException("hidden share must be within 0..0.5, was " + hiddenShare);
  }
}
