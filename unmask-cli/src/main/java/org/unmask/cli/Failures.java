package org.unmask.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** A failure as the one line a command prints about it. */
final class Failures {

  private Failures() {}

  /** The innermost cause in words: a file-system failure says what happened to which file. */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof FileSystemException fs) {
      String what = fs instanceof AccessDeniedException ? "permission denied"
          : fs instanceof NoSuchFileException ? "no such file or folder"
          : fs instanceof NotDirectoryException ? "not a folder"
          : fs instanceof FileAlreadyExistsException ? "already exists"
          : fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
      if (fs.getFile() == null) {
        return what;
      }
      Path file = Path.of(fs.getFile());
      // a temporary file (an output being written atomically) means nothing to the user; its folder does
      boolean temporary = file.getFileName() != null && file.getFileName().toString().startsWith(".");
      return what + (temporary && file.getParent() != null ? " (writing in " + file.getParent() + ")" : ": " + file);
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
