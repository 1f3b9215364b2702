package org.unmask.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code unmask cases ...}: work the cases that scans opened. */
@Command(
    name = "cases",
    mixinStandardHelpOptions = true,
    description = "List, show, assign, annotate, escalate and close cases. People appear by id and pseudonym;"
        + " revealing who someone is needs --reveal --role analyst|admin --reason TEXT and is audited.",
    subcommands = {
      CasesListCommand.class,
      CasesShowCommand.class,
      CasesAssignCommand.class,
      CasesNoteCommand.class,
      CasesEscalateCommand.class,
      CasesCloseCommand.class,
    })
final class CasesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
