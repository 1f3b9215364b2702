package org.unmask.server.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.unmask.ingest.ByteOrderMark;
import org.unmask.ingest.Dataset;
import org.unmask.ingest.DatasetException;
import org.unmask.ingest.Rejection;
import org.unmask.reference.ReferenceData;
import org.unmask.server.api.ApiError;

/**
 * The server's own copy of the reference data, laid out as a dataset folder (people.csv,
 * devices.csv, applicants.csv, payroll.csv, watchlists/NAME.csv, files/), so the engine's readers
 * read it exactly as a scan reads a dataset. An update through the API is read from a staging copy
 * first; only a file that reads (rows may be rejected, the file as a whole may not be unreadable)
 * replaces the current one, atomically.
 */
public final class ReferenceFolder {

  /** The reference files the API may replace. */
  public enum Kind {
    PEOPLE("people.csv"),
    DEVICES("devices.csv"),
    APPLICANTS("applicants.csv"),
    PAYROLL("payroll.csv");

    final String file;

    Kind(String file) {
      this.file = file;
    }

    public static Kind parse(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiError.notFound("no reference file '" + name + "'; use people, devices, applicants, payroll or watchlists/NAME");
      }
    }
  }

  /** The outcome of reading the folder. */
  public record Read(ReferenceData reference, List<Rejection> rejections) {}

  /** The outcome of one update. */
  public record Update(int rows, int rejected, List<Rejection> rejections, Read read) {}

  private static final Pattern WATCHLIST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final Path folder;

  public ReferenceFolder(Path folder) {
    this.folder = folder;
    try {
      Files.createDirectories(folder.resolve("watchlists"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the reference folder " + folder + ": " + e.getMessage(), e);
    }
  }

  public Path folder() {
    return folder;
  }

  /** Copies a dataset's reference files (not its events) in, replacing what is there. */
  public void seedFrom(Path dataset) throws IOException {
    for (Kind k : Kind.values()) {
      Path src = dataset.resolve(k.file);
      if (Files.isRegularFile(src)) {
        Files.copy(src, folder.resolve(k.file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (String sub : List.of("watchlists", "files")) {
      Path src = dataset.resolve(sub);
      if (Files.isDirectory(src)) {
        copyTree(src, folder.resolve(sub));
      }
    }
  }

  /** Reads everything, as a scan would. */
  public Read read() {
    List<Rejection> rejections = new ArrayList<>();
    ReferenceData ref = Dataset.open(folder).readReference(rejections::add);
    return new Read(ref, rejections);
  }

  /** Replaces one CSV file after checking that it reads. */
  public synchronized Update replace(Kind kind, byte[] csv) throws IOException {
    return replace(kind.file, csv, rows(kind));
  }

  /**
   * Replaces (or adds) one watchlist after checking that it reads: CSV rows, or a threat-intelligence
   * feed (a STIX 2.1 bundle or a MISP event, JSON), told apart by a {@code .json} name or by the
   * body opening with a JSON object or array.
   */
  public synchronized Update replaceWatchlist(String name, byte[] body) throws IOException {
    boolean feed = name.endsWith(".json") || opensJson(body);
    String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4)
        : name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    if (!WATCHLIST_NAME.matcher(base).matches()) {
      throw ApiError.badRequest("a watchlist name is 1-64 letters, digits, '_', '.' or '-' (got '" + name + "')");
    }
    String file = "watchlists/" + base + (feed ? ".json" : ".csv");
    return replace(file, body, r -> r.watchlist().size());
  }

  /** Whether the body, after a byte order mark and blanks, opens with '{' or '['. */
  private static boolean opensJson(byte[] body) {
    int i = ByteOrderMark.startsAt(body, 0, body.length) ? ByteOrderMark.LENGTH : 0;
    while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
      i++;
    }
    return i < body.length && (body[i] == '{' || body[i] == '[');
  }

  private interface Rows {
    int of(ReferenceData r);
  }

  private static Rows rows(Kind kind) {
    return switch (kind) {
      case PEOPLE -> r -> r.people().size();
      case DEVICES -> r -> r.devices().size();
      case APPLICANTS -> r -> r.applicants().size();
      case PAYROLL -> r -> r.payroll().size();
    };
  }

  private Update replace(String file, byte[] csv, Rows rows) throws IOException {
    Path staging = Files.createTempDirectory(folder.getParent() == null ? folder : folder.getParent(), ".reference-staging");
    try {
      for (Kind k : Kind.values()) {
        Path src = folder.resolve(k.file);
        if (Files.isRegularFile(src)) {
          Files.copy(src, staging.resolve(k.file));
        }
      }
      copyTree(folder.resolve("watchlists"), staging.resolve("watchlists"));
      Path target = staging.resolve(file);
      Files.createDirectories(target.getParent());
      Files.write(target, csv);
      List<Rejection> rejections = new ArrayList<>();
      ReferenceData ref;
      try {
        ref = Dataset.open(staging).readReference(rejections::add);
      } catch (DatasetException e) {
        throw ApiError.badRequest(e.getMessage().replace(staging.toString(), "").replace("cannot read", "cannot read the uploaded"));
      }
      List<Rejection> ofFile = rejections.stream().filter(r -> r.file().endsWith(file)).toList();
      int total = rows.of(ref);
      refuseUnreadable(file, ofFile);
      if (file.startsWith("watchlists/")) {
        // The reference holds every watchlist's rows; count this file's alone.
        Path alone = staging.resolve("alone");
        Files.createDirectories(alone.resolve("watchlists"));
        Files.write(alone.resolve(file), csv);
        total = Dataset.open(alone).readReference(r -> { }).watchlist().size();
      }
      Path tmp = folder.resolve(file + ".tmp");
      Files.createDirectories(tmp.getParent());
      Files.write(tmp, csv);
      Files.move(tmp, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Update(total, ofFile.size(), ofFile, new Read(ref, rejections));
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * An upload that cannot be what it claims (a header without the file's key column: an empty
   * object, a binary body, another export) would replace the server's copy with nothing: the
   * roster would be wiped by one mistaken request. It is refused, and the copy kept.
   */
  private static void refuseUnreadable(String file, List<Rejection> ofFile) {
    for (Rejection r : ofFile) {
      if (r.isMissingKeyColumn()) {
        throw ApiError.badRequest("the uploaded " + file + " cannot be read, nothing was replaced: " + r.reason());
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
