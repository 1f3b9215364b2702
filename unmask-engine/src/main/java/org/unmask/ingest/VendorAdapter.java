package org.unmask.ingest;

import java.util.Map;

/**
 * Maps one vendor's native log shape onto the contract's datasets and ECS fields. An adapter sees
 * the event already flattened to dotted keys and works in place: it adds fields and never removes
 * the vendor's own, so rules written against the raw names (Sigma's evtx and Winlogbeat field
 * names, Okta's {@code eventType}) still match.
 *
 * <p>Adapters run only for lines whose {@code event.dataset} is absent or not one of the
 * contract's datasets: a line that already speaks the contract is never rewritten.
 */
public interface VendorAdapter {

  /** Short name; also the name of an {@code events/} sub-folder that hints this vendor. */
  String name();

  /** True when the fields have this vendor's shape (checked only when no folder hint applies). */
  boolean recognises(Map<String, Object> fields);

  /**
   * Adds contract fields. Must leave {@code event.dataset} set (a contract dataset when the record
   * maps onto one, else a vendor name such as {@code okta.system}) and should set
   * {@code @timestamp} from the vendor's own time field when it is absent.
   */
  void adapt(Map<String, Object> fields);

  /**
   * The vendor's own field {@code @timestamp} was taken from in these adapted fields (Okta's
   * {@code published}), or null: a line whose time is no time is rejected naming the field the
   * log has, not one it never had.
   */
  default String timeField(Map<String, Object> adapted) {
    return null;
  }
}
