package org.unmask.enrich;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.unmask.event.Event;

/**
 * Names the remote-access tool behind a process: {@code process.unmask.rmm_tool} carries the
 * LOLRMM tool name for a process whose image is one of that tool's executables. Rules can then
 * count tools rather than executables (TeamViewer.exe and TeamViewer_Service.exe are one tool).
 * Looks each process name up once.
 */
public final class ToolEnricher {

  public static final String FIELD = "process.unmask.rmm_tool";
  private static final int MAX_CACHED = 50_000;

  private final RmmCatalog catalog;
  private final Map<String, String> toolByName = new HashMap<>();

  public ToolEnricher(RmmCatalog catalog) {
    this.catalog = catalog;
  }

  public Event enrich(Event event) {
    if (!"endpoint.process".equals(event.dataset())) {
      return event;
    }
    String name = event.text("process.name");
    if (name == null || name.isEmpty()) {
      return event;
    }
    String tool = toolByName.get(name);
    if (tool == null && !toolByName.containsKey(name)) {
      List<RmmTool> tools = catalog.byProcessName(name);
      tool = tools.isEmpty() ? null : tools.get(0).name();
      if (toolByName.size() < MAX_CACHED) {
        toolByName.put(name, tool);
      }
    }
    return tool == null ? event : event.with(Map.of(FIELD, tool));
  }
}
