package org.unmask.analytics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.detect.Subjects;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.reference.PerReference;
import org.unmask.reference.Person;
import org.unmask.state.State;

/**
 * An account or laptop still in use after its owner left (THREAT.md S22: workers copy the code,
 * are let go, and extort with it; access that outlives the job is how they keep going). Reads the
 * interactive events ({@link WorkHours#isInteractive}: sign-ins that did not fail, VPN starts, git,
 * proxy requests, process starts) of people whose {@code end_date} has passed. Use on the second
 * day after the last day or later fires; the day after is offboarding's slack. Days are the
 * person's claimed time zone's (UTC when none). Reported again every {@link Refresh#DAYS} days
 * while the use goes on.
 */
public final class AfterDeparture implements Detector<AfterDeparture.Use> {

  static final RuleSpec ACTIVE_AFTER_DEPARTURE = new RuleSpec(
      "unmask.account.active_after_departure", "Account or laptop in use after the employee left",
      Severity.HIGH, List.of("T1078"), "identity", 35);

  /** Days after the last day on which use is still offboarding's lag, not a finding. */
  static final int SLACK_DAYS = 1;

  public static List<RuleSpec> rules() {
    return List.of(ACTIVE_AFTER_DEPARTURE);
  }

  /** Days of use after the departure, and what was reported. */
  public static final class Use {
    public long lastDay = Long.MIN_VALUE;
    public int days;
    public long reportedOn = Refresh.NEVER;
    public int daysAtReport;
  }

  @Override
  public String id() {
    return "unmask.account.after_departure";
  }

  /** Whether the reference data has anyone with an end date: most rosters have none. */
  private final PerReference<Boolean> anyDeparted =
      new PerReference<>(r -> r.people().stream().anyMatch(p -> p.endDate() != null));

  @Override
  public String key(Event event, DetectionContext context) {
    if (!anyDeparted.of(context.reference()) || !WorkHours.isInteractive(event)) {
      return null;
    }
    Person p = Subjects.personOf(event, context.reference());
    return p == null || p.endDate() == null ? null : p.personId();
  }

  @Override
  public void onEvent(Event event, State<Use> state, DetectionContext context) {
    Person person = Subjects.personOf(event, context.reference());
    if (person == null || person.endDate() == null) {
      return;
    }
    ZoneId zone = person.timezone() == null ? ZoneOffset.UTC : person.timezone();
    LocalDate day = event.timestamp().atZone(zone).toLocalDate();
    long daysAfter = day.toEpochDay() - person.endDate().toEpochDay();
    if (daysAfter <= SLACK_DAYS) {
      return;
    }
    Use use = state.value() == null ? new Use() : state.value();
    if (day.toEpochDay() > use.lastDay) {
      use.lastDay = day.toEpochDay();
      use.days++;
    }
    if (Refresh.due(use.reportedOn, day.toEpochDay(), true, use.days > use.daysAtReport)) {
      boolean first = use.reportedOn == Refresh.NEVER;
      use.reportedOn = day.toEpochDay();
      use.daysAtReport = use.days;
      context.emit(ACTIVE_AFTER_DEPARTURE.finding(EntityRef.person(person.personId()), event, String.format(
          "%s left on %s (end_date), yet %s on %s, %d days later%s.", person.personId(), person.endDate(),
          what(event), day, daysAfter, first ? "" : "; in use on " + use.days + " days since the departure")));
    }
    state.update(use);
  }

  /** The use in words, from what the event shows. */
  private static String what(Event event) {
    return switch (event.dataset()) {
      case "idp.signin" -> "their account signed in" + from(event);
      case "vpn.session" -> "their account connected to the VPN" + from(event);
      case "git.audit" -> "their account ran git " + orElse(event.text("event.action"), "activity")
          + (event.text("repository.name") == null ? "" : " on " + event.text("repository.name"));
      case "proxy.http" -> "their account browsed"
          + (event.text("url.domain") == null ? "" : " to " + event.text("url.domain"));
      case "endpoint.process" -> {
        String host = orElse(event.text("host.id"), event.text("host.name"));
        yield (host == null ? "their account" : "their laptop " + host) + " ran "
            + orElse(event.text("process.name"), "a process");
      }
      default -> "their account was used";
    };
  }

  private static String from(Event event) {
    String ip = event.text("source.ip");
    return ip == null ? "" : " from " + ip;
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
