package org.unmask.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unmask cases escalate ID}. */
@Command(name = "escalate", mixinStandardHelpOptions = true, description = "Hand a case to HR or legal.")
final class CasesEscalateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(paramLabel = "ID") String caseId;

  @Override
  public Integer call() {
    return store.run(spec, (s, out, err) -> {
      s.cases().escalate(caseId, store.actor());
      out.println(caseId + " escalated");
      return 0;
    });
  }
}
