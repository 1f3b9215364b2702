package org.unmask.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Builds the compact RMM catalogue (from LOLRMM's api/rmm_tools.json, api/rmm_certificates.json,
 * api/rmm_domains.csv) and the hardware-id tables (usb.ids, pnp.ids). Part of
 * {@link EnrichmentResourceGenerator}.
 */
final class CatalogueGenerator {

  /**
   * Facts LOLRMM lacks, each with its reason. AnyDesk's publisher was called philandro Software
   * GmbH until 2018 and older AnyDesk builds (still common, and named in the contract's example)
   * carry that signer; LOLRMM only has it under ShowMyPC, which bundles AnyDesk.
   */
  private static final Map<String, List<String>> EXTRA_SIGNERS = Map.of("AnyDesk", List.of("philandro Software GmbH"));

  private CatalogueGenerator() {}

  static void generate(Path data, Path out) throws IOException {
    generateRmm(data.resolve("lolrmm"), out);
    generateUsb(data.resolve("hardware-ids/usb.ids"), out);
    generatePnp(data.resolve("hardware-ids/pnp.ids"), out);
  }

  private static void generateRmm(Path lolrmm, Path out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode tools = json.readTree(lolrmm.resolve("api/rmm_tools.json").toFile());
    Map<String, Set<String>> extraDomains = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(lolrmm.resolve("api/rmm_domains.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        extraDomains.computeIfAbsent(row.get("RMM_Tool").strip(), k -> new LinkedHashSet<>()).add(row.get("URI"));
      }
    }
    Map<String, Set<String>> certSigners = new LinkedHashMap<>();
    Map<String, Set<String>> certNames = new LinkedHashMap<>();
    for (JsonNode c : json.readTree(lolrmm.resolve("api/rmm_certificates.json").toFile())) {
      String name = c.path("name").asText();
      for (JsonNode s : c.path("signer_names")) {
        certSigners.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(s.asText());
      }
      for (JsonNode s : c.path("search_names")) {
        certNames.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(s.asText());
      }
    }
    List<RmmTool> result = new ArrayList<>();
    for (JsonNode t : tools) {
      String name = t.path("Name").asText().strip();
      Set<String> processes = new LinkedHashSet<>();
      JsonNode pe = t.path("Details").path("PEMetadata");
      for (JsonNode p : pe.isArray() ? pe : List.of(pe)) {
        addExecutable(processes, p.path("Filename").asText(""), false);
        addExecutable(processes, p.path("OriginalFileName").asText(""), false);
      }
      for (JsonNode d : t.path("Artifacts").path("Disk")) {
        if (!"Regex".equalsIgnoreCase(d.path("Type").asText())) {
          addExecutable(processes, d.path("File").asText(""), true);
        }
      }
      List<String> paths = new ArrayList<>();
      for (JsonNode p : t.path("Details").path("InstallationPaths")) {
        paths.add(p.asText());
        addExecutable(processes, p.asText(), true);
      }
      for (String n : certNames.getOrDefault(name, Set.of())) {
        addExecutable(processes, n, true);
      }
      Set<String> signers = new LinkedHashSet<>();
      JsonNode signing = t.path("CodeSigning");
      signing.path("signer_names").forEach(s -> signers.add(s.asText().strip()));
      signing.path("certificates").forEach(c -> signers.add(c.path("signer_name").asText("").strip()));
      certSigners.getOrDefault(name, Set.of()).forEach(s -> signers.add(s.strip()));
      signers.addAll(EXTRA_SIGNERS.getOrDefault(name, List.of()));
      signers.remove("");
      Set<String> domains = new LinkedHashSet<>();
      for (JsonNode n : t.path("Artifacts").path("Network")) {
        n.path("Domains").forEach(d -> addDomain(domains, d.asText()));
      }
      extraDomains.getOrDefault(name, Set.of()).forEach(d -> addDomain(domains, d));
      Set<String> services = new LinkedHashSet<>();
      for (JsonNode e : t.path("Artifacts").path("EventLog")) {
        String service = e.path("ServiceName").asText("").strip();
        if (!service.isEmpty()) {
          services.add(service);
        }
      }
      result.add(new RmmTool(name, t.path("Category").asText(""), t.path("Details").path("Website").asText(""),
          List.copyOf(processes), paths, List.copyOf(signers), List.copyOf(domains), List.copyOf(services)));
    }
    try (OutputStream o = EnrichmentResourceGenerator.gzip(out.resolve(RmmCatalog.RESOURCE))) {
      json.writeValue(o, result);
    }
    System.out.printf("rmm: %d tools%n", result.size());
  }

  /** Keeps the file name when it is an executable ({@code .exe}), or any bare name when not a path. */
  private static void addExecutable(Set<String> into, String pathOrName, boolean executablesOnly) {
    String name = RmmCatalog.baseName(pathOrName.strip()).toLowerCase(Locale.ROOT).strip();
    if (name.isEmpty() || name.equals("*") || name.contains("<") || name.contains("%")) {
      return;
    }
    if (!executablesOnly || name.endsWith(".exe")) {
      into.add(name);
    }
  }

  /**
   * Domains as LOLRMM writes them, made lookup-ready: lower case, no scheme, path or port, and
   * regular-expression parts ({@code relay-[a-f0-9]{8}.net.anydesk.com}) replaced by {@code *}.
   */
  private static void addDomain(Set<String> into, String raw) {
    String d = raw.strip().toLowerCase(Locale.ROOT);
    int scheme = d.indexOf("://");
    if (scheme >= 0) {
      d = d.substring(scheme + 3);
    }
    int slash = d.indexOf('/');
    if (slash >= 0) {
      d = d.substring(0, slash);
    }
    int colon = d.indexOf(':');
    if (colon >= 0) {
      d = d.substring(0, colon);
    }
    d = d.replaceAll("\\[[^\\]]*\\](\\{[0-9,]+\\}|[+*?])?", "*").replaceAll("\\*+", "*");
    if (d.indexOf('.') > 0 && !d.equals("*") && d.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-.*_".indexOf(c) >= 0)) {
      into.add(d);
    }
  }

  private static void generateUsb(Path usbIds, Path out) throws IOException {
    Map<String, String> rows = new TreeMap<>();
    String vendor = null;
    try (BufferedReader r = Files.newBufferedReader(usbIds, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("# List of known device classes")) {
          break; // the rest of the file is classes, languages, HID usages: not ids
        }
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.charAt(0) != '\t' && line.length() > 6 && HardwareIds.hex4(line.substring(0, 4)) != null) {
          vendor = line.substring(0, 4).toLowerCase(Locale.ROOT);
          rows.put(vendor, line.substring(4).strip());
        } else if (vendor != null && line.startsWith("\t") && !line.startsWith("\t\t") && line.length() > 7
            && HardwareIds.hex4(line.substring(1, 5)) != null) {
          rows.put(vendor + ":" + line.substring(1, 5).toLowerCase(Locale.ROOT), line.substring(5).strip());
        }
      }
    }
    writeTsv(rows, out.resolve(HardwareIds.USB_RESOURCE));
    System.out.printf("usb ids: %d%n", rows.size());
  }

  private static void generatePnp(Path pnpIds, Path out) throws IOException {
    Map<String, String> rows = new TreeMap<>();
    for (String line : Files.readAllLines(pnpIds, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab == 3) {
        rows.put(line.substring(0, 3).toUpperCase(Locale.ROOT), line.substring(4).strip());
      }
    }
    writeTsv(rows, out.resolve(HardwareIds.PNP_RESOURCE));
    System.out.printf("pnp ids: %d%n", rows.size());
  }

  private static void writeTsv(Map<String, String> rows, Path file) throws IOException {
    try (Writer w = new OutputStreamWriter(EnrichmentResourceGenerator.gzip(file), StandardCharsets.UTF_8)) {
      for (Map.Entry<String, String> e : rows.entrySet()) {
        w.write(e.getKey() + "\t" + e.getValue().replace('\t', ' ') + "\n");
      }
    }
  }
}
