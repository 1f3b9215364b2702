package org.unmask.cli;

import java.util.concurrent.Callable;
import org.unmask.store.cases.Case;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unmask cases assign ID --to NAME}. */
@Command(name = "assign", mixinStandardHelpOptions = true,
    description = "Assign a case; an open case moves to investigating.")
final class CasesAssignCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(paramLabel = "ID") String caseId;

  @Option(names = "--to", paramLabel = "NAME", required = true, description = "Who takes the case.")
  String assignee;

  @Override
  public Integer call() {
    return store.run(spec, (s, out, err) -> {
      Case k = s.cases().assign(caseId, assignee, store.actor());
      out.println(k.caseId() + " assigned to " + k.assignee() + " (" + k.status().label() + ")");
      return 0;
    });
  }
}
