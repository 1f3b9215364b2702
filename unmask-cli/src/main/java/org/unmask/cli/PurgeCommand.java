package org.unmask.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.unmask.store.retention.PurgeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unmask purge --older-than 180d}. */
@Command(name = "purge", mixinStandardHelpOptions = true,
    description = "Delete raw evidence (findings, evidence refs, verdicts, farms, stored identities) older than the"
        + " retention period, except for people with an open case. Case decisions, notes, suppressions and the"
        + " audit log are kept; the purge itself is audited. See docs/privacy-and-retention.md.")
final class PurgeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Option(names = "--older-than", paramLabel = "DURATION", required = true, converter = Durations.class,
      description = "Retention period: 180d, 26w, P180D.")
  Duration olderThan;

  @Override
  public Integer call() {
    return store.run(spec, (s, out, err) -> {
      PurgeReport r = s.purge(olderThan, store.actor());
      out.println("purged everything older than " + r.cutoff() + ": " + r.describe());
      return 0;
    });
  }
}
