package org.unmask.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's own rules, checked over its source so a slip fails the build before any browser
 * runs: no HTML sinks and no string-to-code in the JavaScript, no inline script or style and
 * nothing from another origin in the HTML and CSS. The browser tests prove the behaviour; this
 * keeps the whole source honest, including pages a test might not reach.
 */
class ConsoleSourceTest {

  private static final Path UI = Path.of("src/main/resources/org/unmask/server/ui");

  private static final Pattern JS_SINKS = Pattern.compile(
      "\\.innerHTML\\s*=|\\.outerHTML\\s*=|insertAdjacentHTML|document\\.write|\\beval\\s*\\(|new\\s+Function\\s*\\("
          + "|setTimeout\\s*\\(\\s*[\"'`]|setInterval\\s*\\(\\s*[\"'`]|createContextualFragment|DOMParser|\\.srcdoc\\b");
  private static final Pattern INLINE_IN_HTML = Pattern.compile(
      "<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=|\\sstyle\\s*=|<style\\b|javascript:", Pattern.CASE_INSENSITIVE);
  private static final Pattern OTHER_ORIGIN = Pattern.compile("(?:src|href)\\s*=\\s*[\"']?(?:https?:)?//", Pattern.CASE_INSENSITIVE);
  private static final Pattern CSS_IMPORTS = Pattern.compile("@import|url\\(\\s*[\"']?(?:https?:)?//", Pattern.CASE_INSENSITIVE);

  @Test
  void javascript_hasNoHtmlSinksNorStringToCode() throws IOException {
    assertThat(offences("js", JS_SINKS)).isEmpty();
  }

  @Test
  void html_hasNoInlineScriptOrStyle_andLoadsNothingFromAnotherOrigin() throws IOException {
    assertThat(offences("html", INLINE_IN_HTML)).isEmpty();
    assertThat(offences("html", OTHER_ORIGIN)).isEmpty();
  }

  @Test
  void css_loadsNothingFromAnotherOrigin() throws IOException {
    assertThat(offences("css", CSS_IMPORTS)).isEmpty();
  }

  @Test
  void indexHtml_loadsTheConsoleAsOneModuleScript() throws IOException {
    List<String> modules;
    try (Stream<Path> files = Files.walk(UI)) {
      modules = files.filter(p -> p.toString().endsWith(".js")).map(p -> UI.relativize(p).toString().replace('\\', '/')).toList();
    }
    assertThat(modules).contains("js/app.js", "js/dom.js", "js/api.js");
    String index = Files.readString(UI.resolve("index.html"), StandardCharsets.UTF_8);
    assertThat(index).contains("<script type=\"module\" src=\"js/app.js\"></script>");
  }

  /** Every "file:line: text" in the ui folder whose extension is ext and whose line matches. */
  private static List<String> offences(String ext, Pattern pattern) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(UI)) {
      for (Path file : files.filter(p -> p.toString().endsWith("." + ext)).sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (line.trim().startsWith("//") || line.trim().startsWith("/*") || line.trim().startsWith("*")) {
            continue;
          }
          if (pattern.matcher(line).find()) {
            found.add(UI.relativize(file) + ":" + (i + 1) + ": " + line.trim());
          }
        }
      }
    }
    return found;
  }
}
