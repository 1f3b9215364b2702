package org.unmask.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.unmask.store.cases.Case;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unmask cases list [--json]}: every case, highest risk first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Every case, highest risk first.")
final class CasesListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Option(names = "--json", description = "One JSON object per line instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    return store.run(spec, (s, out, err) -> {
      List<Case> cases = s.cases().list();
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        for (Case k : cases) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("case_id", k.caseId());
          m.put("person_id", k.personId());
          m.put("status", k.status().label());
          m.put("resolution", k.resolution() == null ? null : k.resolution().label());
          m.put("assignee", k.assignee());
          m.put("risk_score", k.riskScore());
          m.put("first_flagged_at", k.firstFlaggedAt() == null ? null : k.firstFlaggedAt().toString());
          m.put("opened_at", k.openedAt().toString());
          m.put("updated_at", k.updatedAt().toString());
          m.put("reasons", k.reasons().stream().map(r -> r.ruleId()).toList());
          out.println(mapper.writeValueAsString(m));
        }
        return 0;
      }
      if (cases.isEmpty()) {
        out.println("no cases in " + s.description());
        return 0;
      }
      TextTable table = new TextTable("CASE", "PERSON", "STATUS", "RISK", "ASSIGNEE", "TOP REASON", "UPDATED");
      for (Case k : cases) {
        String status = k.resolution() == null ? k.status().label() : k.status().label() + ":" + k.resolution().label();
        table.row(k.caseId(), k.personId(), status, Long.toString(Math.round(k.riskScore())),
            k.assignee() == null ? "-" : k.assignee(), k.reasons().isEmpty() ? "-" : k.reasons().get(0).ruleId(),
            k.updatedAt().toString());
      }
      table.print(out);
      return 0;
    });
  }
}
