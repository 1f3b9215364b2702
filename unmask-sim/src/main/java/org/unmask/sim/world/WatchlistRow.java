package org.unmask.sim.world;

/** A row of watchlists/*.csv; {@code file} is the CSV it belongs in. */
public record WatchlistRow(String file, String type, String value, String label, String source) {}
