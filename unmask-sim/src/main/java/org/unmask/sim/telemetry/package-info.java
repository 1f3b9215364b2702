/** Telemetry writers: one person-day at a time into week files per dataset, each sorted by @timestamp, in the ECS field names of the contract. */
package org.unmask.sim.telemetry;
