package org.unmask.ingest.okta;

import static org.unmask.ingest.VendorFields.add;
import static org.unmask.ingest.VendorFields.dataset;
import static org.unmask.ingest.VendorFields.get;
import static org.unmask.ingest.VendorFields.has;
import static org.unmask.ingest.VendorFields.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unmask.ingest.Timestamps;
import org.unmask.ingest.VendorAdapter;
import org.unmask.ingest.VendorFields;

/**
 * Okta System Log events (the {@code /api/v1/logs} JSON). Sign-ins ({@code user.session.start} and
 * {@code user.authentication.*}) become {@code idp.signin}; every other event type is kept as
 * {@code okta.system} with {@code event.action} set to its {@code eventType}.
 */
public final class OktaAdapter implements VendorAdapter {

  @Override
  public String name() {
    return "okta";
  }

  @Override
  public boolean recognises(Map<String, Object> f) {
    return has(f, "eventType")
        && (has(f, "actor.alternateId") || has(f, "actor.id") || has(f, "client.ipAddress") || has(f, "published"));
  }

  @Override
  public String timeField(Map<String, Object> adapted) {
    return "published";
  }

  @Override
  public void adapt(Map<String, Object> f) {
    String type = text(f, "eventType");
    boolean signin = type != null && (type.equals("user.session.start") || type.startsWith("user.authentication."));
    dataset(f, signin ? "idp.signin" : "okta.system");
    String published = text(f, "published");
    if (published != null) {
      VendorFields.timestamp(f, Timestamps.lenient(published), published);
    }
    add(f, "event.action", type);
    if (signin) {
      add(f, "event.category", List.of("authentication"));
    }
    String actor = text(f, "actor.alternateId");
    if (actor != null && actor.indexOf('@') > 0) {
      add(f, "user.email", actor.toLowerCase(Locale.ROOT));
    }
    add(f, "user.full_name", text(f, "actor.displayName"));
    add(f, "source.ip", VendorFields.address(get(f, "client.ipAddress")));
    add(f, "user_agent.original", text(f, "client.userAgent.rawUserAgent"));
    add(f, "event.outcome", outcome(text(f, "outcome.result")));
    add(f, "source.geo.country_name", text(f, "client.geographicalContext.country"));
    add(f, "source.geo.region_name", text(f, "client.geographicalContext.state"));
    add(f, "source.geo.city_name", text(f, "client.geographicalContext.city"));
    add(f, "source.geo.location.lat", get(f, "client.geographicalContext.geolocation.lat"));
    add(f, "source.geo.location.lon", get(f, "client.geographicalContext.geolocation.lon"));
    Object asn = get(f, "securityContext.asNumber");
    add(f, "source.as.number", asn instanceof String s ? parseLong(s) : asn);
    add(f, "source.as.organization.name", VendorFields.firstText(f, "securityContext.asOrg", "securityContext.isp"));
    add(f, "source.domain", text(f, "securityContext.domain"));
  }

  static String outcome(String result) {
    if (result == null) {
      return null;
    }
    return switch (result.toUpperCase(Locale.ROOT)) {
      case "SUCCESS", "ALLOW" -> "success";
      case "FAILURE", "DENY" -> "failure";
      default -> "unknown";
    };
  }

  private static Long parseLong(String s) {
    try {
      return Long.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
