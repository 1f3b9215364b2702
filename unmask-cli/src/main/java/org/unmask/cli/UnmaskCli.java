package org.unmask.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code unmask} command: one subcommand per job. Each subcommand is a thin adapter over the engine. */
@Command(
    name = "unmask",
    mixinStandardHelpOptions = true,
    versionProvider = UnmaskCli.Version.class,
    description = "Finds North Korean remote IT workers, the laptop farms that host them and the rings behind fake applicants.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ScanCommand.class,
      DemoCommand.class,
      SimulateCommand.class,
      EvaluateCommand.class,
      VetCommand.class,
      CasesCommand.class,
      AuditCommand.class,
      PurgeCommand.class,
      MatchCommand.class,
      RulesCommand.class,
      ServeCommand.class,
      TokensCommand.class,
      KafkaLoadCommand.class,
    })
public final class UnmaskCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Libraries log through SLF4J; the CLI speaks for itself, so only their errors reach stderr.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "error"));
    System.setProperty("org.slf4j.simpleLogger.logFile", System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit status, for tests. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new UnmaskCli()).setCaseInsensitiveEnumValuesAllowed(true);
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
