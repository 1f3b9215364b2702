package org.unmask.ingest;

import java.nio.file.Path;

/**
 * An event file of a dataset.
 *
 * @param path where it is
 * @param name its path relative to the dataset folder with {@code /} separators
 *     ({@code events/okta/2026-05.jsonl.gz}); this is the name evidence and rejections use
 * @param bytes its size on disk (compressed size for {@code .gz}), for progress and ETA
 * @param gzip whether it is gzip-compressed
 */
public record EventFile(Path path, String name, long bytes, boolean gzip) {}
