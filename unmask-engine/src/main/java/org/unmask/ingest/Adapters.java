package org.unmask.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unmask.ingest.elastic.ElasticDefendAdapter;
import org.unmask.ingest.entra.EntraAdapter;
import org.unmask.ingest.okta.OktaAdapter;
import org.unmask.ingest.osquery.OsqueryAdapter;
import org.unmask.ingest.windows.WindowsAdapter;

/**
 * The vendor adapters, in the order their shapes are tried. Windows first: its shapes carry
 * unambiguous keys ({@code Event.System.EventID}, {@code winlog.channel}), as does Elastic
 * Defend's dataset ({@code endpoint.events.*}), while Okta's and osquery's ({@code eventType},
 * {@code name}) are common words.
 */
final class Adapters {

  private final List<VendorAdapter> all =
      List.of(new WindowsAdapter(), new ElasticDefendAdapter(), new OktaAdapter(), new EntraAdapter(), new OsqueryAdapter());

  /** The first adapter that recognises the shape, or null. */
  VendorAdapter recognise(Map<String, Object> fields) {
    for (VendorAdapter a : all) {
      if (a.recognises(fields)) {
        return a;
      }
    }
    return null;
  }

  /**
   * The adapter a file's location hints at: a folder under {@code events/} named after a vendor
   * ({@code events/okta/2026-05.jsonl}, {@code events/windows/dc01/sysmon.jsonl.gz}). Also
   * accepts {@code azure}, {@code sysmon}, {@code winlogbeat} and {@code evtx}. Null when none.
   */
  VendorAdapter hintFor(String relativePath) {
    String[] parts = relativePath.toLowerCase(Locale.ROOT).split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      String folder = switch (parts[i]) {
        case "azure", "entra", "entraid", "azuread" -> "entra";
        case "sysmon", "winlogbeat", "evtx", "windows" -> "windows";
        case "elastic", "defend", "elastic-defend", "elastic-endpoint" -> "elastic";
        default -> parts[i];
      };
      for (VendorAdapter a : all) {
        if (a.name().equals(folder)) {
          return a;
        }
      }
    }
    return null;
  }
}
