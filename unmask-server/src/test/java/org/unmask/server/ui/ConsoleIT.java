package org.unmask.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.unmask.store.privacy.Role;

/**
 * The analyst's day, end to end, in a real headless Chromium against a real server that has
 * backfilled examples/demo: log in with a token, open the top case, reveal the identity with a
 * reason, close the case as benign, and find both in the audit log. On the way it visits every
 * page and saves the screenshots docs/console.md shows.
 */
class ConsoleIT {

  @TempDir static Path dir;
  static ConsoleServer server;

  @BeforeAll
  static void start() throws Exception {
    ConsoleBrowser.assumeChromium();
    server = ConsoleServer.start(dir, ConsoleServer.DEMO);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void analyst_revealsAndClosesTheTopCase_andTheAuditLogShowsBoth() throws Exception {
    try (ConsoleBrowser browser = ConsoleBrowser.open(server.base())) {
      String token = server.token(Role.ANALYST, "analyst-e2e");
      JsonNode queue = server.await("/api/v1/cases?status=open", token, q -> q.get("items").size() > 0, Duration.ofSeconds(60));
      String topCase = queue.get("items").get(0).get("case_id").asText();
      String personId = queue.get("items").get(0).get("person_id").asText();
      String fullName = fullNameInPeopleCsv(personId);

      // Log in: the token goes through the form, the queue shows the riskiest case first.
      browser.logIn(token);
      assertThat(browser.heading()).isEqualTo("Case queue");
      assertThat(browser.driver().findElement(By.id("whoami")).getText()).contains("analyst-e2e").contains("analyst");
      List<WebElement> cases = browser.driver().findElements(By.cssSelector("a.case-link"));
      assertThat(cases).isNotEmpty();
      assertThat(cases.get(0).getText()).isEqualTo(topCase);
      assertThat(browser.mainText()).doesNotContain(fullName);
      browser.screenshot("cases");

      // Open the top case: pseudonymised until revealed.
      cases.get(0).click();
      // the page before has a heading too: wait for this one's own element, then for it to render
      browser.waiter().until(ExpectedConditions.presenceOfElementLocated(By.id("case-id")));
      browser.awaitPage();
      assertThat(browser.driver().findElement(By.id("case-id")).getText()).isEqualTo(topCase);
      assertThat(browser.script("return document.activeElement.tagName")).as("focus moves to the new page's heading").isEqualTo("H1");
      assertThat(browser.driver().findElements(By.cssSelector(".finding"))).isNotEmpty();
      assertThat(browser.mainText()).doesNotContain(fullName);
      browser.screenshot("case");

      // A reveal without a reason is refused by the form; with one, the identity appears.
      browser.driver().findElement(By.id("reveal")).click();
      assertThat(browser.driver().findElements(By.id("revealed"))).isEmpty();
      browser.driver().findElement(By.id("reveal-reason")).sendKeys("HR asked to verify identity for case review");
      browser.driver().findElement(By.id("reveal")).click();
      WebElement revealed = browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("revealed")));
      assertThat(revealed.getText()).contains(fullName);

      // Assign and note through the forms; each re-reads the case from the server.
      WebElement assignee = browser.driver().findElement(By.id("assignee"));
      assignee.clear();
      assignee.sendKeys("jane.analyst");
      browser.driver().findElement(By.cssSelector("#assign-form button")).click();
      browser.waiter().until(ExpectedConditions.textToBe(By.cssSelector(".case-summary .status"), "investigating"));
      browser.driver().findElement(By.id("note-text")).sendKeys("Asked HR for the onboarding video call recording.");
      browser.driver().findElement(By.cssSelector("#note-form button")).click();
      browser.waiter().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notes"), "onboarding video call"));

      // Close as benign, with a note.
      new Select(browser.driver().findElement(By.id("resolution"))).selectByValue("benign");
      browser.driver().findElement(By.id("close-note")).sendKeys("Travelling contractor; verified with HR.");
      new Select(browser.driver().findElement(By.id("suppress"))).selectByValue("person");
      WebElement days = browser.driver().findElement(By.id("suppress-days"));
      days.clear();
      days.sendKeys("30");
      browser.driver().findElement(By.id("close-case")).click();
      browser.waiter().until(ExpectedConditions.textToBe(By.cssSelector(".case-summary .status"), "closed"));
      assertThat(browser.mainText()).contains("benign");
      // The identity stays in this view only: gone as soon as the analyst leaves it.
      browser.go("#/cases");
      browser.go("#/cases/" + topCase);
      assertThat(browser.mainText()).doesNotContain(fullName);

      // The person page: timeline, map, hours, devices, findings; still no name.
      browser.driver().findElement(By.id("case-person")).click();
      browser.waiter().until(ExpectedConditions.textMatches(By.cssSelector("main h1"), java.util.regex.Pattern.compile("^Person ")));
      browser.awaitPage();
      assertThat(browser.heading()).startsWith("Person ");
      assertThat(browser.driver().findElements(By.cssSelector("svg.timeline, svg.worldmap, svg.hours"))).hasSizeGreaterThanOrEqualTo(2);
      assertThat(browser.mainText()).doesNotContain(fullName);
      browser.screenshot("person");

      // Farms, and the graph of the laptop farm with the most people (the demo also has an applicant ring).
      JsonNode farmList = server.get("/api/v1/farms", token).get("items");
      String laptopFarm = null;
      int most = 0;
      for (JsonNode f : farmList) {
        if (f.get("persons").size() > most) {
          most = f.get("persons").size();
          laptopFarm = f.get("farm_id").asText();
        }
      }
      assertThat(laptopFarm).as("examples/demo has a laptop farm").isNotNull();
      browser.go("#/farms");
      assertThat(browser.driver().findElements(By.cssSelector("a.farm-link"))).hasSize(farmList.size());
      browser.driver().findElement(By.linkText(laptopFarm)).click();
      browser.waiter().until(ExpectedConditions.presenceOfElementLocated(By.id("farm-id")));
      browser.awaitPage();
      assertThat(browser.driver().findElement(By.id("farm-id")).getText()).isEqualTo(laptopFarm);
      assertThat(browser.driver().findElements(By.cssSelector("svg.graph .node"))).hasSizeGreaterThan(1);
      browser.screenshot("farm");

      browser.go("#/applicants");
      assertThat(browser.driver().findElements(By.cssSelector("main tbody tr"))).isNotEmpty();
      browser.screenshot("applicants");

      // The audit log shows the reveal (with its reason) and the close, and verifies.
      browser.go("#/audit");
      assertThat(browser.driver().findElement(By.id("audit-verified")).getText()).contains("verifies");
      List<String> rows = browser.driver().findElements(By.cssSelector("tr.audit-row")).stream().map(WebElement::getText).toList();
      assertThat(rows).anySatisfy(r -> assertThat(r).contains("identity.reveal").contains(topCase).contains("HR asked to verify identity"));
      assertThat(rows).anySatisfy(r -> assertThat(r).contains("case.close").contains(topCase).contains("benign"));
      assertThat(rows).anySatisfy(r -> assertThat(r).contains("case.assign").contains("jane.analyst"));
      assertThat(rows).anySatisfy(r -> assertThat(r).contains("suppression.create").contains(personId));
      browser.screenshot("audit");

      assertThat(browser.consoleProblems()).isEmpty();

      // Log out forgets the token.
      browser.driver().findElement(By.id("logout")).click();
      browser.waiter().until(ExpectedConditions.presenceOfElementLocated(By.id("token")));
      assertThat(browser.script("return sessionStorage.getItem('unmask.token')")).isNull();
    }
  }

  @Test
  void viewer_readsButCannotAct_andABadTokenIsTurnedAwayWithAReason() throws Exception {
    String viewer = server.token(Role.VIEWER, "viewer-e2e");
    String someCase = server.await("/api/v1/cases?status=all", viewer, q -> q.get("items").size() > 0, Duration.ofSeconds(60))
        .get("items").get(0).get("case_id").asText();
    try (ConsoleBrowser browser = ConsoleBrowser.open(server.base())) {
      browser.start();
      browser.waiter().until(ExpectedConditions.elementToBeClickable(By.id("token"))).sendKeys("not-a-token");
      browser.driver().findElement(By.id("login")).click();
      WebElement error = browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login-form .error")));
      assertThat(error.getText()).contains("401");
      assertThat(browser.script("return sessionStorage.getItem('unmask.token')")).isNull();

      browser.logIn(viewer);
      assertThat(browser.driver().findElements(By.linkText("Audit log"))).isEmpty();
      browser.go("#/cases/" + someCase);
      assertThat(browser.driver().findElements(By.cssSelector("#reveal-form, #close-form, #note-form, #assign-form"))).isEmpty();
      assertThat(browser.mainText()).contains("Only analysts may reveal an identity");
      browser.go("#/audit");
      assertThat(browser.mainText()).contains("Only analysts and admins may read the audit log");
    }
  }

  private static String fullNameInPeopleCsv(String personId) throws Exception {
    List<String> lines = Files.readAllLines(ConsoleServer.DEMO.resolve("people.csv"));
    return lines.stream().filter(l -> l.startsWith(personId + ",")).map(l -> l.split(",")[1]).findFirst()
        .orElseThrow(() -> new AssertionError(personId + " is not in examples/demo/people.csv"));
  }
}
