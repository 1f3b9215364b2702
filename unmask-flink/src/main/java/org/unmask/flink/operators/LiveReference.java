package org.unmask.flink.operators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.unmask.flink.JobSettings;
import org.unmask.flink.wire.ReferenceFile;
import org.unmask.ingest.Dataset;
import org.unmask.reference.ReferenceData;

/**
 * The reference data an operator judges with, kept current by the broadcast {@code P.reference}
 * stream. Until a file arrives on that stream the operator uses {@code --reference}; once any has,
 * the broadcast files (checkpointed as broadcast state, so a restored job judges with the roster it
 * had) replace the folder's CSVs and are read by the engine's own reader, rows rejected exactly as
 * a scan rejects them. An update applies to events judged after it arrives (processing order, not
 * event time): a new hire counts from the moment HR's file lands.
 *
 * <p>Paths come from a topic, so they are checked against the contract's file names before
 * anything is written; others are ignored.
 */
public final class LiveReference {

  /** The broadcast state: reference files by path. */
  public static final MapStateDescriptor<String, byte[]> FILES =
      new MapStateDescriptor<>("reference-files", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

  private static final Pattern CONTRACT_FILE =
      Pattern.compile("(people|devices|applicants|payroll)\\.csv|watchlists/[A-Za-z0-9][A-Za-z0-9._-]{0,100}\\.csv");

  private final JobSettings settings;
  private ReferenceData current;
  private boolean stale = true;

  LiveReference(JobSettings settings) {
    this.settings = settings;
  }

  /** True when {@code path} names a reference file of the contract. */
  static boolean acceptable(String path) {
    return path != null && CONTRACT_FILE.matcher(path).matches() && !path.contains("..");
  }

  /** Records a broadcast file; the next {@link #get} reads the new set. */
  void update(ReferenceFile file, BroadcastState<String, byte[]> files) throws Exception {
    if (!acceptable(file.path)) {
      return;
    }
    if (file.content == null) {
      files.remove(file.path);
    } else {
      files.put(file.path, file.content);
    }
    stale = true;
  }

  /** The reference data to judge with now; rereads only after an update or a restore. */
  ReferenceData get(ReadOnlyBroadcastState<String, byte[]> files) throws Exception {
    if (stale || current == null) {
      current = read(files.immutableEntries());
      stale = false;
    }
    return current;
  }

  /** True when the data changed since the caller last asked; for caches built on it. */
  boolean isStale() {
    return stale || current == null;
  }

  private ReferenceData read(Iterable<Map.Entry<String, byte[]>> files) throws IOException {
    if (!files.iterator().hasNext()) {
      return settings.readReference();
    }
    Path dir = Files.createTempDirectory("unmask-reference");
    try {
      for (Map.Entry<String, byte[]> f : files) {
        Path target = dir.resolve(f.getKey()).normalize();
        if (!target.startsWith(dir)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.write(target, f.getValue());
      }
      return Dataset.open(dir).readReference(r -> {});
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (UncheckedIOException ignored) {
        // a temporary folder left behind is harmless
      }
    }
  }
}
