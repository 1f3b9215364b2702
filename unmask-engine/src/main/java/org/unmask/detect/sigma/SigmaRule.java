package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a Sigma rule says about itself: the metadata a finding carries. The detection logic lives in
 * the compiled rule set, not here.
 *
 * @param id the rule's {@code id} (a UUID by convention), or empty
 * @param name the rule's {@code name} (correlation rules may reference rules by it), or empty
 * @param title the title
 * @param status {@code stable}, {@code test}, {@code experimental}, {@code deprecated},
 *     {@code unsupported} or empty
 * @param level {@code informational}, {@code low}, {@code medium}, {@code high},
 *     {@code critical} or empty
 * @param description the description, or empty
 * @param author the author, or empty
 * @param references the references
 * @param falsepositives the known false positives
 * @param tags the tags as written ({@code attack.t1219})
 * @param logsource the logsource ({@code product}, {@code category}, {@code service}, ...)
 * @param file the file the rule was read from
 * @param line the line its document starts on
 */
public record SigmaRule(
    String id,
    String name,
    String title,
    String status,
    String level,
    String description,
    String author,
    List<String> references,
    List<String> falsepositives,
    List<String> tags,
    Map<String, String> logsource,
    String file,
    int line) {

  public SigmaRule {
    references = List.copyOf(references);
    falsepositives = List.copyOf(falsepositives);
    tags = List.copyOf(tags);
    logsource = Map.copyOf(logsource);
  }

  /**
   * The ATT&CK technique ids among the tags, upper-cased: {@code attack.t1219} gives {@code T1219},
   * {@code attack.t1562.001} gives {@code T1562.001}. Tactics and groups are left out.
   */
  public List<String> attackIds() {
    List<String> ids = new ArrayList<>();
    for (String tag : tags) {
      String t = tag.toLowerCase(Locale.ROOT);
      if (t.startsWith("attack.t") && t.length() > 9 && Character.isDigit(t.charAt(8))) {
        String id = t.substring(7).toUpperCase(Locale.ROOT);
        if (!ids.contains(id)) {
          ids.add(id);
        }
      }
    }
    return ids;
  }
}
