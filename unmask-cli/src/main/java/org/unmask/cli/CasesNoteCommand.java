package org.unmask.cli;

import java.util.concurrent.Callable;
import org.unmask.store.cases.CaseNote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unmask cases note ID --text TEXT}. */
@Command(name = "note", mixinStandardHelpOptions = true, description = "Add a note to a case (notes are never edited).")
final class CasesNoteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(paramLabel = "ID") String caseId;

  @Option(names = "--text", paramLabel = "TEXT", required = true, description = "The note.")
  String text;

  @Override
  public Integer call() {
    return store.run(spec, (s, out, err) -> {
      CaseNote n = s.cases().note(caseId, text, store.actor());
      out.println(caseId + ": note #" + n.number() + " added by " + n.author());
      return 0;
    });
  }
}
