package org.unmask.enrich;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Regenerates the compact reference files under
 * {@code unmask-engine/src/main/resources/org/unmask/enrich/} from the upstream data in
 * {@code /work/shared/data} (see docs/enrichment.md, "Regenerating the shipped data").
 *
 * <pre>
 * ./mvnw -B -o -q -pl unmask-engine test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.unmask.enrich.EnrichmentResourceGenerator \
 *   -Dexec.args="../shared/data unmask-engine/src/main/resources/org/unmask/enrich"
 * </pre>
 *
 * The output is deterministic (gzip header time is zero), so rerunning on unchanged input leaves
 * git clean.
 */
public final class EnrichmentResourceGenerator {

  private EnrichmentResourceGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: EnrichmentResourceGenerator SHARED_DATA_DIR OUTPUT_RESOURCE_DIR");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    generateIp(data, out);
    CatalogueGenerator.generate(data, out);
  }

  static void generateIp(Path data, Path out) throws IOException {
    // Country: the MaxMind-format file as is, gzipped (the Reader loads it into memory).
    try (InputStream in = Files.newInputStream(data.resolve("geoip/country/geo-whois-asn-country.mmdb"));
        OutputStream gz = gzip(out.resolve(IpIntel.COUNTRY_RESOURCE))) {
      in.transferTo(gz);
    }

    RangeTable.Builder asnRanges = new RangeTable.Builder();
    Map<Integer, String> orgs = new HashMap<>();
    int skipped = 0;
    for (String name : IpIntel.ASN_CSV_FILES) {
      try (BufferedReader r = Files.newBufferedReader(data.resolve("geoip/asn").resolve(name), StandardCharsets.UTF_8)) {
        skipped += AsnTable.readCsv(r, asnRanges, orgs);
      }
    }
    AsnTable asn = new AsnTable(asnRanges.build(), orgs);
    try (var o = new DataOutputStream(gzip(out.resolve(IpIntel.ASN_RESOURCE)))) {
      asn.write(o);
    }
    System.out.printf("asn: %d ranges, %d organisations, %d rows skipped%n", asn.size(), orgs.size(), skipped);

    Map<String, RangeTable> lists = new LinkedHashMap<>();
    Path x4b = data.resolve("ip-ranges/x4bnet-lists_vpn/output");
    for (String name : new String[] {IpLists.VPN, IpLists.DATACENTER}) {
      RangeTable.Builder b = new RangeTable.Builder();
      int bad = 0;
      for (String file : new String[] {"ipv4.txt", "ipv6.txt"}) {
        try (BufferedReader r = Files.newBufferedReader(x4b.resolve(name).resolve(file), StandardCharsets.UTF_8)) {
          bad += IpLists.readCidrLines(r, b);
        }
      }
      lists.put(name, b.build());
      System.out.printf("%s: %d ranges, %d lines skipped%n", name, lists.get(name).size(), bad);
    }
    // Apple iCloud Private Relay egress: part of X4BNet's VPN input, kept apart so detectors can
    // tell ordinary Safari users from commercial VPN customers.
    RangeTable.Builder relay = new RangeTable.Builder();
    try (BufferedReader r = Files.newBufferedReader(x4b.resolveSibling("input/vpn/ips/apple.txt"), StandardCharsets.UTF_8)) {
      IpLists.readCidrLines(r, relay);
    }
    lists.put(IpLists.PRIVATE_RELAY, relay.build());
    RangeTable.Builder tor = new RangeTable.Builder();
    try (BufferedReader r = Files.newBufferedReader(data.resolve("ip-ranges/tor/tor-exits.csv"), StandardCharsets.UTF_8)) {
      IpLists.readTorExits(r, tor);
    }
    lists.put(IpLists.TOR, tor.build());
    RangeTable.Builder dprk = new RangeTable.Builder();
    try (BufferedReader r = Files.newBufferedReader(data.resolve("dprk").resolve(IpIntel.DPRK_FILE), StandardCharsets.UTF_8)) {
      IpLists.readDprkRanges(r, dprk);
    }
    lists.put(IpLists.DPRK, dprk.build());
    System.out.printf("tor: %d, dprk: %d, icloud private relay: %d ranges%n", lists.get(IpLists.TOR).size(),
        lists.get(IpLists.DPRK).size(), lists.get(IpLists.PRIVATE_RELAY).size());
    try (var o = new DataOutputStream(gzip(out.resolve(IpIntel.LISTS_RESOURCE)))) {
      IpLists.write(lists, o);
    }
  }

  /** A gzip stream with a fixed header (no timestamp), so regeneration is byte-for-byte stable. */
  static OutputStream gzip(Path file) throws IOException {
    OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    return new GZIPOutputStream(raw, 1 << 16) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
      }
    };
  }
}
