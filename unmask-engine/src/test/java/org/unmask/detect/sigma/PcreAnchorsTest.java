package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unmask.detect.sigma.SigmaTesting.event;
import static org.unmask.detect.sigma.SigmaTesting.fires;
import static org.unmask.detect.sigma.SigmaTesting.rule;

import org.junit.jupiter.api.Test;

/** Sigma's regular expressions are PCRE: '$' also matches before a newline that ends the value. */
class PcreAnchorsTest {

  @Test
  void dollar_matchesAtTheEnd_andBeforeAFinalNewline_asInPcre() {
    var r = rule("    s:\n        ScriptBlockText|re: 'Invoke-Mimikatz$'\n    condition: s\n");
    assertThat(fires(r, event("ScriptBlockText", "Invoke-Mimikatz"))).isTrue();
    assertThat(fires(r, event("ScriptBlockText", "Invoke-Mimikatz\n"))).isTrue();
    assertThat(fires(r, event("ScriptBlockText", "Invoke-Mimikatz\n\n"))).isFalse();
    assertThat(fires(r, event("ScriptBlockText", "Invoke-Mimikatz\n-DumpCreds"))).isFalse();
    assertThat(fires(r, event("ScriptBlockText", "Invoke-Mimikatz -DumpCreds"))).isFalse();
  }

  @Test
  void multiLine_dollarMatchesBeforeEveryNewline() {
    var flag = rule("    s:\n        ScriptBlockText|re|m: 'Mimikatz$'\n    condition: s\n");
    var inline = rule("    s:\n        ScriptBlockText|re: '(?m)Mimikatz$'\n    condition: s\n");
    for (var r : new SigmaRuleSet[] {flag, inline}) {
      assertThat(fires(r, event("ScriptBlockText", "Invoke-Mimikatz\n-DumpCreds"))).isTrue();
      assertThat(fires(r, event("ScriptBlockText", "Invoke-Mimikatz -DumpCreds"))).isFalse();
    }
  }

  @Test
  void onlyAnchorsAreTranslated_notEscapedOrQuotedOrClassDollars() {
    assertThat(PcreAnchors.translate("a$", false)).isEqualTo("a(?:\\n?\\z)");
    assertThat(PcreAnchors.translate("(?:a|b)$", false)).isEqualTo("(?:a|b)(?:\\n?\\z)");
    assertThat(PcreAnchors.translate("\\$a", false)).isEqualTo("\\$a");
    assertThat(PcreAnchors.translate("[$]a", false)).isEqualTo("[$]a");
    assertThat(PcreAnchors.translate("[]$]a", false)).isEqualTo("[]$]a");
    assertThat(PcreAnchors.translate("[^]$]$", false)).isEqualTo("[^]$](?:\\n?\\z)");
    assertThat(PcreAnchors.translate("\\Q$x\\E$", false)).isEqualTo("\\Q$x\\E(?:\\n?\\z)");
    assertThat(PcreAnchors.translate("a$", true)).isEqualTo("a$");
    assertThat(PcreAnchors.translate("(?im)a$", false)).isEqualTo("(?im)a$");
    assertThat(PcreAnchors.translate("(?i)a$", false)).isEqualTo("(?i)a(?:\\n?\\z)");

    var price = rule("    s:\n        Text|re: 'cost \\$5'\n    condition: s\n");
    assertThat(fires(price, event("Text", "the cost $5 total"))).isTrue();
  }
}
