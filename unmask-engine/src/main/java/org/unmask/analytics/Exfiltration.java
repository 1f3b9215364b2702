package org.unmask.analytics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.detect.Subjects;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.reference.Person;
import org.unmask.state.State;

/**
 * Code and data leaving (THREAT.md S22): pulls (clone, archive download) of restricted
 * repositories and uploads to file-sharing sites, judged per day against the person's own history
 * and the peer group's (the department) with robust statistics, not fixed thresholds. A day is
 * unusual when it beats all four of: an absolute floor, the person's median plus
 * {@code k} median absolute deviations, a multiple of the department's 95th percentile of
 * daily values, and {@link #OWN_PEAK_MULTIPLE} times the person's own busiest day of the last
 * {@link #HISTORY_DAYS} days. The last makes a recurring burst routine: someone who ships a 2 GB
 * video every week or two has a median near zero, yet their second such week is no news, while
 * exfiltration is a burst beyond anything the person did before.
 */
public final class Exfiltration implements Detector<Exfiltration.Department> {

  static final RuleSpec RESTRICTED_PULLS = new RuleSpec(
      "unmask.exfil.restricted_repo_burst", "Unusual pulls of restricted repositories",
      Severity.HIGH, List.of("T1213"), "code", 25);
  static final RuleSpec UPLOADS = new RuleSpec(
      "unmask.exfil.file_sharing_upload", "Unusual upload volume to file-sharing sites",
      Severity.MEDIUM, List.of("T1567"), "network", 18);

  static final int HISTORY_DAYS = 30;
  static final long UPLOAD_FLOOR_BYTES = 200L << 20;
  static final long PULL_FLOOR = 4;
  static final double MAD_K = 6;
  static final double PEER_MULTIPLE = 3;
  static final double OWN_PEAK_MULTIPLE = 2;
  private static final Set<String> FILE_SHARING = loadDomains();

  public static List<RuleSpec> rules() {
    return List.of(RESTRICTED_PULLS, UPLOADS);
  }

  /** Per member of one department: today's running totals and recent daily history. */
  public static final class Department {
    public Map<String, Member> members = new HashMap<>();
  }

  /** One person's daily volumes. */
  public static final class Member {
    public long day = Long.MIN_VALUE;
    public long uploadBytes;
    public long restrictedPulls;
    public boolean uploadReported;
    public boolean pullsReported;
    public List<Long> uploadHistory = new ArrayList<>();
    public List<Long> pullHistory = new ArrayList<>();
  }

  @Override
  public String id() {
    return "unmask.exfil";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    if (!isRestrictedPull(event) && uploadBytes(event) <= 0) {
      return null;
    }
    Person p = Subjects.personOf(event, context.reference());
    if (p == null) {
      return null;
    }
    return "dept:" + (p.department() == null ? "" : p.department().toLowerCase(Locale.ROOT));
  }

  static boolean isRestrictedPull(Event e) {
    if (!"git.audit".equals(e.dataset()) || !"restricted".equalsIgnoreCase(e.text("repository.sensitivity"))) {
      return false;
    }
    String action = e.text("event.action");
    return "clone".equals(action) || "download_zip".equals(action);
  }

  static long uploadBytes(Event e) {
    if (!"proxy.http".equals(e.dataset())) {
      return 0;
    }
    String domain = e.text("url.domain");
    if (domain == null || !isFileSharing(domain.toLowerCase(Locale.ROOT))) {
      return 0;
    }
    Long bytes = e.number("source.bytes");
    return bytes == null ? 0 : Math.max(0, bytes);
  }

  static boolean isFileSharing(String domain) {
    String d = domain;
    while (true) {
      if (FILE_SHARING.contains(d)) {
        return true;
      }
      int dot = d.indexOf('.');
      if (dot < 0) {
        return false;
      }
      d = d.substring(dot + 1);
    }
  }

  @Override
  public void onEvent(Event event, State<Department> state, DetectionContext context) {
    Department dept = state.value() == null ? new Department() : state.value();
    Person person = Subjects.personOf(event, context.reference());
    Member m = dept.members.computeIfAbsent(person.personId(), k -> new Member());
    long day = event.timestamp().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    if (day != m.day) {
      if (m.day != Long.MIN_VALUE) {
        push(m.uploadHistory, m.uploadBytes);
        push(m.pullHistory, m.restrictedPulls);
      }
      m.day = day;
      m.uploadBytes = 0;
      m.restrictedPulls = 0;
      m.uploadReported = false;
      m.pullsReported = false;
    }
    if (isRestrictedPull(event)) {
      m.restrictedPulls++;
      if (!m.pullsReported && unusual(m.restrictedPulls, m.pullHistory, PULL_FLOOR, 1, dept, person.personId(), true)) {
        m.pullsReported = true;
        context.emit(RESTRICTED_PULLS.finding(EntityRef.person(person.personId()), event, String.format(
            "%s pulled restricted repositories %d times on %s (latest: %s %s); their usual day is %d, the department's 95th percentile %d.",
            person.personId(), m.restrictedPulls, event.timestamp().toString().substring(0, 10),
            event.text("event.action"), event.text("repository.name"),
            (long) median(m.pullHistory), (long) peerPercentile(dept, person.personId(), true, 0.95))));
      }
    } else {
      m.uploadBytes += uploadBytes(event);
      if (!m.uploadReported && unusual(m.uploadBytes, m.uploadHistory, UPLOAD_FLOOR_BYTES, 5L << 20, dept, person.personId(), false)) {
        m.uploadReported = true;
        context.emit(UPLOADS.finding(EntityRef.person(person.personId()), event, String.format(
            "%s uploaded %d MB to file-sharing sites on %s (latest to %s); their usual day is %d MB.",
            person.personId(), m.uploadBytes >> 20, event.timestamp().toString().substring(0, 10),
            event.text("url.domain"), ((long) median(m.uploadHistory)) >> 20)));
      }
    }
    state.update(dept);
  }

  private static boolean unusual(long today, List<Long> history, long floor, long minMad,
      Department dept, String self, boolean pulls) {
    if (today < floor) {
      return false;
    }
    double median = median(history);
    double mad = Math.max(mad(history, median), minMad);
    if (today <= median + MAD_K * mad || today <= OWN_PEAK_MULTIPLE * max(history)) {
      return false;
    }
    return today > PEER_MULTIPLE * peerPercentile(dept, self, pulls, 0.95);
  }

  private static double peerPercentile(Department dept, String self, boolean pulls, double q) {
    List<Long> values = new ArrayList<>();
    for (var e : dept.members.entrySet()) {
      if (!e.getKey().equals(self)) {
        values.addAll(pulls ? e.getValue().pullHistory : e.getValue().uploadHistory);
      }
    }
    if (values.isEmpty()) {
      return 0;
    }
    values.sort(null);
    return values.get((int) Math.min(values.size() - 1, Math.floor(q * values.size())));
  }

  private static long max(List<Long> values) {
    long max = 0;
    for (long v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  static double median(List<Long> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  static double mad(List<Long> values, double median) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> deviations = new ArrayList<>();
    for (long v : values) {
      deviations.add(Math.round(Math.abs(v - median)));
    }
    return median(deviations);
  }

  private static void push(List<Long> history, long value) {
    history.add(value);
    if (history.size() > HISTORY_DAYS) {
      history.remove(0);
    }
  }

  private static Set<String> loadDomains() {
    Set<String> set = new HashSet<>();
    try (var in = Exfiltration.class.getResourceAsStream("file-sharing-domains.txt");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.trim().toLowerCase(Locale.ROOT);
        if (!line.isEmpty() && !line.startsWith("#")) {
          set.add(line);
        }
      }
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the shipped file-sharing-domains.txt cannot be read", e);
    }
    return Set.copyOf(set);
  }
}
