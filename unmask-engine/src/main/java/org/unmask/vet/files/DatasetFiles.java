package org.unmask.vet.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resolves the file names that applicants.csv gives ({@code resume_file}, {@code photo_file})
 * strictly under {@code files/}: no absolute paths, no {@code ..}, no symlink that leaves the
 * folder, regular files only, and a size cap. Every refusal comes back as a plain reason.
 */
public final class DatasetFiles {

  /** The outcome: a readable file, or why not. Exactly one of the two is non-null. */
  public record Resolved(Path path, long size, String problem) {
    public boolean ok() {
      return path != null;
    }
  }

  private final Path root;

  /** @param filesDir the dataset's files/ folder; it may be missing (then nothing resolves) */
  public DatasetFiles(Path filesDir) {
    Path r = null;
    try {
      if (filesDir != null && Files.isDirectory(filesDir)) {
        r = filesDir.toRealPath();
      }
    } catch (IOException e) {
      r = null;
    }
    this.root = r;
  }

  /** Resolves {@code name} under files/, refusing anything larger than {@code maxBytes}. */
  public Resolved resolve(String name, long maxBytes) {
    if (name == null || name.isBlank()) {
      return new Resolved(null, 0, "no file named");
    }
    String n = name.trim();
    if (n.length() > 512 || n.indexOf('\0') >= 0) {
      return new Resolved(null, 0, "file name is not a plain path");
    }
    String slashed = n.replace('\\', '/');
    if (slashed.startsWith("/") || (slashed.length() > 1 && slashed.charAt(1) == ':')) {
      return new Resolved(null, 0, "absolute path '" + printable(n) + "' refused: files must lie under files/");
    }
    if (slashed.startsWith("files/")) {
      slashed = slashed.substring("files/".length());
    }
    for (String part : slashed.split("/")) {
      if (part.equals("..")) {
        return new Resolved(null, 0, "path '" + printable(n) + "' climbs out of files/ with '..'; refused");
      }
    }
    if (root == null) {
      return new Resolved(null, 0, "the dataset has no files/ folder");
    }
    Path p;
    try {
      p = root.resolve(slashed).normalize();
    } catch (InvalidPathException e) {
      return new Resolved(null, 0, "file name '" + printable(n) + "' is not a valid path");
    }
    if (!p.startsWith(root)) {
      return new Resolved(null, 0, "path '" + printable(n) + "' resolves outside files/; refused");
    }
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
      return new Resolved(null, 0, "file '" + printable(n) + "' is missing from files/");
    }
    try {
      Path real = p.toRealPath();
      if (!real.startsWith(root)) {
        return new Resolved(null, 0, "'" + printable(n) + "' is a link that leaves files/; refused");
      }
      if (!Files.isRegularFile(real)) {
        return new Resolved(null, 0, "'" + printable(n) + "' is not a regular file");
      }
      long size = Files.size(real);
      if (size == 0) {
        return new Resolved(null, 0, "file '" + printable(n) + "' is empty (0 bytes)");
      }
      if (size > maxBytes) {
        return new Resolved(null, size, "file '" + printable(n) + "' is " + size + " bytes, over the " + maxBytes
            + "-byte limit");
      }
      return new Resolved(real, size, null);
    } catch (IOException e) {
      return new Resolved(null, 0, "file '" + printable(n) + "' cannot be read: " + e.getClass().getSimpleName());
    }
  }

  /** The lower-case extension of a name, without the dot; empty when none. */
  public static String extension(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    int dot = name.lastIndexOf('.');
    return dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }

  /** A name safe to echo in a rejection: control characters replaced, length capped. */
  public static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 120; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
