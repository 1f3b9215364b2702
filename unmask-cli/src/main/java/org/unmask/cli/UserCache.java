package org.unmask.cli;

import java.nio.file.Path;
import java.util.Map;
import org.unmask.detect.sigma.RuleFileCache;

/**
 * Where the CLI keeps what it may compute again: {@code UNMASK_CACHE_DIR} when set, else
 * {@code $XDG_CACHE_HOME/unmask}, else {@code ~/.cache/unmask}. {@code UNMASK_NO_CACHE} (any
 * value but empty) turns caching off. Only parsed rule files are cached, under {@code sigma/}
 * ({@link RuleFileCache}: an entry is used only for a file with the same bytes), so removing the
 * folder at any time only costs the next load its parsing.
 */
final class UserCache {

  private UserCache() {}

  static RuleFileCache rules() {
    return rules(System.getenv(), System.getProperty("user.home"));
  }

  static RuleFileCache rules(Map<String, String> env, String home) {
    if (!env.getOrDefault("UNMASK_NO_CACHE", "").isEmpty()) {
      return RuleFileCache.NONE;
    }
    Path folder;
    String own = env.getOrDefault("UNMASK_CACHE_DIR", "");
    String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
    if (!own.isEmpty()) {
      folder = Path.of(own);
    } else if (!xdg.isEmpty()) {
      folder = Path.of(xdg, "unmask");
    } else if (home != null && !home.isEmpty()) {
      folder = Path.of(home, ".cache", "unmask");
    } else {
      return RuleFileCache.NONE;
    }
    return RuleFileCache.in(folder.resolve("sigma"));
  }
}
