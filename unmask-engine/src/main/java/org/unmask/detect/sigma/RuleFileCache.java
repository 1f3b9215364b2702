package org.unmask.detect.sigma;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A folder where rule loads keep the rule files they parsed, so that the next load of the same
 * rules reads them back instead of parsing the YAML again. Parsing is most of the work of loading
 * a rule set on one core: SigmaHQ's 2,407 Windows rules take 1.6 s to parse in a fresh JVM, and a
 * detection engineer running {@code unmask match} or {@code unmask rules lint} over and over pays
 * it every time (docs/BENCHMARKS.md, "Tenth session").
 *
 * <p>What a cached file must equal is the file itself: an entry holds the file's bytes and is used
 * only when the file's bytes are the same, byte for byte, so an edited rule is parsed again
 * whatever its timestamps say. An entry also holds the problems reading found, so a cached file
 * reports what a parsed one does. A cache written by another build of the parsing code is ignored
 * ({@link #codeFingerprint}). Each set of rule paths has its own cache file, written whole to a
 * temporary file and moved into place, so concurrent loads never read half a cache; a damaged one
 * is ignored. The folder keeps the {@value #KEEP} most recently used caches.
 *
 * <p>The engine never caches unless asked: {@link #NONE} is the default of
 * {@link SigmaRuleSet#load}, and the CLI passes a folder under the user's cache directory.
 */
public final class RuleFileCache {

  /** Parses every file every time. */
  public static final RuleFileCache NONE = new RuleFileCache(null);

  static final int KEEP = 8;
  /** Larger caches are not written: reading one back would cost what parsing saves. */
  static final long MAX_CACHE_BYTES = 256L * 1024 * 1024;
  static final String PREFIX = "sigma-";
  static final String SUFFIX = ".cache";

  private final Path folder;

  private RuleFileCache(Path folder) {
    this.folder = folder;
  }

  /** Caches in {@code folder}, created when first written. */
  public static RuleFileCache in(Path folder) {
    return new RuleFileCache(folder.toAbsolutePath());
  }

  /** The folder caches are written to, or null for {@link #NONE}. */
  public Path folder() {
    return folder;
  }

  /** The cache of one load of these rule paths (files or folders), read now. */
  CachedRuleFiles open(List<Path> paths) {
    if (folder == null) {
      return CachedRuleFiles.NONE;
    }
    return CachedRuleFiles.read(this, folder.resolve(PREFIX + nameOf(paths) + SUFFIX));
  }

  /** A name for the set of paths, as absolute paths: the same rules from another folder are another cache. */
  private static String nameOf(List<Path> paths) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path p : paths) {
        sha.update(p.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Writes a cache whole: to a temporary file beside it, then moved over the old one, so a reader
   * sees the old cache or the new one. Then forgets all but the most recent {@link #KEEP}. A cache
   * that cannot be written is left unwritten: it only saves time.
   */
  void write(Path cache, byte[] bytes) {
    if (bytes.length > MAX_CACHE_BYTES) {
      return;
    }
    Path temporary = null;
    try {
      Files.createDirectories(folder);
      temporary = Files.createTempFile(folder, PREFIX, ".tmp");
      Files.write(temporary, bytes);
      Files.move(temporary, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      temporary = null;
      forgetOld();
    } catch (IOException | RuntimeException e) {
      // read-only home, full disk, a folder in the way: the next load parses again
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
    }
  }

  /** Marks a cache as just used, so that {@link #forgetOld} keeps it. */
  void touch(Path cache) {
    try {
      Files.setLastModifiedTime(cache, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException | RuntimeException ignored) {
      // only the order of forgetting changes
    }
  }

  private void forgetOld() throws IOException {
    List<Path> caches;
    try (Stream<Path> files = Files.list(folder)) {
      caches = files.filter(f -> {
        String n = f.getFileName().toString();
        return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
      }).sorted(Comparator.comparing(RuleFileCache::lastModified).reversed()).toList();
    }
    for (Path old : caches.subList(Math.min(KEEP, caches.size()), caches.size())) {
      Files.deleteIfExists(old);
    }
  }

  private static FileTime lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0); // gone already: first to forget
    }
  }

  /**
   * A checksum of the code that turns a rule file into documents: ours and the YAML library's. A
   * cache written by another build of either may hold documents this build would not make, so it is
   * not read. Class files are what the JVM runs, so any change to them, a new library version
   * included, changes this.
   */
  static long codeFingerprint() {
    return Fingerprint.VALUE;
  }

  private static final class Fingerprint {
    static final long VALUE = compute();

    private static long compute() {
      CRC32 crc = new CRC32();
      // by resource name: loading the YAML library's classes would cost a load from the cache time
      String ours = "org/unmask/detect/sigma/";
      String yaml = "org/snakeyaml/engine/v2/";
      for (String resource : List.of(ours + "YamlDocuments", ours + "RuleFiles", ours + "ParsedFileCodec",
          ours + "CachedRuleFiles", yaml + "scanner/ScannerImpl", yaml + "parser/ParserImpl", yaml + "composer/Composer",
          yaml + "api/LoadSettings")) {
        try (InputStream in = RuleFileCache.class.getClassLoader().getResourceAsStream(resource + ".class")) {
          if (in == null) {
            return 0; // classes without class files (a custom loader): nothing to compare, so never read
          }
          crc.update(in.readAllBytes());
        } catch (IOException e) {
          return 0;
        }
      }
      return crc.getValue() | 1L << 40; // never 0
    }
  }
}
