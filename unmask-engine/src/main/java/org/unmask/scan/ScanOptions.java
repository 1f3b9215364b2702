package org.unmask.scan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.unmask.detect.sigma.RuleFileCache;
import org.unmask.event.Finding;
import org.unmask.ingest.ReadOptions;
import org.unmask.risk.RiskPolicy;

/**
 * How to scan: where outputs go, extra Sigma rule paths, the risk policy, where fresher reference
 * data lives, how to read, and which findings a store's suppressions silence.
 *
 * @param out output folder
 * @param rulePaths Sigma rule files or folders in addition to the shipped ones
 * @param builtInRules whether to load Unmask's own rules (on by default)
 * @param riskPolicy the policy
 * @param dataDir a folder of fresher geo/ASN/VPN data, or null for the shipped data
 * @param read reading limits
 * @param suppressed findings to drop (case suppressions), or a predicate that drops nothing
 * @param withVetting whether applicants are vetted (photos, resumes, identities)
 * @param ruleCache where parsed rule files are kept between scans ({@link RuleFileCache#NONE}: parsed
 *     every time, the default)
 */
public record ScanOptions(
    Path out,
    List<Path> rulePaths,
    boolean builtInRules,
    RiskPolicy riskPolicy,
    String dataDir,
    ReadOptions read,
    Predicate<Finding> suppressed,
    boolean withVetting,
    RuleFileCache ruleCache) {

  public ScanOptions {
    requireNonNull(out, "out");
    requireNonNull(ruleCache, "ruleCache");
    rulePaths = List.copyOf(rulePaths);
    requireNonNull(riskPolicy, "riskPolicy");
    requireNonNull(read, "read");
    requireNonNull(suppressed, "suppressed");
  }

  /** The options without a rule cache. */
  public ScanOptions(Path out, List<Path> rulePaths, boolean builtInRules, RiskPolicy riskPolicy, String dataDir,
      ReadOptions read, Predicate<Finding> suppressed, boolean withVetting) {
    this(out, rulePaths, builtInRules, riskPolicy, dataDir, read, suppressed, withVetting, RuleFileCache.NONE);
  }

  /** Defaults: shipped rules, shipped policy, shipped data, no suppressions, vetting on. */
  public static ScanOptions defaults(Path out) {
    return new ScanOptions(out, List.of(), true, RiskPolicy.defaults(), null, ReadOptions.defaults(), f -> false, true);
  }

  public ScanOptions withRulePaths(List<Path> paths) {
    return new ScanOptions(out, paths, builtInRules, riskPolicy, dataDir, read, suppressed, withVetting, ruleCache);
  }

  public ScanOptions withRiskPolicy(RiskPolicy policy) {
    return new ScanOptions(out, rulePaths, builtInRules, policy, dataDir, read, suppressed, withVetting, ruleCache);
  }

  public ScanOptions withDataDir(String dir) {
    return new ScanOptions(out, rulePaths, builtInRules, riskPolicy, dir, read, suppressed, withVetting, ruleCache);
  }

  public ScanOptions withSuppressed(Predicate<Finding> predicate) {
    return new ScanOptions(out, rulePaths, builtInRules, riskPolicy, dataDir, read, predicate, withVetting, ruleCache);
  }

  public ScanOptions withRuleCache(RuleFileCache cache) {
    return new ScanOptions(out, rulePaths, builtInRules, riskPolicy, dataDir, read, suppressed, withVetting, cache);
  }

  public ScanOptions withRead(ReadOptions options) {
    return new ScanOptions(out, rulePaths, builtInRules, riskPolicy, dataDir, options, suppressed, withVetting, ruleCache);
  }
}
