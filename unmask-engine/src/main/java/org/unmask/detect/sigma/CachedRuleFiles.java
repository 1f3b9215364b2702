package org.unmask.detect.sigma;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * One load's view of its {@link RuleFileCache} file: the parsed files it holds, looked up by name
 * and bytes while the load reads its rule files (on worker threads too), and, when the load found
 * files the cache did not hold or no longer has some it held, the new cache written at the end.
 *
 * <p>The file: a header (a magic line and {@link RuleFileCache#codeFingerprint}), the number of
 * entries, then per entry the file's name, its bytes, and its {@link ParsedFileCodec} bytes, each
 * length-prefixed; last, a CRC-32 of all that. The checksum is what keeps a damaged cache from
 * being used: a changed byte in a parsed value could still decode, as another value.
 */
final class CachedRuleFiles {

  /** Holds nothing and writes nothing. */
  static final CachedRuleFiles NONE = new CachedRuleFiles(null, null, Map.of());

  private static final byte[] MAGIC = "unmask parsed Sigma rule files 1\n".getBytes(StandardCharsets.US_ASCII);

  /** A range of an array: a file's bytes or their parsed form, in the cache read or made now. */
  private record Slice(byte[] array, int offset, int length) {
    Slice(byte[] array) {
      this(array, 0, array.length);
    }

    boolean holds(byte[] bytes) {
      return Arrays.equals(array, offset, offset + length, bytes, 0, bytes.length);
    }

    ByteBuffer buffer() {
      return ByteBuffer.wrap(array, offset, length).slice();
    }
  }

  private record Entry(Slice content, Slice parsed) {}

  private final RuleFileCache owner;
  private final Path file;
  /** The entries the cache file held; read only, so worker threads may look up at once. */
  private final Map<String, Entry> held;
  /** The files of this load, and what the cache will hold for each. */
  private final Map<String, Entry> loaded = new ConcurrentHashMap<>();
  private volatile boolean parsedAny;

  private CachedRuleFiles(RuleFileCache owner, Path file, Map<String, Entry> held) {
    this.owner = owner;
    this.file = file;
    this.held = held;
  }

  /** The cache in {@code file}; empty when there is none, or it is damaged or from other code. */
  static CachedRuleFiles read(RuleFileCache owner, Path file) {
    long fingerprint = RuleFileCache.codeFingerprint();
    if (fingerprint == 0) {
      return NONE;
    }
    Map<String, Entry> held = new HashMap<>();
    try {
      if (!theUsersOwn(file)) {
        return new CachedRuleFiles(owner, file, held);
      }
      byte[] bytes = Files.readAllBytes(file);
      ByteBuffer in = ByteBuffer.wrap(bytes, 0, Math.max(0, bytes.length - Integer.BYTES));
      if (bytes.length >= MAGIC.length + Integer.BYTES && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
          && checksum(bytes, bytes.length - Integer.BYTES) == ByteBuffer.wrap(bytes).getInt(bytes.length - Integer.BYTES)) {
        in.position(MAGIC.length);
        if (in.getLong() == fingerprint) {
          int entries = ParsedFileCodec.count(in);
          for (int i = 0; i < entries; i++) {
            String name = ParsedFileCodec.readString(in);
            held.put(name, new Entry(slice(in), slice(in)));
          }
        }
      }
    } catch (NoSuchFileException e) {
      // the first load of these rules
    } catch (IOException | ParsedFileCodec.Corrupt | BufferUnderflowException e) {
      held.clear(); // unreadable or damaged: as if there were none, and rewritten at the end
    }
    return new CachedRuleFiles(owner, file, held);
  }

  /**
   * Whether the cache file is a plain file of the running user's that no one else may write. A
   * cache is believed (its rules are the rules that run), so a folder shared with other users, such
   * as one under /tmp, must not let them plant one: a cache of SigmaHQ's public rules with their
   * detections emptied would pass every other check. Where the file system has no POSIX owners and
   * modes, the folder's own permissions decide.
   */
  static boolean theUsersOwn(Path file) throws IOException {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      return true;
    }
    Set<PosixFilePermission> modes = attributes.permissions();
    return attributes.isRegularFile() && !modes.contains(PosixFilePermission.GROUP_WRITE)
        && !modes.contains(PosixFilePermission.OTHERS_WRITE)
        && attributes.owner().getName().equals(System.getProperty("user.name"));
  }

  private static int checksum(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  private static Slice slice(ByteBuffer in) {
    int length = ParsedFileCodec.count(in);
    Slice s = new Slice(in.array(), in.position(), length);
    in.position(in.position() + length);
    return s;
  }

  /** What parsing the file gave, when the cache holds the file with exactly these bytes; else null. */
  RuleFiles.Parsed lookup(String name, byte[] content) {
    Entry entry = held.get(name);
    if (entry == null || !entry.content().holds(content)) {
      return null;
    }
    RuleFiles.Parsed parsed;
    try {
      parsed = ParsedFileCodec.decode(name, entry.parsed().buffer());
    } catch (ParsedFileCodec.Corrupt e) {
      return null; // parsed again, and the entry replaced
    }
    loaded.put(name, entry);
    return parsed;
  }

  /** Keeps what parsing the file gave, for the next load. */
  void remember(String name, byte[] content, RuleFiles.Parsed parsed) {
    if (this == NONE) {
      return;
    }
    byte[] encoded;
    try {
      encoded = ParsedFileCodec.encode(parsed);
    } catch (IllegalArgumentException e) {
      return; // a value the codec does not know: this file is parsed every time
    }
    loaded.put(name, new Entry(new Slice(content), new Slice(encoded)));
    parsedAny = true;
  }

  /**
   * Writes the cache of this load's files, when it differs from the one read: files parsed now, or
   * files the old cache held that this load did not read.
   */
  void save() {
    if (this == NONE || loaded.isEmpty()) {
      return;
    }
    if (!parsedAny && loaded.size() == held.size()) {
      owner.touch(file);
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeLong(RuleFileCache.codeFingerprint());
      Map<String, Entry> sorted = new TreeMap<>(loaded);
      out.writeInt(sorted.size());
      for (Map.Entry<String, Entry> e : sorted.entrySet()) {
        ParsedFileCodec.writeString(out, e.getKey());
        write(out, e.getValue().content());
        write(out, e.getValue().parsed());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    byte[] cache = Arrays.copyOf(bytes.toByteArray(), bytes.size() + Integer.BYTES);
    ByteBuffer.wrap(cache).putInt(bytes.size(), checksum(cache, bytes.size()));
    owner.write(file, cache);
  }

  private static void write(DataOutputStream out, Slice slice) throws IOException {
    out.writeInt(slice.length());
    out.write(slice.array(), slice.offset(), slice.length());
  }
}
