/**
 * Ingest: reading a dataset folder. {@link org.unmask.ingest.Dataset} lists the files, reads the
 * reference CSVs into {@link org.unmask.reference.ReferenceData} and streams every event file as
 * one time-ordered {@link org.unmask.ingest.EventStream} in bounded memory. Lines are flattened to
 * dotted ECS keys; vendor-native logs (one sub-package per vendor) are mapped onto the contract's
 * datasets by {@link org.unmask.ingest.VendorAdapter}s. Nothing here throws for a bad record: it
 * becomes a {@link org.unmask.ingest.Rejection} with file, line and a specific reason.
 * See docs/ingest.md.
 */
package org.unmask.ingest;
