package org.unmask.ingest.elastic;

import static org.unmask.ingest.VendorFields.add;
import static org.unmask.ingest.VendorFields.baseName;
import static org.unmask.ingest.VendorFields.dataset;
import static org.unmask.ingest.VendorFields.firstText;
import static org.unmask.ingest.VendorFields.get;
import static org.unmask.ingest.VendorFields.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unmask.ingest.VendorAdapter;

/**
 * Elastic Defend (the Elastic Agent's endpoint integration), as an export of its
 * {@code logs-endpoint.events.*} data streams writes each document. The fields are ECS already;
 * what is decided here is which documents are the contract's:
 *
 * <ul>
 *   <li>{@code endpoint.events.process} whose {@code event.type} holds {@code start} (or whose
 *       action is {@code start} or {@code exec}) -> {@code endpoint.process}. Process ends and
 *       forks keep Defend's dataset: they are no process creation.
 *   <li>{@code endpoint.events.network} with {@code connection_attempted} (this host opened it)
 *       or {@code connection_accepted} (a peer did) -> {@code network.flow}, with
 *       {@code network.direction} {@code egress} or {@code ingress} when the document lacks it.
 *       Disconnects and DNS lookups keep Defend's dataset.
 *   <li>Everything else (files, registry, libraries, security, API) keeps its dataset and reaches
 *       the Sigma rules as any other dataset does.
 * </ul>
 *
 * Defend's own dataset stays in {@code data_stream.dataset}, where Defend writes it too.
 * {@code host.id} is the agent's host id: devices.csv must use it (or the exporter must write the
 * fleet's device id there), as for every vendor.
 */
public final class ElasticDefendAdapter implements VendorAdapter {

  /** How Defend's datasets begin: what a document is recognised by. */
  public static final String PREFIX = "endpoint.events.";

  @Override
  public String name() {
    return "elastic";
  }

  @Override
  public boolean recognises(Map<String, Object> fields) {
    String ds = firstText(fields, "event.dataset", "data_stream.dataset");
    return ds != null && ds.startsWith(PREFIX);
  }

  @Override
  public void adapt(Map<String, Object> f) {
    String ds = firstText(f, "event.dataset", "data_stream.dataset");
    if (ds == null) {
      return;
    }
    add(f, "data_stream.dataset", ds);
    String action = lower(text(f, "event.action"));
    switch (ds) {
      case "endpoint.events.process" -> {
        if (hasType(f, "start") || "start".equals(action) || "exec".equals(action)) {
          dataset(f, "endpoint.process");
          add(f, "process.name", baseName(text(f, "process.executable")));
          add(f, "process.parent.name", baseName(text(f, "process.parent.executable")));
        }
      }
      case "endpoint.events.network" -> {
        if ("connection_attempted".equals(action) || "connection_accepted".equals(action)) {
          dataset(f, "network.flow");
          add(f, "network.direction", "connection_attempted".equals(action) ? "egress" : "ingress");
        }
      }
      default -> {
        // kept as Defend wrote it
      }
    }
  }

  /** Whether {@code event.type} (a list, or one value) holds the type. */
  private static boolean hasType(Map<String, Object> f, String type) {
    Object t = get(f, "event.type");
    if (t instanceof List<?> list) {
      return list.stream().anyMatch(v -> type.equalsIgnoreCase(String.valueOf(v)));
    }
    return t != null && type.equalsIgnoreCase(String.valueOf(t));
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
