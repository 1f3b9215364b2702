package org.unmask.sim.world;

import java.time.Instant;

/** A row of payroll.csv. */
public record PayrollRow(String personId, Instant changedAt, String field, String oldValue, String newValue) {}
