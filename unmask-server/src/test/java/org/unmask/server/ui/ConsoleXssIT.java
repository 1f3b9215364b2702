package org.unmask.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.unmask.store.privacy.Role;

/**
 * Every string the console shows is attacker-controlled, so this test makes every one it can an
 * XSS payload: a laptop's host name and model (devices.csv), the USB product and maker, the
 * monitor name and maker, the sign-in country and user agent (events), the watchlist label, the
 * token name (shown in the header of every page and as the actor in notes and the audit log), the
 * assignee, notes, the reveal reason and the close note. Then it visits every page and checks that
 * no payload ran, that the payload is on screen as text, and that the browser reported no CSP
 * violation (which would mean something tried to run and was merely blocked).
 */
class ConsoleXssIT {

  static final String IMG = "<img src=x onerror=window.__xss=1>";
  static final String SCRIPT = "\"><script>window.__xss=1</script>";
  static final String SVG = "<svg onload=window.__xss=1>";
  static final String PAYLOAD = IMG + SCRIPT + SVG;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void needsChromium() {
    ConsoleBrowser.assumeChromium();
  }

  @Test
  void payloadsInEveryDisplayedField_areShownAsText_andNeverRun() throws Exception {
    try (ConsoleServer server = ConsoleServer.start(dir, ConsoleServer.DEMO);
        ConsoleBrowser browser = ConsoleBrowser.open(server.base())) {
      String admin = server.token(Role.ADMIN, "admin");
      String analyst = server.token(Role.ANALYST, "analyst " + PAYLOAD);
      server.await("/api/v1/cases", analyst, q -> q.get("items").size() > 0, Duration.ofSeconds(60));

      // A second laptop for P00025 whose host name and model are payloads, and hostile events on it.
      String devices = Files.readString(ConsoleServer.DEMO.resolve("devices.csv"));
      devices += (devices.endsWith("\n") ? "" : "\n")
          + String.join(",", "d0bad0bad0ba", csv("LT-" + PAYLOAD), "SERIAL1", "P00025", csv("Model " + PAYLOAD),
              "7592 Church Rd", "Portland", "OR", "97254", "US", "2026-03-02") + "\n";
      JsonNode put = server.send("PUT", "/api/v1/reference/devices", admin, "text/csv", devices);
      assertThat(put.get("rejected").asInt()).as(put.toString()).isZero();
      server.send("PUT", "/api/v1/reference/watchlists/xss", admin, "text/csv",
          "type,value,label,source\nip,50.170.33.101," + csv("label " + PAYLOAD) + "," + csv("source " + PAYLOAD) + "\n");

      List<String> events = new ArrayList<>();
      events.add(event("2026-03-23T01:00:00Z", "endpoint.usb", Map.of(
          "host", Map.of("id", "d0bad0bad0ba", "name", "LT-" + PAYLOAD),
          "usb", Map.of("vendor_id", "1d6b", "product_id", "0104", "manufacturer", "Maker " + PAYLOAD,
              "product", "PiKVM " + PAYLOAD, "serial", "CAFEBABE", "interface_classes", List.of("03")))));
      events.add(event("2026-03-23T01:01:00Z", "endpoint.display", Map.of(
          "host", Map.of("id", "d0bad0bad0ba", "name", "LT-" + PAYLOAD),
          "display", Map.of("edid", Map.of("manufacturer_id", "TSB", "product_code", "9876",
              "monitor_name", "TinyPilot " + PAYLOAD, "serial", "1")))));
      events.add(event("2026-03-23T01:02:00Z", "idp.signin", Map.of(
          "event", Map.of("dataset", "idp.signin", "category", List.of("authentication"), "action", "user.session.start",
              "outcome", "success"),
          "user", Map.of("email", "rebecca.collins@acme-corp.com"),
          "source", Map.of("ip", "50.170.33.101", "geo", Map.of("country_iso_code", PAYLOAD)),
          "user_agent", Map.of("original", "Agent " + PAYLOAD))));
      // And one sign-in from North Korea's own address space, which the map must flag.
      events.add(event("2026-03-23T01:03:00Z", "idp.signin", Map.of(
          "event", Map.of("dataset", "idp.signin", "category", List.of("authentication"), "action", "user.session.start",
              "outcome", "success"),
          "user", Map.of("email", "rebecca.collins@acme-corp.com"),
          "source", Map.of("ip", "175.45.176.10"))));
      JsonNode accepted = server.send("POST", "/api/v1/events", admin, "application/x-ndjson", String.join("\n", events) + "\n");
      assertThat(accepted.get("accepted").asInt()).as(accepted.toString()).isEqualTo(events.size());

      // The analyst's own words are payloads too.
      String caseId = "case-P00025";
      server.send("POST", "/api/v1/cases/" + caseId + "/assign", analyst, "application/json", body("assignee", "who " + PAYLOAD));
      server.send("POST", "/api/v1/cases/" + caseId + "/notes", analyst, "application/json", body("text", "note " + PAYLOAD));
      server.send("POST", "/api/v1/cases/" + caseId + "/reveal", analyst, "application/json", body("reason", "reason " + PAYLOAD));

      // Wait until the live engine has judged the hostile events.
      server.await("/api/v1/persons/P00025", analyst,
          p -> p.toString().contains("PiKVM " + IMG) && p.get("signins_by_country").toString().contains("KP"), Duration.ofSeconds(60));
      server.await("/api/v1/cases/" + caseId, analyst, c -> c.get("findings").toString().contains("PiKVM " + IMG), Duration.ofSeconds(60));

      browser.logIn(analyst);
      String farm = server.get("/api/v1/farms", analyst).get("items").get(0).get("farm_id").asText();
      for (String route : List.of("#/cases", "#/cases/" + caseId, "#/persons", "#/persons/P00025", "#/farms", "#/farms/" + farm,
          "#/applicants", "#/audit")) {
        browser.go(route);
        expandEveryDetails(browser);
        assertThat(browser.script("return window.__xss")).as("a payload ran on " + route).isNull();
        assertThat(browser.driver().findElement(By.tagName("header")).getText()).as(route).contains(PAYLOAD);
        assertThat(browser.driver().findElements(By.cssSelector("main img, main script, main iframe, main object, main embed")))
            .as("markup from data became elements on " + route).isEmpty();
      }

      // Where the hostile data is displayed, it reads back exactly, as text.
      browser.go("#/cases/" + caseId);
      expandEveryDetails(browser);
      assertThat(browser.mainText()).contains("who " + PAYLOAD).contains("note " + PAYLOAD).contains("PiKVM " + PAYLOAD);
      browser.go("#/persons/P00025");
      expandEveryDetails(browser);
      assertThat(browser.mainText()).contains("LT-" + PAYLOAD).contains("PiKVM " + PAYLOAD).contains("TinyPilot " + PAYLOAD);
      assertThat(browser.driver().findElements(By.cssSelector("svg.worldmap g.marker.flagged[data-country='KP']"))).hasSize(1);
      assertThat(browser.driver().findElement(By.cssSelector(".country-list li.flagged")).getText()).contains("North Korea");
      browser.go("#/audit");
      assertThat(browser.mainText()).contains("reason " + PAYLOAD);

      // Hash routes are attacker-shaped too (a link in a phishing mail): a payload as a case id ends
      // in a readable error, not in markup.
      browser.go("#/cases/" + URLEncoder.encode(IMG, StandardCharsets.UTF_8).replace("+", "%20"));
      assertThat(browser.driver().findElement(By.cssSelector("main .error")).getText()).contains("Error 404");
      assertThat(browser.driver().findElements(By.cssSelector("main img"))).isEmpty();
      assertThat(browser.script("return window.__xss")).isNull();

      assertThat(browser.consoleProblems()).as("CSP violations or script errors").noneMatch(m -> m.contains("Content Security Policy"));
      assertThat(browser.script("return window.__xss")).isNull();
    }
  }

  private static void expandEveryDetails(ConsoleBrowser browser) {
    browser.script("document.querySelectorAll('details').forEach(d => d.open = true)");
  }

  private static String event(String at, String dataset, Map<String, Object> fields) throws Exception {
    ObjectNode node = JSON.createObjectNode();
    node.put("@timestamp", at);
    node.set("event", JSON.valueToTree(Map.of("dataset", dataset, "action", "connected")));
    fields.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
    return JSON.writeValueAsString(node);
  }

  private static String body(String field, String value) throws Exception {
    return JSON.writeValueAsString(Map.of(field, value));
  }

  private static String csv(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }
}
