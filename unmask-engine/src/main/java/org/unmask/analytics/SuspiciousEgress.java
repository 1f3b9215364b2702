package org.unmask.analytics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.detect.Subjects;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.state.State;

/**
 * Sign-ins, VPN sessions, code pulls and device egress from networks that hide where someone is
 * (commercial VPN, hosting, Tor) or that place them in North Korea, China or Russia (THREAT.md
 * S10, S11, S12). Reads the enrichment the IP enricher adds ({@code source.unmask.*},
 * {@code host.public.unmask.*}, {@code *.geo.country_iso_code}). Allow-listed infrastructure (the
 * office, the company's own VPN) never counts. One finding per person, kind and day: repeats on
 * one day are the same fact.
 */
public final class SuspiciousEgress implements Detector<SuspiciousEgress.Seen> {

  static final RuleSpec ANONYMIZING = new RuleSpec(
      "unmask.egress.anonymizing_network", "Activity through a VPN, hosting or Tor network",
      Severity.MEDIUM, List.of("T1090"), "identity", 12);
  static final RuleSpec ADVERSARY_COUNTRY = new RuleSpec(
      "unmask.egress.adversary_country", "Activity from China or Russia",
      Severity.MEDIUM, List.of("T1078"), "identity", 10); // travellers go there too: weak alone; slips between US sign-ins are impossible travel
  static final RuleSpec NORTH_KOREA = new RuleSpec(
      "unmask.egress.north_korea", "Activity from North Korean address space",
      Severity.CRITICAL, List.of("T1078"), "identity", 60);

  public static List<RuleSpec> rules() {
    return List.of(ANONYMIZING, ADVERSARY_COUNTRY, NORTH_KOREA);
  }

  /** Days already reported, per kind: {@code kind|yyyy-mm-dd}. */
  public static final class Seen {
    public Set<String> reported = new HashSet<>();
  }

  @Override
  public String id() {
    return "unmask.egress";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    String prefix = prefixOf(event);
    if (prefix == null || Boolean.TRUE.equals(event.get(prefix + ".unmask.allow"))) {
      return null;
    }
    return Subjects.personIdOf(event, context.reference());
  }

  /** Which address of this event says where the person is, or null. */
  static String prefixOf(Event event) {
    return switch (event.dataset()) {
      case "idp.signin", "vpn.session", "git.audit" -> event.get("source.ip") != null ? "source" : null;
      case "endpoint.inventory" -> event.get("host.public_ip") != null ? "host.public" : null;
      default -> null;
    };
  }

  @Override
  public void onEvent(Event event, State<Seen> state, DetectionContext context) {
    if ("idp.signin".equals(event.dataset()) && "failure".equalsIgnoreCase(event.text("event.outcome"))) {
      return; // a failed sign-in proves nothing about who holds the account
    }
    String prefix = prefixOf(event);
    String ip = event.text(prefix.equals("source") ? "source.ip" : "host.public_ip");
    String country = event.text(prefix + ".geo.country_iso_code");
    boolean dprk = Boolean.TRUE.equals(event.get(prefix + ".unmask.dprk")) || "KP".equals(country);
    RuleSpec rule;
    String what;
    if (dprk) {
      rule = NORTH_KOREA;
      what = "North Korean address " + ip;
    } else if ("CN".equals(country) || "RU".equals(country)) {
      rule = ADVERSARY_COUNTRY;
      what = ("CN".equals(country) ? "China" : "Russia") + " (" + ip + ", " + asOrg(event, prefix) + ")";
    } else if (Boolean.TRUE.equals(event.get(prefix + ".unmask.private_relay"))) {
      return; // iCloud Private Relay: ordinary Safari users, not a hiding place of choice
    } else if (Boolean.TRUE.equals(event.get(prefix + ".unmask.vpn"))
        || Boolean.TRUE.equals(event.get(prefix + ".unmask.tor"))
        || Boolean.TRUE.equals(event.get(prefix + ".unmask.hosting"))) {
      rule = ANONYMIZING;
      what = network(event, prefix) + " address " + ip + " (" + asOrg(event, prefix) + ")";
    } else {
      return;
    }
    LocalDate day = event.timestamp().atOffset(ZoneOffset.UTC).toLocalDate();
    Seen seen = state.value() == null ? new Seen() : state.value();
    if (!seen.reported.add(rule.id() + "|" + day)) {
      return;
    }
    state.update(seen);
    String personId = Subjects.personIdOf(event, context.reference());
    context.emit(rule.finding(EntityRef.person(personId), event,
        describe(event) + " of " + personId + " came from " + what + "."));
  }

  private static String network(Event event, String prefix) {
    if (Boolean.TRUE.equals(event.get(prefix + ".unmask.tor"))) return "a Tor exit";
    if (Boolean.TRUE.equals(event.get(prefix + ".unmask.vpn"))) return "a commercial VPN";
    return "a hosting-provider";
  }

  private static String asOrg(Event event, String prefix) {
    String org = event.text(prefix + ".as.organization.name");
    Long asn = event.number(prefix + ".as.number");
    if (org == null && asn == null) {
      return "unknown network";
    }
    return (asn == null ? "" : "AS" + asn + " ") + (org == null ? "" : org);
  }

  private static String describe(Event event) {
    return switch (event.dataset()) {
      case "idp.signin" -> "A sign-in";
      case "vpn.session" -> "A corporate VPN session";
      case "git.audit" -> "A source-code " + (event.text("event.action") == null ? "access" : event.text("event.action"));
      default -> "The company laptop's internet egress";
    };
  }
}
