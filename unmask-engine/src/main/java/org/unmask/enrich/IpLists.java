package org.unmask.enrich;

import java.io.BufferedReader;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The address lists that mark an address as VPN, hosting, Tor exit or North Korean, and the
 * readers for their upstream text formats (which the data-directory overrides accept as is).
 */
final class IpLists {

  static final String VPN = "vpn";
  static final String DATACENTER = "datacenter";
  static final String TOR = "tor";
  static final String DPRK = "dprk";
  static final String PRIVATE_RELAY = "icloud_private_relay";

  /** DPRK range values: the confidence column of kp-ip-ranges.csv. */
  static final int DPRK_LOW = 1;
  static final int DPRK_HIGH = 2;

  private static final int MAGIC = 0x554d4c53; // "UMLS"

  private IpLists() {}

  /**
   * X4BNet format: one CIDR (or address) a line; blank lines and {@code #} comments ignored. Only
   * the first comma-separated field counts, so Apple's egress-ip-ranges.csv
   * ({@code prefix,country,region,city,}) reads as is.
   */
  static int readCidrLines(BufferedReader reader, RangeTable.Builder into) throws IOException {
    int skipped = 0;
    for (String line; (line = reader.readLine()) != null; ) {
      int hash = line.indexOf('#');
      String s = hash >= 0 ? line.substring(0, hash) : line;
      int comma = s.indexOf(',');
      s = (comma >= 0 ? s.substring(0, comma) : s).strip();
      if (!s.isEmpty() && !into.add(s, 1)) {
        skipped++;
      }
    }
    return skipped;
  }

  /**
   * Tor exits: either the Tor Project's bulk exit list (one address a line) or a CSV such as
   * {@code fingerprint, ipaddr, port}: the first comma-separated field that is an address counts.
   */
  static int readTorExits(BufferedReader reader, RangeTable.Builder into) throws IOException {
    int skipped = 0;
    for (String line; (line = reader.readLine()) != null; ) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      IpAddress found = null;
      for (String field : line.split(",", 4)) {
        found = IpAddress.parse(field);
        if (found != null) {
          break;
        }
      }
      if (found == null) {
        skipped++; // includes the header row
      } else {
        into.add(found, found, 1);
      }
    }
    return skipped;
  }

  /**
   * kp-ip-ranges.csv: {@code cidr_or_range,...,confidence,...} with a header. High-confidence rows
   * are added first so they win where a low-confidence row overlaps them.
   */
  static int readDprkRanges(BufferedReader reader, RangeTable.Builder into) throws IOException {
    int skipped = 0;
    var rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
    for (int pass = DPRK_HIGH; pass >= DPRK_LOW; pass--) {
      for (CSVRecord row : rows) {
        int confidence = "high".equalsIgnoreCase(value(row, "confidence")) ? DPRK_HIGH : DPRK_LOW;
        if (confidence != pass) {
          continue;
        }
        String block = value(row, "cidr_or_range");
        if (block == null || !into.add(block, confidence)) {
          skipped++;
        }
      }
    }
    return skipped;
  }

  private static String value(CSVRecord row, String column) {
    return row.isMapped(column) && row.isSet(column) ? row.get(column).strip() : null;
  }

  static void write(Map<String, RangeTable> lists, DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    Varints.writeUnsigned(out, lists.size());
    for (Map.Entry<String, RangeTable> e : lists.entrySet()) {
      out.writeUTF(e.getKey());
      e.getValue().write(out);
    }
  }

  static Map<String, RangeTable> read(DataInput in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not an Unmask IP list file (bad magic number)");
    }
    int n = Math.toIntExact(Varints.readUnsigned(in));
    Map<String, RangeTable> lists = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      lists.put(in.readUTF(), RangeTable.read(in));
    }
    return lists;
  }
}
