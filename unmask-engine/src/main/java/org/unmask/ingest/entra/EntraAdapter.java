package org.unmask.ingest.entra;

import static org.unmask.ingest.VendorFields.add;
import static org.unmask.ingest.VendorFields.dataset;
import static org.unmask.ingest.VendorFields.firstText;
import static org.unmask.ingest.VendorFields.get;
import static org.unmask.ingest.VendorFields.has;
import static org.unmask.ingest.VendorFields.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.unmask.ingest.Timestamps;
import org.unmask.ingest.VendorAdapter;
import org.unmask.ingest.VendorFields;

/**
 * Microsoft Entra ID (Azure AD) sign-in logs in both shapes they are exported in:
 *
 * <ul>
 *   <li>Microsoft Graph {@code /auditLogs/signIns}: fields at the top ({@code createdDateTime},
 *       {@code userPrincipalName}, {@code ipAddress}, {@code status.errorCode}, {@code location.*});
 *   <li>Azure Monitor / Log Analytics diagnostic export: an envelope ({@code time},
 *       {@code category}, {@code operationName}, {@code resultType}) around {@code properties.*},
 *       which holds the Graph fields.
 * </ul>
 *
 * User sign-ins become {@code idp.signin}; service-principal and managed-identity sign-ins (apps,
 * not people) {@code entra.service_signin}; other Azure Monitor records of Entra (audit logs) are
 * kept as {@code entra.audit} with the initiating user and caller IP.
 */
public final class EntraAdapter implements VendorAdapter {

  private static final Set<String> USER_SIGNIN_CATEGORIES =
      Set.of("signinlogs", "noninteractiveusersigninlogs");
  /** Sign-ins of applications, not people: kept apart so person detectors never see them. */
  private static final Set<String> SERVICE_SIGNIN_CATEGORIES =
      Set.of("serviceprincipalsigninlogs", "managedidentitysigninlogs");

  @Override
  public String name() {
    return "entra";
  }

  @Override
  public boolean recognises(Map<String, Object> f) {
    return isGraphSignin(f) || isMonitor(f);
  }

  private static boolean isGraphSignin(Map<String, Object> f) {
    return has(f, "userPrincipalName") && (has(f, "createdDateTime") || has(f, "status.errorCode"));
  }

  private static boolean isMonitor(Map<String, Object> f) {
    return has(f, "operationName") && has(f, "category")
        && (has(f, "properties.userPrincipalName") || has(f, "resourceId") || has(f, "tenantId")
            || has(f, "properties.activityDisplayName"));
  }

  @Override
  public String timeField(Map<String, Object> adapted) {
    if (isGraphSignin(adapted) && !isMonitor(adapted)) {
      return "createdDateTime";
    }
    for (String key : MONITOR_TIME_FIELDS) {
      if (text(adapted, key) != null) {
        return key;
      }
    }
    return null;
  }

  /** Where an Azure Monitor record's time is, in the order it is looked for. */
  private static final String[] MONITOR_TIME_FIELDS = {"time", "properties.createdDateTime", "properties.activityDateTime"};

  @Override
  public void adapt(Map<String, Object> f) {
    if (isGraphSignin(f) && !isMonitor(f)) {
      String created = text(f, "createdDateTime");
      VendorFields.timestamp(f, time(created), created);
      signin(f, "");
      return;
    }
    String when = firstText(f, MONITOR_TIME_FIELDS);
    VendorFields.timestamp(f, time(when), when);
    String category = text(f, "category");
    String operation = text(f, "operationName");
    String lowerCategory = category == null ? "" : category.toLowerCase(Locale.ROOT);
    boolean service = SERVICE_SIGNIN_CATEGORIES.contains(lowerCategory);
    boolean signin = USER_SIGNIN_CATEGORIES.contains(lowerCategory)
        || (!service && "Sign-in activity".equalsIgnoreCase(operation));
    if (service) {
      dataset(f, "entra.service_signin");
      add(f, "event.action", "sign-in");
      add(f, "source.ip", VendorFields.address(firstText(f, "properties.ipAddress", "callerIpAddress")));
      add(f, "service.name", firstText(f, "properties.servicePrincipalName", "properties.appDisplayName"));
      add(f, "event.outcome", outcome(firstText(f, "properties.status.errorCode", "resultType")));
    } else if (signin) {
      signin(f, "properties.");
      add(f, "source.ip", VendorFields.address(get(f, "callerIpAddress")));
      if (get(f, "event.outcome") == null) {
        add(f, "event.outcome", outcome(get(f, "resultType")));
      }
      String country = text(f, "location");
      if (country != null && country.length() == 2) {
        add(f, "source.geo.country_iso_code", country.toUpperCase(Locale.ROOT));
      }
    } else {
      dataset(f, "entra.audit");
      add(f, "event.action", operation);
      add(f, "source.ip", VendorFields.address(firstText(f, "callerIpAddress", "properties.initiatedBy.user.ipAddress")));
      String upn = firstText(f, "properties.initiatedBy.user.userPrincipalName", "identity");
      if (upn != null && upn.indexOf('@') > 0) {
        add(f, "user.email", upn.toLowerCase(Locale.ROOT));
      }
      add(f, "event.outcome", outcome(firstText(f, "properties.result", "resultType")));
    }
  }

  private static void signin(Map<String, Object> f, String p) {
    dataset(f, "idp.signin");
    add(f, "event.action", "sign-in");
    add(f, "event.category", List.of("authentication"));
    String upn = text(f, p + "userPrincipalName");
    if (upn != null && upn.indexOf('@') > 0) {
      add(f, "user.email", upn.toLowerCase(Locale.ROOT));
    }
    add(f, "user.id", text(f, p + "userId"));
    add(f, "source.ip", VendorFields.address(get(f, p + "ipAddress")));
    add(f, "user_agent.original", text(f, p + "userAgent"));
    add(f, "event.outcome", outcome(get(f, p + "status.errorCode")));
    add(f, "source.geo.country_iso_code", text(f, p + "location.countryOrRegion"));
    add(f, "source.geo.region_name", text(f, p + "location.state"));
    add(f, "source.geo.city_name", text(f, p + "location.city"));
    add(f, "source.geo.location.lat", get(f, p + "location.geoCoordinates.latitude"));
    add(f, "source.geo.location.lon", get(f, p + "location.geoCoordinates.longitude"));
    Object asn = get(f, p + "autonomousSystemNumber");
    if (asn instanceof String s) {
      try {
        asn = Long.valueOf(s.trim());
      } catch (NumberFormatException e) {
        asn = null;
      }
    }
    add(f, "source.as.number", asn);
    add(f, "service.name", text(f, p + "appDisplayName"));
  }

  /** Entra's result code: 0 is success, anything else a failure; "success"/"failure" pass. */
  static String outcome(Object code) {
    if (code == null) {
      return null;
    }
    String s = String.valueOf(code).trim().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      return null;
    }
    return switch (s) {
      case "0", "success" -> "success";
      case "failure", "failed" -> "failure";
      default -> s.chars().allMatch(Character::isDigit) ? "failure" : "unknown";
    };
  }

  private static java.time.Instant time(String s) {
    return s == null ? null : Timestamps.lenient(s);
  }
}
