package org.unmask.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.unmask.detect.sigma.JsonEvents;
import org.unmask.detect.sigma.LoadProblem;
import org.unmask.detect.sigma.Pipeline;
import org.unmask.detect.sigma.SigmaConfig;
import org.unmask.detect.sigma.SigmaMatch;
import org.unmask.detect.sigma.SigmaRuleSet;
import org.unmask.detect.sigma.correlation.CorrelationEngine;
import org.unmask.detect.sigma.correlation.MapStateProvider;
import org.unmask.event.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code unmask match --rules PATH... [--pipeline NAME] FILE...}: runs Sigma rules over JSON event
 * files and prints one JSON line per match. Each event's shape (evtx_dump JSON, Winlogbeat, ECS)
 * picks its pipeline unless {@code --pipeline} says otherwise. Without rules it only parses, which
 * is the baseline the Sigma benchmark compares against.
 */
@Command(name = "match", mixinStandardHelpOptions = true,
    description = {"Run Sigma rules over JSON events (.jsonl, .ndjson, .json, gzipped or not); one JSON line per match on stdout.",
        "Exit 0 when every rule loaded and ran; 1 when some rule could not be loaded (the others ran); 2 when nothing could run"
            + " (no such rules path, no rule file under it, no event file)."})
final class MatchCommand implements Callable<Integer> {

  @Option(names = "--rules", arity = "1..*", paramLabel = "PATH", description = "Rule files or folders (searched recursively).")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--pipeline", paramLabel = "NAME", description = "ecs, evtx, winlogbeat or none (default: by each event's shape).")
  String pipeline;

  @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = "A value for an |expand placeholder (repeatable).")
  List<String> placeholders = new ArrayList<>();

  /**
   * One per core, up to eight: each thread keeps its own memories of recent values (up to about
   * 20 MB), and the launcher's heap is 2 GB.
   */
  static final int MAX_DEFAULT_THREADS = 8;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads that parse and match (default: one per core, at most 8; each may hold about 20 MB of memories)."
          + " Output and correlations are the same with any number.")
  int threads = Math.min(Runtime.getRuntime().availableProcessors(), MAX_DEFAULT_THREADS);

  @Parameters(arity = "0..*", paramLabel = "FILE",
      description = "Event files or folders, or - for the standard input (JSON lines or evtx_dump records)."
          + " After --rules, event files are recognised by their extension; put an event folder before --rules or after '--'.")
  List<Path> files = new ArrayList<>();

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() throws IOException {
    if (pipeline != null && !Pipeline.NAMES.contains(pipeline.toLowerCase(Locale.ROOT))) {
      err.println("no pipeline named '" + pipeline + "'; use one of " + Pipeline.NAMES);
      return 2;
    }
    // '--rules a b events.jsonl': picocli gives the trailing event files to --rules
    if (files.isEmpty()) {
      while (!rules.isEmpty() && isEventFile(rules.get(rules.size() - 1))) {
        files.add(0, rules.remove(rules.size() - 1));
      }
    }
    if (files.isEmpty()) {
      err.println("no event files given; write e.g. unmask match --rules rules/ -- events/");
      return 2;
    }
    SigmaConfig config = config();
    if (config == null) {
      return 2;
    }
    String rulesProblem = rulesProblem();
    if (rulesProblem != null) {
      // a mistyped path must not look like a clean run with no match
      err.println(rulesProblem + "; nothing was matched");
      return 2;
    }
    List<Path> inputs = inputs();
    if (inputs == null) {
      return 2;
    }
    if (threads < 1) {
      err.println("--threads must be 1 or more");
      return 2;
    }
    // a pipe may be a live log (tail -f ... | unmask match ... -): it is read on one thread and
    // each match written as it is found, not when a batch fills or the run ends
    boolean live = inputs.stream().anyMatch(f -> !Files.isRegularFile(f));
    int threads = live ? 1 : this.threads;
    Map<String, Loaded> sets = new ConcurrentHashMap<>();
    AtomicInteger ruleErrors = new AtomicInteger();
    long loadStarted = System.nanoTime();
    // with --pipeline every event meets one rule set, loaded before the first; otherwise each
    // event's shape picks its set, loaded when an event of that shape first comes
    Loaded named = !rules.isEmpty() && pipeline != null ? load(pipeline.toLowerCase(Locale.ROOT), config, ruleErrors) : null;
    if (named != null) {
      sets.put(pipeline.toLowerCase(Locale.ROOT), named);
      announce(named);
    }
    double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
    long[] counts = new long[3]; // events, matches, rejected
    long started = System.nanoTime();
    // one JSON line per match, flushed when the run ends: a flush per match passed through to
    // stdout cost a system call per line (99k of them in the benchmark's million events)
    MatchLines lines = new MatchLines(out);
    // the rule set an event meets: the one named, or the one of its shape, loaded when first needed
    Function<Event, Loaded> setFor = event -> rules.isEmpty() ? null
        : named != null ? named : sets.computeIfAbsent(JsonEvents.shapeOf(event.fields()), n -> load(n, config, ruleErrors));
    Consumer<JsonEvents.Rejected> rejected = r -> {
      counts[2]++;
      err.println(r.file() + ":" + r.line() + ": rejected: " + r.reason());
    };
    try {
      if (threads == 1) {
        for (Path file : inputs) {
          JsonEvents.read(file, event -> {
            counts[0]++;
            Loaded set = setFor.apply(event);
            announce(set);
            if (set != null) {
              long before = counts[1];
              set.rules().match(event, m -> emit(set, event, m, lines, counts));
              if (live && counts[1] != before) {
                flush(lines);
              }
            }
          }, rejected);
        }
      } else {
        ParallelMatching.Outcomes<Loaded> outcomes = new ParallelMatching.Outcomes<>() {
          @Override
          public void matched(ParallelMatching.Matched<Loaded> m) {
            m.matches().forEach(match -> emit(m.set(), m.event(), match, lines, counts));
          }

          @Override
          public void rejected(JsonEvents.Rejected r) {
            rejected.accept(r);
          }

          @Override
          public void met(Loaded set) {
            announce(set);
          }
        };
        counts[0] = new ParallelMatching<>(threads, setFor, Loaded::rules).run(inputs, outcomes);
      }
    } catch (UncheckedIOException e) {
      err.println("cannot write the output: " + e.getCause().getMessage());
      return 1;
    }
    lines.flush();
    double seconds = (System.nanoTime() - started) / 1e9;
    err.printf(Locale.ROOT, "%d events, %d matches, %d rejected in %.2f s (%.0f events/s)%s%s%n", counts[0], counts[1], counts[2],
        seconds, counts[0] / Math.max(seconds, 1e-9),
        loadSeconds > 0.001 ? String.format(Locale.ROOT, "; rules loaded in %.2f s before", loadSeconds) : "", ruleErrors.get() > 0 ? "; " + ruleErrors.get() + " rule problems (see 'unmask rules lint')" : "");
    long late = sets.values().stream().mapToLong(l -> l.correlations().tooLate()).sum();
    if (late > 0) {
      err.printf(Locale.ROOT, "%,d matches came more than a correlation window after later ones and were not correlated:"
          + " give the files in time order (one file per log read in order, or merge them)%n", late);
    }
    // the other rules ran and their matches are out; a CI job must still see that some did not
    return ruleErrors.get() > 0 ? 1 : 0;
  }

  /** Event files by name, in a folder too: JSON lines (Winlogbeat's file output writes .ndjson), JSON documents. */
  private static boolean isEventFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String ext : List.of(".jsonl", ".ndjson", ".json")) {
      if (n.endsWith(ext) || n.endsWith(ext + ".gz")) {
        return true;
      }
    }
    return false;
  }

  /** Each --rules path exists and holds a rule file; else what is wrong, for one line on stderr. */
  private String rulesProblem() throws IOException {
    for (Path r : rules) {
      if (Files.isRegularFile(r)) {
        continue;
      }
      if (!Files.isDirectory(r)) {
        return "no such rules file or folder: " + r;
      }
      try (Stream<Path> walk = Files.walk(r)) {
        if (walk.noneMatch(p -> Files.isRegularFile(p) && SigmaRuleSet.isRuleFile(p))) {
          return "no Sigma rule files (.yml, .yaml) under " + r;
        }
      }
    }
    return null;
  }

  /**
   * A pipeline's rules and their correlations. Correlations see matches in the order events are
   * read (files in the order given, lines in order), which is time order for log files written as
   * they happen; a referenced rule prints its own matches only when a correlation says
   * {@code generate: true} or no correlation references it.
   */
  private static final class Loaded {
    final SigmaRuleSet rules;
    final CorrelationEngine correlations;
    /** The errors loading found, printed once by the writing thread where one thread would print them. */
    final List<LoadProblem> problems;
    boolean announced;

    Loaded(SigmaRuleSet rules, CorrelationEngine correlations, List<LoadProblem> problems) {
      this.rules = rules;
      this.correlations = correlations;
      this.problems = problems;
    }

    SigmaRuleSet rules() {
      return rules;
    }

    CorrelationEngine correlations() {
      return correlations;
    }
  }

  /** Loads a pipeline's rule set (on a worker thread too); its problems wait for {@link #announce}. */
  private Loaded load(String name, SigmaConfig config, AtomicInteger ruleErrors) {
    List<LoadProblem> problems = new ArrayList<>();
    SigmaRuleSet set = SigmaRuleSet.load(rules, Pipeline.named(name), config, p -> {
      if (p.severity() == LoadProblem.Severity.ERROR) {
        problems.add(p);
      }
    }, UserCache.rules());
    CorrelationEngine correlations = set.correlations(new MapStateProvider(), problems::add);
    ruleErrors.addAndGet(problems.size());
    return new Loaded(set, correlations, problems);
  }

  /** Prints a rule set's problems the first time an event meets it, on the writing thread. */
  private void announce(Loaded set) {
    if (set != null && !set.announced) {
      set.announced = true;
      set.problems.forEach(err::println);
    }
  }

  /**
   * One match, on the thread that writes: a correlation sees it in the order events were read,
   * and the rule's own line is printed unless only its correlations report it.
   */
  private static void emit(Loaded set, Event event, SigmaMatch m, MatchLines lines, long[] counts) {
    String id = m.rule().id().isEmpty() ? null : m.rule().id();
    String ruleName = m.rule().name().isEmpty() ? null : m.rule().name();
    set.correlations().onMatch(id, ruleName, event, c -> {
      counts[1]++;
      write(lines, c.trigger(), null, c.ruleId(), c.title(), c.level().label());
    });
    if (set.correlations().reportsBaseRule(id, ruleName)) {
      counts[1]++;
      write(lines, event, m.rule(), m.rule().id(), m.rule().title(), m.rule().level());
    }
  }

  private static void flush(MatchLines lines) {
    try {
      lines.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(MatchLines lines, Event event, Object rule, String id, String title, String level) {
    try {
      lines.write(event.source().file(), event.source().line(), rule, id, title, level);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SigmaConfig config() {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String p : placeholders) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        err.println("--placeholder '" + p + "' is not NAME=VALUE; write e.g. --placeholder Administrators=adm_*");
        return null;
      }
      values.computeIfAbsent(p.substring(0, eq).replace("%", ""), k -> new ArrayList<>()).add(p.substring(eq + 1));
    }
    return new SigmaConfig(values, SigmaConfig.Unresolved.NOTHING);
  }

  /** What {@code -} reads: the standard input, as JSON lines or evtx_dump records. */
  static final Path STANDARD_INPUT = Path.of("/dev/stdin");

  private List<Path> inputs() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path f : files) {
      if (f.toString().equals("-")) {
        out.add(STANDARD_INPUT); // evtx_dump file.evtx | unmask match --rules rules/ -- -
      } else if (Files.isDirectory(f)) {
        try (Stream<Path> walk = Files.walk(f)) {
          walk.filter(Files::isRegularFile).filter(p -> isEventFile(p)).sorted().forEach(out::add);
        }
      } else if (Files.exists(f)) {
        out.add(f); // a file, or a pipe: <(zcat logs.jsonl.gz) is /dev/fd/63
      } else {
        err.println("no such file or folder: " + f + " — pass .jsonl, .jsonl.gz or .json event files");
        return null;
      }
    }
    return out;
  }
}
