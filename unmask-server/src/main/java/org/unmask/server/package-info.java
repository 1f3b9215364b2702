/**
 * {@code unmask serve}: the server bootstrap and lifecycle. {@link org.unmask.server.Server} opens
 * the store, loads reference data and rules once, backfills and replays, starts detection and then
 * the HTTP server; {@link org.unmask.server.Server#stop} stops accepting events, drains every
 * acknowledged batch through detection, concludes, saves and only then closes.
 */
package org.unmask.server;
