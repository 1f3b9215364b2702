package org.unmask.server.api;

import org.unmask.server.ingest.Intake;
import org.unmask.server.live.LiveEngine;
import org.unmask.server.live.ReferenceFolder;
import org.unmask.server.metrics.Metrics;
import org.unmask.store.Store;

/** What the routes work with. */
public record Services(Store store, LiveEngine engine, Intake intake, ReferenceFolder reference, Metrics metrics) {}
