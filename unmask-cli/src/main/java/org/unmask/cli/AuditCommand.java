package org.unmask.cli;

import java.util.concurrent.Callable;
import org.unmask.store.audit.AuditEntry;
import org.unmask.store.audit.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unmask audit [--verify]}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Print the audit log (reveals, case changes, suppressions, purges), or with --verify check its"
        + " hash chain: exit 0 when intact, 1 naming the first row an UPDATE or DELETE broke.")
final class AuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Option(names = "--verify", description = "Check the hash chain instead of printing the log.")
  boolean verify;

  @Override
  public Integer call() {
    return store.run(spec, (s, out, err) -> {
      if (verify) {
        AuditVerification v = s.audit().verify();
        if (v.intact()) {
          out.println("audit log intact: " + v.rows() + " rows; head " + v.headHash());
          return 0;
        }
        err.println("unmask: audit log broken at row " + v.firstBadSeq() + ": " + v.problem());
        return 1;
      }
      TextTable table = new TextTable("SEQ", "AT", "ACTOR", "ACTION", "TARGET", "DETAILS");
      for (AuditEntry e : s.audit().entries()) {
        table.row(Long.toString(e.seq()), e.at().toString(), e.actor(), e.action(), e.target(), e.details());
      }
      table.print(out);
      return 0;
    });
  }
}
