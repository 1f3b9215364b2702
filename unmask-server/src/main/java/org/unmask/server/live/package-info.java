/**
 * Live detection: one {@link org.unmask.scan.EventStage} fed by a single thread in arrival order
 * (the same code as {@code unmask scan}), new findings queryable as soon as their batch is judged,
 * and the whole-picture {@link org.unmask.scan.Conclusions} re-run every few seconds when something
 * changed, saved to the store (new findings, changed verdicts and farms; cases opened past the
 * threshold). Small bounded per-person and per-device aggregates (sign-ins by country, hour
 * histograms, USB and display history) feed the console's person page.
 */
package org.unmask.server.live;
