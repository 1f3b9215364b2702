package org.unmask.server.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs) pointed
 * at a running console. Every wait is explicit: a page counts as shown when its h1 is there and
 * the "Loading…" placeholder is gone. Screenshots go to the folder named by the system property
 * {@code unmask.screenshots} when it is set (docs/console.md's pictures come from there).
 */
final class ConsoleBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final URI base;
  private final ChromeDriver driver;
  private final WebDriverWait wait;

  private ConsoleBrowser(URI base, ChromeDriver driver) {
    this.base = base;
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** Skips the calling test, saying why, when this machine has no Chromium to drive. */
  static void assumeChromium() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "skipped: no " + CHROMIUM + " or " + CHROMEDRIVER + "; install Debian's chromium and chromium-driver"
            + " (apt-get install -y chromium chromium-driver, as .ci/run does) to run the console's browser tests");
  }

  static ConsoleBrowser open(URI base) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,900", "--disable-extensions", "--no-first-run", "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    return new ConsoleBrowser(base, new ChromeDriver(service, options));
  }

  ChromeDriver driver() {
    return driver;
  }

  WebDriverWait waiter() {
    return wait;
  }

  /** Opens the console's start page (the login form when no token is held). */
  void start() {
    driver.get(base.resolve("/").toString());
  }

  void logIn(String token) {
    start();
    WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id("token")));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));
    awaitPage();
  }

  /** Navigates by hash route, as a click on a link would, and waits for the page. */
  void go(String route) {
    ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", route);
    wait.until(d -> route.equals(((JavascriptExecutor) d).executeScript("return location.hash")));
    awaitPage();
  }

  /** Waits until the routed page has replaced the loading placeholder. */
  void awaitPage() {
    wait.until(d -> !d.findElements(By.cssSelector("main h1")).isEmpty() && d.findElements(By.cssSelector("main .loading")).isEmpty());
  }

  String heading() {
    return driver.findElement(By.cssSelector("main h1")).getText();
  }

  String mainText() {
    return driver.findElement(By.id("main")).getText();
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** The browser console's errors and warnings so far (CSP violations show up here). */
  List<String> consoleProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.contains("favicon"))
        .toList();
  }

  /** Saves a full-page screenshot as NAME.png when {@code unmask.screenshots} names a folder. */
  void screenshot(String name) throws IOException {
    String folder = System.getProperty("unmask.screenshots", "");
    if (folder.isBlank()) {
      return;
    }
    Dimension before = driver.manage().window().getSize();
    long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
    driver.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height + 40, 720), 3200)));
    Path out = Path.of(folder).resolve(name + ".png");
    Files.createDirectories(out.getParent());
    Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, out, StandardCopyOption.REPLACE_EXISTING);
    driver.manage().window().setSize(before);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
