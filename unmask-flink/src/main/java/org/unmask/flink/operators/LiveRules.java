package org.unmask.flink.operators;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unmask.detect.EventRules;
import org.unmask.detect.sigma.SigmaEventRules;
import org.unmask.scan.ScanOptions;

/**
 * The Sigma rules an operator judges with: the job's own (built-in content and {@code --rules}),
 * plus the rule files of the latest complete reference set ({@code rules/...yml} on
 * {@code P.reference}), recompiled by the engine's loader when those files change. A set whose rules
 * do not load is refused with its problems logged, and the rules in use stay: a bad edit never
 * stops detection.
 */
final class LiveRules {

  private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);

  private final ScanOptions options;
  private final SigmaEventRules.Memory memory;
  private EventRules current;
  private String digest;

  /**
   * @param memory where the rules remember reported facts and correlation windows (keyed state in
   *     the judge), or null for rules used only for their traits
   */
  LiveRules(ScanOptions options, SigmaEventRules.Memory memory) {
    this.options = options;
    this.memory = memory;
    this.current = load(options.rulePaths(), options.builtInRules());
    this.digest = LiveReference.NO_RULES;
  }

  /** The rules in use. */
  EventRules current() {
    return current;
  }

  /**
   * The rules for the reference set in use, recompiled when its rule files changed. Called for
   * every event, so it compares the digest the set carries and hashes nothing itself.
   */
  EventRules current(LiveReference reference) {
    String now = reference.ruleDigest();
    if (now.equals(digest)) {
      return current;
    }
    Map<String, byte[]> ruleFiles = reference.ruleFiles();
    digest = now; // a set that fails is not retried until it changes again
    Path folder = null;
    try {
      List<Path> paths = new ArrayList<>(options.rulePaths());
      if (!ruleFiles.isEmpty()) {
        folder = LiveReference.writeRules(ruleFiles);
        paths.add(folder);
      }
      current = load(paths, options.builtInRules());
      LOG.info("rules reloaded: {} rules, {} from the reference stream", current.size(), ruleFiles.size());
    } catch (Exception e) {
      LOG.error("the rule files of the new reference set do not load; keeping the rules in use:\n{}", e.getMessage());
    } finally {
      if (folder != null) {
        LiveReference.deleteFolder(folder);
      }
    }
    return current;
  }

  private EventRules load(List<Path> paths, boolean builtIn) {
    if (!builtIn && paths.isEmpty()) {
      return EventRules.NONE;
    }
    return memory == null ? SigmaEventRules.load(paths, builtIn, options.riskPolicy())
        : SigmaEventRules.load(paths, builtIn, options.riskPolicy(), memory);
  }
}
