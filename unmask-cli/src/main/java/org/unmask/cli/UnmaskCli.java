package org.unmask.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code unmask} command: one subcommand per job. Each subcommand is a thin adapter over the engine. */
@Command(
    name = "unmask",
    mixinStandardHelpOptions = true,
    versionProvider = UnmaskCli.Version.class,
    description = "Finds North Korean remote IT workers, the laptop farms that host them and the rings behind fake applicants.")
public final class UnmaskCli implements Runnable {

  /**
   * The subcommands by name, in the order the help lists them. picocli reads a command's options by
   * reflection when the command is added, 0.35 s of one core for all of them at every start; a run
   * of one subcommand adds that one only, about half of it (docs/BENCHMARKS.md, "Tenth session").
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    // classes, not constructor references: a lambda per command is a class spun at start
    Map<String, Class<?>> all = new LinkedHashMap<>();
    all.put("help", CommandLine.HelpCommand.class);
    all.put("scan", ScanCommand.class);
    all.put("demo", DemoCommand.class);
    all.put("simulate", SimulateCommand.class);
    all.put("evaluate", EvaluateCommand.class);
    all.put("vet", VetCommand.class);
    all.put("cases", CasesCommand.class);
    all.put("audit", AuditCommand.class);
    all.put("purge", PurgeCommand.class);
    all.put("match", MatchCommand.class);
    all.put("rules", RulesCommand.class);
    all.put("serve", ServeCommand.class);
    all.put("tokens", TokensCommand.class);
    all.put("kafka-load", KafkaLoadCommand.class);
    return all;
  }

  /**
   * The command line for these arguments: with the one subcommand they name, or with all of them
   * when they name none (help, the version, a mistyped name, which picocli answers with the names
   * it knows) or name {@code help}, which describes the others.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new UnmaskCli());
    Class<?> only = args.length == 0 || args[0].equals("help") ? null : SUBCOMMANDS.get(args[0]);
    if (only != null) {
      cli.addSubcommand(args[0], only);
    } else {
      for (Map.Entry<String, Class<?>> command : SUBCOMMANDS.entrySet()) {
        cli.addSubcommand(command.getKey(), command.getValue());
      }
    }
    return cli;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Libraries log through SLF4J; the CLI speaks for itself, so only their errors reach stderr.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "error"));
    System.setProperty("org.slf4j.simpleLogger.logFile", System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit status, for tests. */
  public static int run(String... args) {
    CommandLine cli = commandLine(args).setCaseInsensitiveEnumValuesAllowed(true);
    cli.registerConverter(java.time.LocalDate.class, UnmaskCli::date);
    // A mistake in the arguments is one line that says what to fix and where the help is, not
    // the whole usage; an unexpected failure is one line too (UNMASK_DEBUG=1 adds the trace).
    cli.setParameterExceptionHandler((e, given) -> {
      CommandLine c = e.getCommandLine();
      c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      c.getErr().println("(see: " + c.getCommandSpec().qualifiedName() + " --help)");
      c.getErr().flush();
      return c.getCommandSpec().exitCodeOnInvalidInput();
    });
    cli.setExecutionExceptionHandler((e, c, parsed) -> {
      c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + Failures.describe(e));
      if (System.getenv("UNMASK_DEBUG") != null) {
        e.printStackTrace(c.getErr());
      }
      c.getErr().flush();
      return c.getCommandSpec().exitCodeOnExecutionException();
    });
    return cli.execute(args);
  }

  /** A YYYY-MM-DD option, said in words when it is not one. */
  private static java.time.LocalDate date(String text) {
    try {
      return java.time.LocalDate.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a date: write YYYY-MM-DD, a day that exists");
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = UnmaskCli.class.getPackage().getImplementationVersion();
      return new String[] {"unmask " + (v == null ? "dev" : v)};
    }
  }
}
