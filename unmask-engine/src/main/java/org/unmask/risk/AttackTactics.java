package org.unmask.risk;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ATT&CK tactic of the techniques Unmask's own content uses, so findings that carry only a
 * technique id still count toward tactic diversity. Unknown techniques count as their own tactic.
 */
public final class AttackTactics {

  private static final Map<String, String> TACTIC_OF_TECHNIQUE = Map.ofEntries(
      Map.entry("T1219", "command-and-control"),      // remote access tools (incl. .003 hardware)
      Map.entry("T1090", "command-and-control"),      // proxy / VPN
      Map.entry("T1572", "command-and-control"),      // protocol tunnelling
      Map.entry("T1133", "initial-access"),           // external remote services
      Map.entry("T1078", "initial-access"),           // valid accounts
      Map.entry("T1200", "initial-access"),           // hardware additions
      Map.entry("T1656", "defense-evasion"),          // impersonation
      Map.entry("T1036", "defense-evasion"),          // masquerading
      Map.entry("T1564", "defense-evasion"),          // hide artifacts
      Map.entry("T1585", "resource-development"),     // establish accounts
      Map.entry("T1586", "resource-development"),     // compromise accounts
      Map.entry("T1589", "reconnaissance"),           // victim identity information
      Map.entry("T1591", "reconnaissance"),           // victim org information
      Map.entry("T1614", "discovery"),                // system location discovery
      Map.entry("T1213", "collection"),               // data from information repositories
      Map.entry("T1530", "collection"),               // data from cloud storage
      Map.entry("T1560", "collection"),               // archive collected data
      Map.entry("T1567", "exfiltration"),             // exfiltration over web service
      Map.entry("T1048", "exfiltration"),             // exfiltration over alternative protocol
      Map.entry("T1657", "impact"),                   // financial theft
      Map.entry("T1565", "impact"));

  private AttackTactics() {}

  /** The tactic of a technique id such as {@code T1219} or {@code T1219.003}. */
  public static String tacticOf(String technique) {
    String t = technique.toUpperCase(Locale.ROOT);
    int dot = t.indexOf('.');
    String base = dot < 0 ? t : t.substring(0, dot);
    return TACTIC_OF_TECHNIQUE.getOrDefault(base, base);
  }

  /** Tactics of several techniques, plus any tactic names given directly (Sigma tags). */
  public static Set<String> tacticsOf(Collection<String> techniques) {
    Set<String> out = new TreeSet<>();
    for (String t : techniques) {
      out.add(tacticOf(t));
    }
    return out;
  }
}
