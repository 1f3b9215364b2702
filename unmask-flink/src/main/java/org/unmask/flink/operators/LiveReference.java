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
 * stream. Files arrive one record each, and a {@value #MANIFEST} record names the complete set with
 * each file's SHA-256; the operator switches to a set only when the manifest and every file it
 * names have arrived with matching hashes, so no event is ever judged against half a roster (say,
 * the new people.csv but not yet the devices.csv that goes with it). Until a first complete set,
 * it uses {@code --reference}. Files are checkpointed as broadcast state, so a restored job judges
 * with the roster it had, and are read by the engine's own reader, rows rejected exactly as a scan
 * rejects them. An update applies to events judged after it arrives (processing order, not event
 * time): a new hire counts from the moment HR's files land.
 *
 * <p>Paths come from a topic, so they are checked against the contract's file names before
 * anything is written; others are ignored.
 */
public final class LiveReference {

  /** The broadcast state: reference files by path. */
  public static final MapStateDescriptor<String, byte[]> FILES =
      new MapStateDescriptor<>("reference-files", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

  /** The record naming a complete set: lines of {@code <sha-256 hex> <path>}, as sha256sum prints. */
  public static final String MANIFEST = "MANIFEST";

  private static final Pattern CONTRACT_FILE =
      Pattern.compile("(people|devices|applicants|payroll)\\.csv|watchlists/[A-Za-z0-9][A-Za-z0-9._-]{0,100}\\.(csv|json)");

  /**
   * Sigma rule files travel in the same sets, under {@code rules/}, so detection content updates
   * too; named as the scan recognises them ({@code SigmaRuleSet.isRuleFile}: .yml or .yaml, any case).
   */
  private static final Pattern RULE_FILE =
      Pattern.compile("rules/[A-Za-z0-9][A-Za-z0-9._-]{0,100}(/[A-Za-z0-9][A-Za-z0-9._-]{0,100}){0,8}\\.(?i:ya?ml)");

  private final JobSettings settings;
  private ReferenceData current;
  private Map<String, byte[]> currentRules = Map.of();
  private String currentRulesDigest = NO_RULES;
  private boolean stale = true;

  LiveReference(JobSettings settings) {
    this.settings = settings;
  }

  /** True when {@code path} names a reference file of the contract. */
  static boolean acceptable(String path) {
    return path != null && (path.equals(MANIFEST)
        || (CONTRACT_FILE.matcher(path).matches() || RULE_FILE.matcher(path).matches()) && !path.contains(".."));
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

  /**
   * The reference data to judge with now: the latest complete set, else the one in use, else the
   * folder's. Checks the set only after an update or a restore.
   */
  ReferenceData get(ReadOnlyBroadcastState<String, byte[]> files) throws Exception {
    if (stale || current == null) {
      Map<String, byte[]> set = completeSet(files);
      if (set != null) {
        current = read(set);
        Map<String, byte[]> rules = new java.util.TreeMap<>();
        set.forEach((path, content) -> {
          if (RULE_FILE.matcher(path).matches()) {
            rules.put(path, content);
          }
        });
        currentRules = rules;
        currentRulesDigest = digest(rules);
      } else if (current == null) {
        current = settings.readReference();
      }
      stale = false;
    }
    return current;
  }

  /** The files the manifest names when all are present with their hashes; else null. */
  static Map<String, byte[]> completeSet(ReadOnlyBroadcastState<String, byte[]> files) throws Exception {
    byte[] manifest = files.get(MANIFEST);
    if (manifest == null) {
      return null;
    }
    Map<String, byte[]> set = new java.util.TreeMap<>();
    for (String line : new String(manifest, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
      String[] parts = line.trim().split("\\s+", 2);
      if (parts.length != 2 || parts[0].isEmpty()) {
        continue;
      }
      String path = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
      byte[] content = acceptable(path) && !path.equals(MANIFEST) ? files.get(path) : null;
      if (content == null || !sha256(content).equalsIgnoreCase(parts[0])) {
        return null; // a file is missing or is not yet the version the manifest names
      }
      set.put(path, content);
    }
    return set.isEmpty() ? null : set;
  }

  /** Lower-case hex SHA-256, as the manifest carries it. */
  public static String sha256(byte[] content) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * The Sigma rule files of the set in use ({@code rules/...yml} by path), empty when the set has
   * none or before a first complete set. Call after {@link #get}.
   */
  Map<String, byte[]> ruleFiles() {
    return currentRules;
  }

  /** The digest of a set without rule files. */
  static final String NO_RULES = digest(Map.of());

  /** The digest of {@link #ruleFiles()}, computed once per applied set. Call after {@link #get}. */
  String ruleDigest() {
    return currentRulesDigest;
  }

  /** One digest of a set of rule files, to tell when they changed. */
  static String digest(Map<String, byte[]> ruleFiles) {
    StringBuilder sb = new StringBuilder();
    ruleFiles.forEach((path, content) -> sb.append(sha256(content)).append(' ').append(path).append('\n'));
    return sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Writes rule files into a new temporary folder for the engine's rule loader, which reads
   * folders; the caller deletes it with {@link #deleteFolder}.
   */
  static Path writeRules(Map<String, byte[]> ruleFiles) throws IOException {
    Path dir = Files.createTempDirectory("unmask-rules");
    for (Map.Entry<String, byte[]> f : ruleFiles.entrySet()) {
      Path target = dir.resolve(f.getKey()).normalize();
      if (target.startsWith(dir)) {
        Files.createDirectories(target.getParent());
        Files.write(target, f.getValue());
      }
    }
    return dir;
  }

  static void deleteFolder(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a temporary folder left behind is harmless
    }
  }

  /** True when the data changed since the caller last asked; for caches built on it. */
  boolean isStale() {
    return stale || current == null;
  }

  private static ReferenceData read(Map<String, byte[]> files) throws IOException {
    Path dir = Files.createTempDirectory("unmask-reference");
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
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
