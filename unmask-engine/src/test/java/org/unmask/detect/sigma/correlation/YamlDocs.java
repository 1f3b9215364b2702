package org.unmask.detect.sigma.correlation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.Node;

/** Test support: the documents of a (multi-document) YAML text with their starting lines. */
final class YamlDocs {

  record Doc(Map<String, Object> map, int line) {}

  private YamlDocs() {}

  @SuppressWarnings("unchecked")
  static List<Doc> load(String yaml) {
    LoadSettings settings = LoadSettings.builder().build();
    List<Doc> docs = new ArrayList<>();
    for (Node node : new Compose(settings).composeAllFromString(yaml)) {
      Object value = new StandardConstructor(settings).constructSingleDocument(Optional.of(node));
      int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
      if (value instanceof Map<?, ?> map) {
        docs.add(new Doc((Map<String, Object>) map, line));
      }
    }
    return docs;
  }

  /** Every correlation rule in the text; fails on the first invalid one. */
  static List<CorrelationRule> correlations(String yaml, String file) {
    List<CorrelationRule> rules = new ArrayList<>();
    for (Doc doc : load(yaml)) {
      if (CorrelationRule.isCorrelation(doc.map())) {
        rules.add(CorrelationRule.parse(doc.map(), file, doc.line()));
      }
    }
    return rules;
  }

  /** The id/name pairs of the detection rules (documents without correlation) in the text. */
  static List<RuleRef> baseRules(String yaml) {
    List<RuleRef> refs = new ArrayList<>();
    for (Doc doc : load(yaml)) {
      if (!CorrelationRule.isCorrelation(doc.map())) {
        Object id = doc.map().get("id");
        Object name = doc.map().get("name");
        refs.add(
            new RuleRef(id == null ? null : id.toString(), name == null ? null : name.toString()));
      }
    }
    return refs;
  }
}
