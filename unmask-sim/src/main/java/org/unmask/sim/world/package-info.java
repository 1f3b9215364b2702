/** The world model: staff, homes, networks (real ISP, carrier, hosting, VPN and foreign ranges from the shipped catalogue), laptops and peripherals, laptop farms and applicant rings, decided once per seed before any line is written. */
package org.unmask.sim.world;
