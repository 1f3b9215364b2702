package org.unmask.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.unmask.event.Finding;
import org.unmask.privacy.Redactor;
import org.unmask.risk.Suppression;
import org.unmask.store.Store;
import org.unmask.store.cases.Case;
import org.unmask.store.cases.CaseNote;
import org.unmask.store.privacy.Identity;
import org.unmask.store.privacy.RevealRequest;
import org.unmask.verdict.Reason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unmask cases show ID [--reveal --role ROLE --reason TEXT]}. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "A case with its reasons, top findings, notes and suppressions. Identities stay pseudonymised"
        + " unless --reveal is given with a role (analyst or admin) and a reason; every reveal is audited.")
final class CasesShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(paramLabel = "ID", description = "The case id, e.g. case-P00042.")
  String caseId;

  @Option(names = "--reveal", description = "Show who the person is (needs --role and --reason; audited).")
  boolean reveal;

  @Option(names = "--role", paramLabel = "ROLE", description = "Your role for the reveal: analyst or admin.")
  String role;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why you need to know who this is (goes in the audit log).")
  String reason;

  @Option(names = "--findings", paramLabel = "N", defaultValue = "20", description = "How many findings to list, 1 to 5000 (default 20).")
  int findings;

  @Override
  public Integer call() {
    if (findings < 1 || findings > 5000) {
      System.err.println("unmask cases show: --findings must be between 1 and 5000 (got " + findings + ")");
      return 2;
    }
    return store.run(spec, (s, out, err) -> {
      if (!reveal && (role != null || reason != null)) {
        err.println("unmask: --role and --reason go with --reveal; add --reveal to see who this is");
        return 2;
      }
      Case k = s.cases().get(caseId);
      Identity identity = reveal ? s.reveal(caseId, new RevealRequest(store.actor(), role, reason)) : null;
      print(s, k, identity, store.redactor(), out);
      return 0;
    });
  }

  private void print(Store s, Case k, Identity identity, Redactor redactor, PrintWriter out) {
    out.println(k.caseId() + "  (person " + TextTable.clean(k.personId()) + ")");
    out.println("  status      " + k.status().label() + (k.resolution() == null ? "" : " as " + k.resolution().label()));
    out.println("  assignee    " + (k.assignee() == null ? "-" : TextTable.clean(k.assignee())));
    out.println("  risk        " + Math.round(k.riskScore()) + " / 100");
    out.println("  flagged     " + (k.firstFlaggedAt() == null ? "-" : k.firstFlaggedAt()));
    out.println("  opened      " + k.openedAt() + "   updated " + k.updatedAt()
        + (k.closedAt() == null ? "" : "   closed " + k.closedAt()));
    if (identity == null) {
      out.println("  identity    pseudonymised (reveal with --reveal --role analyst --reason \"...\"; audited)");
    } else {
      out.println("  identity    REVEALED to " + store.actor() + " (audited); as given at scan time " + identity.storedAt());
      identity.fields().forEach((field, value) -> out.println("    " + field + ": " + TextTable.clean(value)));
    }
    out.println();
    out.println("reasons");
    for (Reason r : k.reasons()) {
      out.println("  " + pad(Long.toString(Math.round(r.points())), 4) + TextTable.clean(r.ruleId()) + "  "
          + clean(redactor.redact(r.summary())));
    }
    out.println();
    out.println("findings (top " + findings + " by risk)");
    for (Finding f : s.cases().findings(k.caseId(), findings)) {
      out.println("  " + f.timestamp() + "  " + pad(f.severity().label(), 9) + TextTable.clean(f.ruleId()) + "  "
          + clean(redactor.redact(f.summary())) + "  [" + String.join(", ", f.evidence().stream().map(Object::toString).toList()) + "]");
    }
    out.println();
    out.println("notes");
    for (CaseNote n : s.cases().notes(k.caseId())) {
      out.println("  #" + n.number() + " " + n.writtenAt() + " " + TextTable.clean(n.author()) + ": " + clean(redactor.redact(n.text())));
    }
    var suppressions = s.suppressions().ofCase(k.caseId());
    if (!suppressions.isEmpty()) {
      out.println();
      out.println("suppressions");
      for (Suppression sup : suppressions) {
        out.println("  " + sup.scope().label() + (sup.ruleId() == null ? "" : " rule=" + sup.ruleId())
            + (sup.cidr() == null ? "" : " network=" + sup.cidr()) + "  expires " + sup.expiresAt());
      }
    }
  }

  private static String clean(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}
