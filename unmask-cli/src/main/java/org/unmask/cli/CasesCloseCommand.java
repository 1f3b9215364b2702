package org.unmask.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unmask.store.cases.Case;
import org.unmask.store.cases.Resolution;
import org.unmask.store.cases.SuppressionRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unmask cases close ID --as confirmed|benign|false_positive --note TEXT [--suppress rule|network --for 90d]}. */
@Command(name = "close", mixinStandardHelpOptions = true,
    description = "Close a case. A benign or false_positive close may suppress this person's rule (--suppress rule"
        + " [--rule RULE_ID]; default: every rule among the case's reasons) or an allow-listed network"
        + " (--suppress network --network CIDR) for a while (--for 90d); later scans honour it until it expires.")
final class CasesCloseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(paramLabel = "ID") String caseId;

  @Option(names = "--as", paramLabel = "RESOLUTION", required = true, description = "confirmed, benign or false_positive.")
  String resolution;

  @Option(names = "--note", paramLabel = "TEXT", required = true, description = "Why (kept with the case).")
  String note;

  @Option(names = "--suppress", paramLabel = "SCOPE", description = "rule or network.")
  String suppress;

  @Option(names = "--rule", paramLabel = "RULE_ID", description = "With --suppress rule: the one rule to suppress.")
  String rule;

  @Option(names = "--network", paramLabel = "CIDR", description = "With --suppress network: the network, e.g. 203.0.113.0/24.")
  String network;

  @Option(names = "--for", paramLabel = "DURATION", converter = Durations.class,
      description = "How long the suppression holds: 90d, 2w, 12h (default 90d).")
  Duration duration;

  @Override
  public Integer call() {
    return store.run(spec, (s, out, err) -> {
      Resolution res = Resolution.parse(resolution);
      SuppressionRequest request = null;
      Duration length = duration == null ? Duration.ofDays(90) : duration;
      if (suppress != null) {
        request = switch (suppress.strip().toLowerCase(Locale.ROOT)) {
          case "rule" -> SuppressionRequest.rule(rule, length);
          case "network" -> SuppressionRequest.network(network, length);
          default -> throw new IllegalArgumentException("--suppress takes rule or network, not '" + suppress + "'");
        };
      } else if (duration != null || rule != null || network != null) {
        throw new IllegalArgumentException("--for, --rule and --network go with --suppress rule|network");
      }
      Case k = s.cases().close(caseId, res, note, request, store.actor());
      out.println(k.caseId() + " closed as " + res.label());
      for (var sup : s.suppressions().ofCase(k.caseId())) {
        out.println("  suppression " + sup.scope().label() + (sup.ruleId() == null ? "" : " rule=" + sup.ruleId())
            + (sup.cidr() == null ? "" : " network=" + sup.cidr()) + " until " + sup.expiresAt());
      }
      return 0;
    });
  }
}
