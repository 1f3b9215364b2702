package org.unmask.flink.wire;

/**
 * One reference file as the {@code P.reference} topic carries it: its path in a dataset folder
 * ({@code people.csv}, {@code devices.csv}, {@code applicants.csv}, {@code payroll.csv},
 * {@code watchlists/<name>.csv}) and its whole content; a null content deletes the file.
 */
public final class ReferenceFile {
  public String path;
  public byte[] content;

  public ReferenceFile() {}

  public ReferenceFile(String path, byte[] content) {
    this.path = path;
    this.content = content;
  }
}
