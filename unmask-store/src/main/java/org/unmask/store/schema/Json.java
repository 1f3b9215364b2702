package org.unmask.store.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unmask.store.StoreException;
import org.unmask.verdict.Reason;

/** JSON text columns: reasons lists and small documents, in the contract's snake_case. */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static String reasons(List<Reason> reasons) {
    List<Map<String, Object>> out = new ArrayList<>(reasons.size());
    for (Reason r : reasons) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule_id", r.ruleId());
      m.put("summary", r.summary());
      m.put("points", r.points());
      out.add(m);
    }
    return write(out);
  }

  public static List<Reason> reasons(String json) {
    List<Reason> out = new ArrayList<>();
    for (Map<String, Object> m : read(json, new TypeReference<List<Map<String, Object>>>() {})) {
      Object points = m.get("points");
      out.add(new Reason(String.valueOf(m.get("rule_id")), String.valueOf(m.get("summary")),
          points instanceof Number n ? n.doubleValue() : 0));
    }
    return out;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public static Map<String, Object> object(String json) {
    return read(json, new TypeReference<Map<String, Object>>() {});
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StoreException("a JSON column does not parse: " + e.getOriginalMessage(), e);
    }
  }
}
