package org.unmask.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code unmask rules ...}: work on detection rules. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Work on detection rules.",
    subcommands = {RulesLintCommand.class, CommandLine.HelpCommand.class})
final class RulesCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
