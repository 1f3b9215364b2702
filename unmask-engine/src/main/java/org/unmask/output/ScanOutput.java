package org.unmask.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.unmask.scan.ScanResult;

/**
 * Writes the contract's outputs into a folder: findings.jsonl, persons.jsonl, farms.jsonl,
 * applicants.jsonl and report.html, and the farms' infrastructure as STIX 2.1 and as a MISP event
 * (indicators.stix.json, indicators.misp.json), each atomically. rejected.jsonl is written by the
 * {@link RejectedFile} while the scan runs, since rejections can outnumber memory.
 */
public final class ScanOutput {

  private ScanOutput() {}

  public static void write(Path outDir, ScanResult result, String datasetName) throws IOException {
    Files.createDirectories(outDir);
    AtomicFile.write(outDir.resolve("findings.jsonl"), out -> JsonLines.write(out, result.findings(), JsonLines::finding));
    AtomicFile.write(outDir.resolve("persons.jsonl"), out -> JsonLines.write(out, result.persons(), JsonLines::person));
    AtomicFile.write(outDir.resolve("farms.jsonl"), out -> JsonLines.write(out, result.farms(), JsonLines::farm));
    AtomicFile.write(outDir.resolve("applicants.jsonl"), out -> JsonLines.write(out, result.applicants(), JsonLines::applicant));
    AtomicFile.write(outDir.resolve("report.html"), out -> HtmlReport.write(out, result, datasetName));
    AtomicFile.write(outDir.resolve("indicators.stix.json"), out -> IndicatorExport.writeStix(out, result));
    AtomicFile.write(outDir.resolve("indicators.misp.json"), out -> IndicatorExport.writeMisp(out, result));
  }

  /** Writes only applicants.jsonl and farms.jsonl (and the report), for the recruiter's `vet` run. */
  public static void writeVetting(Path outDir, ScanResult result, String datasetName) throws IOException {
    Files.createDirectories(outDir);
    AtomicFile.write(outDir.resolve("farms.jsonl"), out -> JsonLines.write(out, result.farms(), JsonLines::farm));
    AtomicFile.write(outDir.resolve("applicants.jsonl"), out -> JsonLines.write(out, result.applicants(), JsonLines::applicant));
  }
}
