package org.unmask.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unmask.detect.sigma.LoadProblem;
import org.unmask.detect.sigma.Pipeline;
import org.unmask.detect.sigma.SigmaConfig;
import org.unmask.detect.sigma.SigmaRuleSet;
import org.unmask.detect.sigma.correlation.MapStateProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code unmask rules lint PATH...}: loads every rule and reports every problem at once as
 * {@code file:line: what; suggestion}. Exits 1 only when some rule cannot be loaded or run;
 * style warnings are printed and the exit status stays 0.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Check Sigma rules: every problem at once, as file:line: what; suggestion. Exit 1 only on errors.")
final class RulesLintCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Rule files or folders (searched recursively).")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--pipeline", paramLabel = "NAME", description = "Also report rules this pipeline (ecs, evtx, winlogbeat) cannot run.")
  String pipeline;

  @Option(names = "--errors-only", description = "Print errors only.")
  boolean errorsOnly;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    if (pipeline != null && !Pipeline.NAMES.contains(pipeline.toLowerCase(Locale.ROOT))) {
      err.println("no pipeline named '" + pipeline + "'; use one of " + Pipeline.NAMES);
      return 2;
    }
    List<LoadProblem> problems = new ArrayList<>();
    SigmaRuleSet set = SigmaRuleSet.load(paths, Pipeline.named(pipeline == null ? "none" : pipeline), SigmaConfig.defaults(), problems::add,
        UserCache.rules());
    set.correlations(new MapStateProvider(), problems::add); // what match and scan would refuse: loops, bad windows
    if (pipeline != null) {
      set.inactiveRules().forEach(r -> problems.add(new LoadProblem(r.file(), r.line(), LoadProblem.Severity.WARNING,
          "logsource " + r.logsource() + " has no mapping in pipeline " + pipeline + ", so the rule never runs there",
          "add the logsource to the pipeline or use another pipeline")));
    }
    problems.sort(Comparator.comparing(LoadProblem::file).thenComparingInt(LoadProblem::line));
    long errors = problems.stream().filter(LoadProblem::isError).count();
    long warnings = problems.size() - errors;
    for (LoadProblem p : problems) {
      if (p.isError() || !errorsOnly) {
        out.println(p);
      }
    }
    err.printf(Locale.ROOT, "%d rules, %d correlations: %d errors, %d warnings%n", set.rules().size(),
        set.correlationDocuments().size(), errors, warnings);
    return errors > 0 ? 1 : 0;
  }
}
