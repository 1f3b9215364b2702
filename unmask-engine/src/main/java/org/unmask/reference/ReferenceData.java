package org.unmask.reference;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The slow-changing facts a scan joins telemetry against: the roster, devices, applicants,
 * payroll changes and watchlists. Immutable; built once per scan (or broadcast in Flink).
 */
public final class ReferenceData {

  private final List<Person> people;
  private final List<Device> devices;
  private final List<Applicant> applicants;
  private final List<PayrollChange> payroll;
  private final List<WatchlistEntry> watchlist;
  private final Map<String, Person> personById = new HashMap<>();
  private final Map<String, Person> personByEmail = new HashMap<>();
  private final Map<String, Person> personByUserName = new HashMap<>();
  private final Map<String, Device> deviceById = new HashMap<>();
  private final Map<String, Device> deviceByLowerCaseId = new HashMap<>();
  private final Map<String, Device> deviceByHostname = new HashMap<>();

  public ReferenceData(
      List<Person> people,
      List<Device> devices,
      List<Applicant> applicants,
      List<PayrollChange> payroll,
      List<WatchlistEntry> watchlist) {
    this.people = List.copyOf(people);
    this.devices = List.copyOf(devices);
    this.applicants = List.copyOf(applicants);
    this.payroll = List.copyOf(payroll);
    this.watchlist = List.copyOf(watchlist);
    for (Person p : this.people) {
      personById.putIfAbsent(p.personId(), p);
      if (p.email() != null) {
        String email = p.email().toLowerCase(Locale.ROOT);
        personByEmail.putIfAbsent(email, p);
        int at = email.indexOf('@');
        if (at > 0) {
          personByUserName.putIfAbsent(email.substring(0, at), p);
        }
      }
    }
    for (Device d : this.devices) {
      deviceById.putIfAbsent(d.deviceId(), d);
      deviceByLowerCaseId.putIfAbsent(d.deviceId().toLowerCase(Locale.ROOT), d);
      if (d.hostname() != null) {
        deviceByHostname.putIfAbsent(d.hostname().toLowerCase(Locale.ROOT), d);
      }
    }
  }

  public static ReferenceData empty() {
    return new ReferenceData(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public List<Person> people() {
    return people;
  }

  public List<Device> devices() {
    return devices;
  }

  public List<Applicant> applicants() {
    return applicants;
  }

  public List<PayrollChange> payroll() {
    return payroll;
  }

  public List<WatchlistEntry> watchlist() {
    return watchlist;
  }

  public Optional<Person> person(String personId) {
    return Optional.ofNullable(personId == null ? null : personById.get(personId));
  }

  /** The person whose work email this is, case-insensitively. */
  public Optional<Person> personByEmail(String email) {
    return Optional.ofNullable(email == null ? null : personByEmail.get(email.toLowerCase(Locale.ROOT)));
  }

  /**
   * The person whose work email starts with this local part (endpoint events carry
   * {@code user.name}, e.g. {@code ana.ruiz}, or a {@code DOMAIN\\user} form). A user name that
   * is an e-mail address (an Entra or Okta login) must be the work e-mail itself: the same local
   * part at another domain is someone else.
   */
  public Optional<Person> personByUserName(String userName) {
    if (userName == null) {
      return Optional.empty();
    }
    if (userName.indexOf('@') >= 0) {
      return personByEmail(userName.trim());
    }
    String name = userName.toLowerCase(Locale.ROOT);
    int slash = name.lastIndexOf('\\');
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    return Optional.ofNullable(personByUserName.get(name));
  }

  /**
   * The device with this id; an id that differs only in case is the same device (one tool writes
   * an agent id in upper case, another in lower).
   */
  public Optional<Device> device(String deviceId) {
    if (deviceId == null) {
      return Optional.empty();
    }
    Device d = deviceById.get(deviceId);
    return Optional.ofNullable(d != null ? d : deviceByLowerCaseId.get(deviceId.toLowerCase(Locale.ROOT)));
  }

  /**
   * The device with this host name, case-insensitively; a fully qualified name matches on its first
   * label. Windows events name the computer, not the agent's device id.
   */
  public Optional<Device> deviceByHostname(String hostname) {
    if (hostname == null) {
      return Optional.empty();
    }
    String h = hostname.toLowerCase(Locale.ROOT);
    Device d = deviceByHostname.get(h);
    int dot = h.indexOf('.');
    if (d == null && dot > 0) {
      d = deviceByHostname.get(h.substring(0, dot));
    }
    return Optional.ofNullable(d);
  }

  /** Devices by id, read-only. */
  public Map<String, Device> devicesById() {
    return Collections.unmodifiableMap(deviceById);
  }
}
