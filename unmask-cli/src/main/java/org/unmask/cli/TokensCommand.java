package org.unmask.cli;

import java.util.concurrent.Callable;
import org.unmask.store.privacy.Role;
import org.unmask.store.tokens.ApiToken;
import org.unmask.store.tokens.NewToken;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unmask tokens create|list|revoke}: API tokens for the server. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
    description = "API tokens for unmask serve: metrics (a Prometheus scraper: /metrics only), viewer (read), analyst (work cases, reveal with a reason), admin (ingest, reference).",
    subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Creates a token and prints it once on stdout; the store keeps only its hash.")
  static final class Create implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions options;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "metrics (reads /metrics only), viewer, analyst or admin")
    String role;

    @Option(names = "--name", paramLabel = "NAME", description = "what the token is for (shown in the audit log)")
    String name;

    @Override
    public Integer call() {
      Role r = Role.parse(role);
      if (r == null) {
        spec.commandLine().getErr().println("unmask tokens: unknown role '" + role + "'; use metrics, viewer, analyst or admin");
        return 2;
      }
      return options.run(spec, (store, out, err) -> {
        NewToken t = store.tokens().create(r, name, options.actor());
        out.println(t.secret());
        err.println("unmask: created " + t.token().tokenId() + " (" + r.label() + ", '" + t.token().name()
            + "'); it is shown only now: send it as Authorization: Bearer TOKEN");
        return 0;
      }, true); // the first token is made before the server first starts, on a store not yet there
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists tokens (ids, names, roles; never secrets).")
  static final class ListTokens implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions options;

    @Override
    public Integer call() {
      return options.run(spec, (store, out, err) -> {
        for (ApiToken t : store.tokens().list()) {
          out.println(t.tokenId() + "\t" + t.role().label() + "\t" + (t.revoked() ? "revoked" : "active") + "\t"
              + t.createdAt() + "\t" + t.name());
        }
        return 0;
      });
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token by id; it stops working at once.")
  static final class Revoke implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions options;

    @Parameters(index = "0", paramLabel = "TOKEN_ID")
    String tokenId;

    @Override
    public Integer call() {
      return options.run(spec, (store, out, err) -> {
        store.tokens().revoke(tokenId, options.actor());
        err.println("unmask: revoked " + tokenId);
        return 0;
      });
    }
  }
}
