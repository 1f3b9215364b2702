package org.unmask.enrich;

import java.io.BufferedReader;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Address → autonomous system number and organisation. The organisation is stored once per ASN
 * (ip-location-db gives each ASN exactly one name), which is what keeps the table small.
 */
final class AsnTable {

  static final int NONE = -1;
  private static final int MAGIC = 0x554d4153; // "UMAS"

  private final RangeTable ranges;
  private final Map<Integer, String> organizations;

  AsnTable(RangeTable ranges, Map<Integer, String> organizations) {
    this.ranges = ranges;
    this.organizations = organizations;
  }

  static AsnTable empty() {
    return new AsnTable(RangeTable.empty(), Map.of());
  }

  /** The ASN routing the address, or {@link #NONE}. ASNs above 2^31 come back negative. */
  int asn(IpAddress address) {
    return ranges.lookup(address, NONE);
  }

  String organization(int asn) {
    return organizations.get(asn);
  }

  int size() {
    return ranges.size();
  }

  /**
   * Adds the rows of an ip-location-db ASN CSV ({@code ip_range_start,ip_range_end,asn,as_organization},
   * no header). Malformed rows are skipped and counted.
   */
  static int readCsv(BufferedReader reader, RangeTable.Builder ranges, Map<Integer, String> organizations)
      throws IOException {
    int skipped = 0;
    for (CSVRecord row : CSVFormat.RFC4180.builder().get().parse(reader)) {
      if (row.size() < 3) {
        skipped++;
        continue;
      }
      IpAddress first = IpAddress.parse(row.get(0));
      IpAddress last = IpAddress.parse(row.get(1));
      long asn;
      try {
        asn = Long.parseLong(row.get(2).strip());
      } catch (NumberFormatException e) {
        asn = -1;
      }
      if (first == null || last == null || first.v4() != last.v4() || asn < 0 || asn > 0xffffffffL) {
        skipped++;
        continue;
      }
      ranges.add(first, last, (int) asn);
      if (row.size() > 3 && !row.get(3).isBlank()) {
        organizations.putIfAbsent((int) asn, row.get(3).strip());
      }
    }
    return skipped;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    ranges.write(out);
    Map<Integer, String> sorted = new TreeMap<>(organizations);
    Varints.writeUnsigned(out, sorted.size());
    for (Map.Entry<Integer, String> e : sorted.entrySet()) {
      Varints.writeUnsigned(out, e.getKey() & 0xffffffffL);
      out.writeUTF(e.getValue());
    }
  }

  static AsnTable read(DataInput in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not an Unmask ASN table (bad magic number)");
    }
    RangeTable ranges = RangeTable.read(in);
    int n = Math.toIntExact(Varints.readUnsigned(in));
    Map<Integer, String> organizations = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      int asn = (int) Varints.readUnsigned(in);
      organizations.put(asn, in.readUTF().intern());
    }
    return new AsnTable(ranges, organizations);
  }
}
