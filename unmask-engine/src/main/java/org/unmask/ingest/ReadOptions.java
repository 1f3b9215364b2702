package org.unmask.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How events are read. Build from {@link #defaults()} and the {@code with*} methods.
 *
 * @param maxLineBytes longest accepted line; longer lines are skipped (never buffered) and rejected
 * @param spillDir where sorted runs of unsorted event files are written (deleted on close)
 * @param sortChunkBytes how many bytes of lines are sorted in memory before a run is spilled;
 *     memory use of the sort is about twice this
 * @param maxOpenFiles how many event files are streamed side by side; smaller files beyond this
 *     go through the external sort instead, so a dataset of many small files stays within file
 *     handle and buffer limits
 */
public record ReadOptions(int maxLineBytes, Path spillDir, long sortChunkBytes, int maxOpenFiles) {

  /** 1 MiB, the contract's line limit. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  public ReadOptions {
    requireNonNull(spillDir, "spillDir");
    if (maxLineBytes < 1024) {
      throw new IllegalArgumentException("maxLineBytes must be at least 1024, got " + maxLineBytes);
    }
    if (sortChunkBytes < 64 * 1024) {
      throw new IllegalArgumentException("sortChunkBytes must be at least 65536, got " + sortChunkBytes);
    }
    if (maxOpenFiles < 2) {
      throw new IllegalArgumentException("maxOpenFiles must be at least 2, got " + maxOpenFiles);
    }
  }

  /**
   * 1 MiB lines, the system temp folder, a sort chunk of an eighth of the heap (at most 64 MiB,
   * so a 512 MB heap scans any size of dataset) and 128 open files.
   */
  public static ReadOptions defaults() {
    long chunk = Math.max(1L << 20, Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8));
    return new ReadOptions(
        DEFAULT_MAX_LINE_BYTES, Path.of(System.getProperty("java.io.tmpdir")), chunk, 128);
  }

  public ReadOptions withMaxLineBytes(int bytes) {
    return new ReadOptions(bytes, spillDir, sortChunkBytes, maxOpenFiles);
  }

  public ReadOptions withSpillDir(Path dir) {
    return new ReadOptions(maxLineBytes, dir, sortChunkBytes, maxOpenFiles);
  }

  public ReadOptions withSortChunkBytes(long bytes) {
    return new ReadOptions(maxLineBytes, spillDir, bytes, maxOpenFiles);
  }

  public ReadOptions withMaxOpenFiles(int files) {
    return new ReadOptions(maxLineBytes, spillDir, sortChunkBytes, files);
  }
}
