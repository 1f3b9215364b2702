package org.unmask.detect.sigma;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.unmask.detect.EventRules;
import org.unmask.detect.Subjects;
import org.unmask.detect.sigma.correlation.CorrelationEngine;
import org.unmask.detect.sigma.correlation.CorrelationMatch;
import org.unmask.detect.sigma.correlation.CorrelationRule;
import org.unmask.detect.sigma.correlation.MapStateProvider;
import org.unmask.detect.sigma.correlation.StateProvider;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.reference.PerReference;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.reference.Roles;
import org.unmask.risk.RiskPolicy;
import org.unmask.risk.RuleTraits;

/**
 * Sigma rules as a scan runs them: the compiled rule set and its correlations turn events into
 * findings about the person (or, failing that, the device) the event concerns. One finding per
 * rule, entity and UTC day: a tool that starts fifty times a day is one fact that day, and repeats
 * across days are damped by the risk model. Matches on tools and domains the company sanctions
 * ({@link AllowList}) are dropped.
 */
public final class SigmaEventRules implements EventRules {

  /** Where the shipped rules live on the class path. */
  static final String BUILT_IN = "/org/unmask/rules";

  /** Days of reported facts kept: today and the week before, for backlogs that arrive late. */
  public static final int REPORTED_DAYS_KEPT = 8;

  /** Share of points remote-access software findings keep for IT administrators. */
  static final double IT_ROLE_WEIGHT = 0.25;

  private final SigmaRuleSet rules;
  private final CorrelationEngine correlations;
  private final RiskPolicy policy;
  private final Map<String, RuleTraits> traits = new HashMap<>();
  private final Memory memory;
  private long lastExpiryHour = Long.MIN_VALUE;
  private final PerReference<AllowList> allowLists = new PerReference<>(r -> new AllowList(r.watchlist()));

  /**
   * What the rules remember between events: the facts already reported (one finding per rule,
   * entity and UTC day) and the correlation windows. The local scan keeps both in this process
   * ({@link #inProcess()}); the Flink job keeps them in keyed state, so a checkpoint holds them and
   * each subtask remembers only its own entities.
   */
  public interface Memory {

    /** True the first time {@code fact} is offered for {@code day}, false on every later offer. */
    boolean firstReport(LocalDate day, String fact);

    /**
     * Forgets the facts of the UTC days before {@code day}: a server that runs for months must not
     * keep every fact it ever reported. A scan sorts its events and the job orders them by
     * watermark, so neither is asked about a forgotten day; the server judges in arrival order, and
     * an event that arrives more than {@link #REPORTED_DAYS_KEPT} days late (a laptop's week-old
     * backlog) can report its rule a second time for that day.
     */
    void forgetDaysBefore(LocalDate day);

    /** Where correlation windows live. */
    StateProvider correlations();
  }

  /** Memory in this process: facts by day and a map of windows, as the local scan and the server use. */
  public static Memory inProcess() {
    TreeMap<LocalDate, Set<String>> reported = new TreeMap<>();
    StateProvider windows = new MapStateProvider();
    return new Memory() {
      @Override
      public boolean firstReport(LocalDate day, String fact) {
        return reported.computeIfAbsent(day, d -> new HashSet<>()).add(fact);
      }

      @Override
      public void forgetDaysBefore(LocalDate day) {
        reported.headMap(day).clear();
      }

      @Override
      public StateProvider correlations() {
        return windows;
      }
    };
  }

  private SigmaEventRules(SigmaRuleSet rules, CorrelationEngine correlations, RiskPolicy policy, Memory memory) {
    this.memory = memory;
    this.rules = rules;
    this.correlations = correlations;
    this.policy = policy;
    for (SigmaRule r : rules.rules()) {
      traits.put(key(r), traitsOf(r.logsource(), r.tags(), r.attackIds()));
    }
    for (CorrelationRule c : correlations.rules()) {
      traits.put(c.key(), traitsOf(Map.of("category", "correlation"), List.of(), c.attack()));
    }
  }

  /**
   * Loads the shipped rules (unless {@code builtIn} is false) and the user's paths with the ECS
   * pipeline. Problems that stop a rule from loading are errors.
   *
   * @throws IllegalArgumentException listing every rule that cannot be loaded or run
   */
  public static SigmaEventRules load(List<Path> paths, boolean builtIn, RiskPolicy policy) {
    return load(paths, builtIn, policy, inProcess());
  }

  /** As {@link #load(List, boolean, RiskPolicy)}, reading back from {@code cache} the rule files it holds unchanged. */
  public static SigmaEventRules load(List<Path> paths, boolean builtIn, RiskPolicy policy, RuleFileCache cache) {
    return load(paths, builtIn, policy, inProcess(), cache);
  }

  /**
   * As {@link #load(List, boolean, RiskPolicy)}, remembering reported facts and correlation windows
   * in {@code memory} rather than in this process.
   */
  public static SigmaEventRules load(List<Path> paths, boolean builtIn, RiskPolicy policy, Memory memory) {
    return load(paths, builtIn, policy, memory, RuleFileCache.NONE);
  }

  private static SigmaEventRules load(List<Path> paths, boolean builtIn, RiskPolicy policy, Memory memory, RuleFileCache cache) {
    // The shipped rules inside a jar are read through one zip file system shared by the whole JVM,
    // which the first loader to finish would close under the others: loads take turns.
    synchronized (SHIPPED_LOCK) {
      return loadNow(paths, builtIn, policy, memory, cache);
    }
  }

  private static final Object SHIPPED_LOCK = new Object();

  private static SigmaEventRules loadNow(List<Path> paths, boolean builtIn, RiskPolicy policy, Memory memory,
      RuleFileCache cache) {
    List<Path> all = new ArrayList<>();
    FileSystem jar = null;
    try {
      if (builtIn) {
        Path shipped = shippedRules();
        jar = shipped.getFileSystem() == FileSystems.getDefault() ? null : shipped.getFileSystem();
        all.add(shipped);
      }
      all.addAll(paths);
      List<String> errors = new ArrayList<>();
      SigmaRuleSet set = SigmaRuleSet.load(all, Pipeline.named("ecs"), SigmaConfig.defaults(), p -> {
        if (p.isError()) {
          errors.add(p.toString());
        }
      }, cache);
      CorrelationEngine engine = set.correlations(memory.correlations(), p -> errors.add(p.toString()));
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException("cannot load rules:\n  " + String.join("\n  ", errors));
      }
      return new SigmaEventRules(set, engine, policy, memory);
    } finally {
      if (jar != null) {
        try {
          jar.close();
        } catch (IOException | UnsupportedOperationException ignored) {
          // the jar file system may be shared; leaving it open is harmless
        }
      }
    }
  }

  /** The shipped rule folder, inside the jar or on disk. */
  static Path shippedRules() {
    try {
      var url = SigmaEventRules.class.getResource(BUILT_IN);
      if (url == null) {
        throw new IllegalStateException("the shipped rules are missing from the class path (" + BUILT_IN + ")");
      }
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(uri, Map.of());
        }
        return fs.getPath(BUILT_IN);
      }
      return Path.of(uri);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("the shipped rules cannot be opened: " + e.getMessage(), e);
    }
  }

  @Override
  public void match(Event event, ReferenceData reference, Consumer<Finding> out) {
    match(event, reference, prematch(event), out);
  }

  /** The single-event rule matches (the costly index scan); thread-safe. */
  @Override
  public Object prematch(Event event) {
    List<SigmaMatch> matches = new java.util.ArrayList<>(2);
    rules.match(event, matches::add);
    return matches;
  }

  @Override
  public void match(Event event, ReferenceData reference, Object prematched, Consumer<Finding> out) {
    match(event, reference, prematched, out, null);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void match(Event event, ReferenceData reference, Object prematched, Consumer<Finding> out, CorrelationFeed feed) {
    if (prematched == null) {
      prematched = prematch(event);
    }
    expireHourly(event);
    ((List<SigmaMatch>) prematched).forEach(m -> {
      SigmaRule r = m.rule();
      Person person = Subjects.personOf(event, reference);
      if (allowed(event, person, reference)) {
        return; // a sanctioned tool counts nowhere, not even toward "several tools"
      }
      String id = r.id().isEmpty() ? null : r.id();
      String name = r.name().isEmpty() ? null : r.name();
      if (feed == null) {
        correlations.onMatch(id, name, event, c -> out.accept(correlationFinding(c, reference)));
      } else if (correlations.references(id, name)) {
        feed.accept(id, name, event);
      }
      if (correlations.reportsBaseRule(id, name)) {
        Finding f = ruleFinding(r, event, person);
        if (f != null) {
          out.accept(f);
        }
      }
    });
  }

  @Override
  public void correlate(String ruleId, String ruleName, Event event, ReferenceData reference, Consumer<Finding> out) {
    expireHourly(event);
    correlations.onMatch(ruleId, ruleName, event, c -> out.accept(correlationFinding(c, reference)));
  }

  /**
   * Once per hour of event time: windows that went quiet free their state, and the facts of days
   * older than a week go. Both follow a horizon that trails the events' time but moves at most a
   * day per hour seen, and windows are freed a day behind it: one event from a device whose clock
   * is a month ahead (the server judges in arrival order) can neither make the rules forget
   * today's facts, and report every rule again, nor drop the correlation windows in progress.
   */
  private void expireHourly(Event event) {
    long hour = event.timestamp().getEpochSecond() / 3600;
    if (hour != lastExpiryHour) {
      lastExpiryHour = hour;
      Instant t = event.timestamp();
      if (horizon == null) {
        horizon = t;
      } else if (t.isAfter(horizon)) {
        Instant step = horizon.plus(Duration.ofDays(1));
        horizon = t.isAfter(step) ? step : t;
      }
      correlations.expire(horizon.minus(Duration.ofDays(1)));
      memory.forgetDaysBefore(horizon.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(REPORTED_DAYS_KEPT - 1));
    }
  }

  /** How far the events' time has come, moved carefully (see {@link #expireHourly}). */
  private Instant horizon;

  private Finding ruleFinding(SigmaRule r, Event event, Person person) {
    EntityRef entity = entityOf(event, person);
    LocalDate day = event.timestamp().atOffset(ZoneOffset.UTC).toLocalDate();
    if (!memory.firstReport(day, key(r) + "|" + entity)) {
      return null;
    }
    Severity severity = Severity.parse(r.level());
    String subject = entity.type() == EntityRef.Type.PERSON ? entity.id() : "device " + entity.id();
    double points = policy.pointsFor(severity);
    String note = "";
    if (r.attackIds().contains("T1219") && Roles.administersComputers(person)) {
      points *= IT_ROLE_WEIGHT; // remote-support software is an IT administrator's daily tool
      note = "; expected for an IT role, so it weighs little";
    }
    return new Finding(Finding.idOf(key(r), entity, event.source().toString()), key(r), r.title(), severity,
        r.attackIds(), event.timestamp(), entity, points, List.of(event.source()),
        r.title() + " (" + subject + ", " + describe(event) + note + ").");
  }

  private Finding correlationFinding(CorrelationMatch c, ReferenceData reference) {
    Person person = Subjects.personOf(c.trigger(), reference);
    EntityRef entity = entityOf(c.trigger(), person);
    List<SourceRef> evidence = c.evidence().isEmpty() ? List.of(c.trigger().source()) : c.evidence();
    return new Finding(Finding.idOf(c.ruleId(), entity, c.discriminator()), c.ruleId(), c.title(), c.level(),
        c.attack(), c.trigger().timestamp(), entity, policy.pointsFor(c.level()), evidence, c.summary());
  }

  private boolean allowed(Event event, Person person, ReferenceData reference) {
    return allowLists.of(reference).allows(event, person);
  }

  /**
   * The entity a rule's finding about this event would concern: the person the event is about, or
   * failing that its device. Runtimes that partition the rules' memory by entity key by this.
   */
  public static EntityRef subjectOf(Event event, ReferenceData reference) {
    return entityOf(event, Subjects.personOf(event, reference));
  }

  static EntityRef entityOf(Event event, Person person) {
    if (person != null) {
      return EntityRef.person(person.personId());
    }
    for (String field : List.of("host.id", "host.name", "Event.System.Computer", "winlog.computer_name")) {
      String host = event.text(field);
      if (host != null && !host.isBlank()) {
        return EntityRef.device(host);
      }
    }
    return EntityRef.device("unknown-host");
  }

  private static String describe(Event e) {
    for (String field : List.of("process.name", "usb.product", "display.edid.monitor_name", "url.domain",
        "destination.domain", "source.ip", "Event.EventData.Image", "winlog.event_data.Image")) {
      String v = e.text(field);
      if (v != null && !v.isBlank()) {
        return field + " " + (v.length() > 120 ? v.substring(0, 120) + "…" : v);
      }
    }
    return e.dataset() + " event";
  }

  private static String key(SigmaRule r) {
    return !r.id().isEmpty() ? r.id() : !r.name().isEmpty() ? r.name() : r.title();
  }

  static RuleTraits traitsOf(Map<String, String> logsource, List<String> tags, List<String> attack) {
    String source = logsource.getOrDefault("category",
        logsource.getOrDefault("service", logsource.getOrDefault("product", "sigma")));
    Set<String> tactics = new TreeSet<>(org.unmask.risk.AttackTactics.tacticsOf(attack));
    return new RuleTraits(source, tactics);
  }

  @Override
  public RuleTraits traits(String ruleId) {
    return traits.get(ruleId);
  }

  @Override
  public int size() {
    return rules.rules().size() + correlations.rules().size();
  }

  /** The compiled set, for tests and the rules command. */
  public SigmaRuleSet ruleSet() {
    return rules;
  }

  static Stream<Path> ymlFiles(Path root) throws IOException {
    return Files.walk(root).filter(p -> p.toString().endsWith(".yml"));
  }
}
