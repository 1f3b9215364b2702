package org.unmask.privacy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The pseudonym key on disk: 32 random bytes as 64 hex digits on one line. Created on first use
 * with owner-only permissions; an existing file is never rewritten, because a new key would give
 * every person a new pseudonym and break the link between old and new reports.
 */
final class KeyFile {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private KeyFile() {}

  static byte[] loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      try {
        create(file);
      } catch (FileAlreadyExistsException raced) {
        // Another process created it first; read theirs so both agree.
      }
    }
    return load(file);
  }

  /** The key in an existing file; never creates one. */
  static byte[] load(Path file) throws IOException {
    String text = Files.readString(file).strip();
    try {
      byte[] key = HexFormat.of().parseHex(text);
      if (key.length < 16) {
        throw new IOException("the key holds " + key.length + " bytes; expected 32 (64 hex digits)");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new IOException("the key file is not 64 hex digits", e);
    }
  }

  private static void create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      // Created 0600 atomically, so the key is never readable by others even for an instant.
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
  }
}
