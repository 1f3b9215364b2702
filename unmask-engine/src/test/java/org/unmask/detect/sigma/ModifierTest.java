package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unmask.detect.sigma.SigmaTesting.event;
import static org.unmask.detect.sigma.SigmaTesting.fires;
import static org.unmask.detect.sigma.SigmaTesting.rule;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each modifier of the Sigma modifiers appendix, with the examples it gives. */
class ModifierTest {

  @Test
  void contains_startswith_endswith_placeWildcards_caseInsensitively() {
    var c = rule("    s:\n        CommandLine|contains: 'Invoke-Mimikatz'\n    condition: s\n");
    assertThat(fires(c, event("CommandLine", "powershell IEX; invoke-mimikatz -dump"))).isTrue();
    assertThat(fires(c, event("CommandLine", "powershell"))).isFalse();
    var s = rule("    s:\n        User|startswith: 'adm_'\n    condition: s\n");
    assertThat(fires(s, event("User", "ADM_bob"))).isTrue();
    assertThat(fires(s, event("User", "bob_adm_"))).isFalse();
    var e = rule("    s:\n        Image|endswith: '\\cmd.exe'\n    condition: s\n");
    assertThat(fires(e, event("Image", "C:\\Windows\\System32\\CMD.EXE"))).isTrue();
    assertThat(fires(e, event("Image", "C:\\cmd.exe.bak"))).isFalse();
  }


  @Test
  void startswith_and_endswith_together_eachAddTheirWildcard() {
    // rules spec, Value Modifiers: "The value modifiers are applied in the given order to the value";
    // startswith appends '*', endswith prepends one, so together they search anywhere (pySigma alike)
    var both = rule("    s:\n        CommandLine|startswith|endswith: 'mimikatz'\n    condition: s\n");
    assertThat(fires(both, event("CommandLine", "run mimikatz now"))).isTrue();
    assertThat(fires(both, event("CommandLine", "run mimi katz"))).isFalse();
    var reversed = rule("    s:\n        CommandLine|endswith|startswith: 'mimikatz'\n    condition: s\n");
    assertThat(fires(reversed, event("CommandLine", "run mimikatz now"))).isTrue();
  }

  @Test
  void all_andsTheValues() {
    var r = rule("    s:\n        CommandLine|contains|all:\n            - ' -enc '\n            - 'bypass'\n    condition: s\n");
    assertThat(fires(r, event("CommandLine", "powershell -ep bypass -enc AAAA"))).isTrue();
    assertThat(fires(r, event("CommandLine", "powershell -enc AAAA"))).isFalse();
  }

  @Test
  void exists_checksPresence_notValue() {
    var yes = rule("    s:\n        PasswordLastSet|exists: true\n    condition: s\n");
    var no = rule("    s:\n        PasswordLastSet|exists: false\n    condition: s\n");
    assertThat(fires(yes, event("PasswordLastSet", ""))).isTrue();
    assertThat(fires(yes, event("PasswordLastSet", null))).isTrue();
    assertThat(fires(yes, event("Other", "x"))).isFalse();
    assertThat(fires(no, event("Other", "x"))).isTrue();
  }


  @Test
  void exists_false_isFalseForAFieldPresentWithNull() {
    // Modifiers appendix, exists: "this check only verifies the presence of a field, not its value, be it empty or null"
    var no = rule("    s:\n        PasswordLastSet|exists: false\n    condition: s\n");
    assertThat(fires(no, event(java.util.Collections.singletonMap("PasswordLastSet", null)))).isFalse();
    assertThat(fires(no, event("PasswordLastSet", ""))).isFalse();
  }

  @Test
  void cased_matchesCaseSensitively() {
    var r = rule("    s:\n        CommandLine|cased|contains: 'MiMiKaTz'\n    condition: s\n");
    assertThat(fires(r, event("CommandLine", "run MiMiKaTz now"))).isTrue();
    assertThat(fires(r, event("CommandLine", "run mimikatz now"))).isFalse();
  }

  @Test
  void caseInsensitiveTests_foldWhatLowerCasingLeavesApart_finalSigma_longS_microSign() {
    // Java lower-cases a word-final Σ to ς: "ΑΣ" lower-cased does not contain "σ"
    assertThat(fires(rule("    s:\n        Title|contains: 'Σ'\n    condition: s\n"), event("Title", "ΑΣ"))).isTrue();
    // the long s is a classic way to write a keyword that a plain lower-cased test misses
    var keyword = rule("    k:\n        - 'sekurlsa::'\n    condition: k\n");
    assertThat(fires(keyword, event("CommandLine", "mimikatz ſekurlſa::logonpasswords"))).isTrue();
    assertThat(fires(rule("    s:\n        CommandLine|contains: 'sekurlsa::'\n    condition: s\n"),
        event("CommandLine", "ſEKURLſA::x"))).isTrue();
    assertThat(fires(rule("    s:\n        Unit: 'μs'\n    condition: s\n"), event("Unit", "µs"))).isTrue();
    assertThat(fires(keyword, event("CommandLine", "sekurl sa::"))).isFalse();
    var mimikatz = rule("    s:\n        CommandLine|contains: 'mimikatz'\n    condition: s\n");
    assertThat(fires(mimikatz, event("CommandLine", "MİMİKATZ.exe"))).as("dotted capital I").isTrue();
    assertThat(fires(mimikatz, event("CommandLine", "mımıkatz.exe"))).as("dotless i").isTrue();
  }

  @Test
  void folding_knowsEveryCharacterThatLowerCasingLeavesApart() {
    StringBuilder apart = new StringBuilder();
    for (int c = 0x80; c <= Character.MAX_CODE_POINT; c++) {
      if (Character.toLowerCase(c) == c && Character.toLowerCase(Character.toUpperCase(c)) != c) {
        apart.appendCodePoint(c);
      }
    }
    assertThat(new String(SigmaString.foldedApart())).isEqualTo(apart.toString());
    assertThat(SigmaString.lower("ΑΣ µ ſ Kϐ x")).isEqualTo("ασ μ s kβ x");
    // folding keeps every text's length, which the exact-value lookup relies on to skip values
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      String one = "A" + new String(Character.toChars(c));
      if (SigmaString.lower(one).length() != one.length()) {
        throw new AssertionError(String.format("U+%04X changes length when folded", c));
      }
    }
    // every Latin-1 character (the one-pass path) lower-cases as String.toLowerCase does, µ apart
    for (char c = 0; c <= 0xFF; c++) {
      String text = "Ab" + c + "Z";
      assertThat(SigmaString.lower(text)).as("U+%04X", (int) c).isEqualTo(c == 0xB5 ? "ab\u03BCz" : text.toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void theIndex_letsThroughWhatTheTestsAccept_whereCaseFoldingGoesBeyondLowerCasing() {
    // each found by a random differential test: the literal index lower-cased, the tests matched
    var cased = rule("    s:\n        Image|contains|cased: 'Σ'\n    condition: s\n");
    assertThat(fires(cased, event("Image", "SSΣ"))).as("a cased Σ at the end of a word").isTrue();
    var regex = rule("    s:\n        F1|re|i: 'σ.'\n    condition: s\n");
    assertThat(fires(regex, event("F1", "éς1"))).as("RE2 folds σ and ς").isTrue();
    var longS = rule("    s:\n        F1|re: '(?i)sekurlsa'\n    condition: s\n");
    assertThat(fires(longS, event("F1", "ſekurlſa"))).as("RE2 folds s and ſ").isTrue();
    assertThat(RegexLiterals.caseFoldSafe("σ.ab")).isEqualTo(".ab");
    assertThat(RegexLiterals.caseFoldSafe("ßσ")).isNull();
  }

  @Test
  void neq_requiresAValueDifferentFromEveryListedValue() {
    var r = rule("    s:\n        User|neq:\n            - admin\n            - root\n    condition: s\n");
    assertThat(fires(r, event("User", "bob"))).isTrue();
    assertThat(fires(r, event("User", "ROOT"))).isFalse();
    assertThat(fires(r, event("Other", "x"))).isFalse();
    var n = rule("    s:\n        EventID|neq: 4624\n    condition: s\n");
    assertThat(fires(n, event("EventID", 4625L))).isTrue();
    assertThat(fires(n, event("EventID", 4624L))).isFalse();
  }

  @Test
  void windash_acceptsEveryDashSpelling() {
    var r = rule("    s:\n        CommandLine|windash|contains: ' -exec bypass'\n    condition: s\n");
    for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
      assertThat(fires(r, event("CommandLine", "powershell " + dash + "exec bypass"))).as(dash).isTrue();
    }
    assertThat(fires(r, event("CommandLine", "powershell +exec bypass"))).isFalse();
  }


  @Test
  void windash_givesEachFlagAllFiveDashes_butLeavesDashesInsideWords() {
    // Modifiers appendix, windash: "Creates all possible permutations of the -, /, – (en dash), — (em dash),
    // and ― (horizontal bar) characters"; which dashes, pySigma says: those that start a flag (\B[-/]\b)
    List<String> dashes = List.of("-", "/", "\u2013", "\u2014", "\u2015");
    var enDash = rule("    s:\n        CommandLine|windash|contains: ' \u2013exec'\n    condition: s\n");
    var help = rule("    s:\n        CommandLine|windash|endswith: ' /?'\n    condition: s\n");
    var inWord = rule("    s:\n        CommandLine|windash|contains: 'start/b '\n    condition: s\n");
    for (String dash : dashes) {
      assertThat(fires(enDash, event("CommandLine", "powershell " + dash + "exec bypass"))).as(dash).isTrue();
      assertThat(fires(help, event("CommandLine", "net " + dash + "?"))).as(dash).isTrue();
    }
    assertThat(fires(enDash, event("CommandLine", "powershell +exec bypass"))).isFalse();
    assertThat(fires(inWord, event("CommandLine", "cmd /c start/b x.exe"))).isTrue();
    assertThat(fires(inWord, event("CommandLine", "cmd /c start-b x.exe"))).as("not a flag: as written").isFalse();
  }

  @Test
  void windash_permutesEveryPosition_evenBeyondFive() {
    var r = rule("    s:\n        CommandLine|windash|contains: ' -a -b -c -d -e -f -g'\n    condition: s\n");
    assertThat(fires(r, event("CommandLine", "x -a -b -c -d -e /f \u2014g"))).isTrue();
    assertThat(fires(r, event("CommandLine", "x /A \u2013b -c \u2015d -e /f -g y"))).isTrue();
    assertThat(fires(r, event("CommandLine", "x -a -b -c -d -e -f +g"))).isFalse();
    List<LoadProblem> encoded = SigmaTesting.problems(SigmaTesting.HEADER
        + "    s:\n        CommandLine|windash|base64: ' -a -b -c -d -e -f -g'\n    condition: s\n");
    assertThat(encoded).anySatisfy(p -> assertThat(p.isError()).isTrue());
  }

  @Test
  void re_isCaseSensitiveSearch_withFlags() {
    var r = rule("    s:\n        CommandLine|re: 'net\\s+user\\s+\\w+ /add'\n    condition: s\n");
    assertThat(fires(r, event("CommandLine", "cmd /c net user bob /add"))).isTrue();
    assertThat(fires(r, event("CommandLine", "cmd /c NET USER bob /add"))).isFalse();
    var i = rule("    s:\n        CommandLine|re|i: 'net\\s+user'\n    condition: s\n");
    assertThat(fires(i, event("CommandLine", "NET USER"))).isTrue();
    var m = rule("    s:\n        Text|re|m: '^second$'\n    condition: s\n");
    assertThat(fires(m, event("Text", "first\nsecond\nthird"))).isTrue();
    var s = rule("    s:\n        Text|re|s: 'first.second'\n    condition: s\n");
    assertThat(fires(s, event("Text", "first\nsecond"))).isTrue();
    var noS = rule("    s:\n        Text|re: 'first.second'\n    condition: s\n");
    assertThat(fires(noS, event("Text", "first\nsecond"))).isFalse();
  }


  @Test
  void re_anchorsTheWholeValue_unlessMultiLine_andFlagsCombine() {
    // Modifiers appendix, re: "m: (multi line) ... ^ / $ match the start/end of line"; without m they match the value's ends
    var start = rule("    s:\n        Text|re: '^second'\n    condition: s\n");
    assertThat(fires(start, event("Text", "first\nsecond"))).isFalse();
    assertThat(fires(start, event("Text", "second line"))).isTrue();
    var both = rule("    s:\n        Text|re|i|m: '^SECOND$'\n    condition: s\n");
    assertThat(fires(both, event("Text", "first\nsecond\nthird"))).isTrue();
    var cased = rule("    s:\n        Text|re: 'ABC'\n    condition: s\n");
    assertThat(fires(cased, event("Text", "abc"))).as("re is case-sensitive even without cased").isFalse();
  }

  @Test
  void base64_and_base64offset_findTheEncodedValue() {
    var b = rule("    s:\n        Data|base64: 'cmd'\n    condition: s\n");
    assertThat(fires(b, event("Data", "Y21k"))).isTrue();
    var o = rule("    s:\n        CommandLine|base64offset|contains: 'http://'\n    condition: s\n");
    for (String prefix : List.of("", "a", "ab", "abc")) {
      String encoded = Base64.getEncoder().encodeToString((prefix + "http://evil.example/x").getBytes(StandardCharsets.UTF_8));
      assertThat(fires(o, event("CommandLine", "powershell -enc " + encoded))).as(prefix).isTrue();
    }
    assertThat(fires(o, event("CommandLine", "powershell -enc " + Base64.getEncoder().encodeToString("ftp://x".getBytes())))).isFalse();
  }

  @Test
  void utf16_encodings_produceTheSpecifiedBytes_beforeBase64() {
    // cmd > 63 00 6d 00 64 00 (le), 00 63 00 6d 00 64 (be), FF FE 63 00 6d 00 64 00 (utf16)
    var le = rule("    s:\n        Data|utf16le|base64: 'cmd'\n    condition: s\n");
    assertThat(fires(le, event("Data", Base64.getEncoder().encodeToString(new byte[] {0x63, 0, 0x6d, 0, 0x64, 0})))).isTrue();
    var wide = rule("    s:\n        Data|wide|base64: 'cmd'\n    condition: s\n");
    assertThat(fires(wide, event("Data", Base64.getEncoder().encodeToString(new byte[] {0x63, 0, 0x6d, 0, 0x64, 0})))).isTrue();
    var be = rule("    s:\n        Data|utf16be|base64: 'cmd'\n    condition: s\n");
    assertThat(fires(be, event("Data", Base64.getEncoder().encodeToString(new byte[] {0, 0x63, 0, 0x6d, 0, 0x64})))).isTrue();
    var bom = rule("    s:\n        Data|utf16|base64: 'cmd'\n    condition: s\n");
    assertThat(fires(bom, event("Data", Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0})))).isTrue();
    var powershell = rule("    s:\n        CommandLine|wide|base64offset|contains: 'IEX'\n    condition: s\n");
    String enc = Base64.getEncoder().encodeToString("$x; IEX (New-Object Net.WebClient)".getBytes(StandardCharsets.UTF_16LE));
    assertThat(fires(powershell, event("CommandLine", "powershell -enc " + enc))).isTrue();
  }

  @Test
  void numericComparisons() {
    var r = rule("    s:\n        Bytes|gt: 1000\n        Port|lte: 1024\n    condition: s\n");
    assertThat(fires(r, event("Bytes", 5000L, "Port", 443L))).isTrue();
    assertThat(fires(r, event("Bytes", "5000", "Port", "1024"))).isTrue();
    assertThat(fires(r, event("Bytes", 1000L, "Port", 443L))).isFalse();
    assertThat(fires(r, event("Bytes", "lots", "Port", 443L))).isFalse();
    var lt = rule("    s:\n        Score|lt: 0.5\n    condition: s\n");
    assertThat(fires(lt, event("Score", 0.25))).isTrue();
    var gte = rule("    s:\n        Score|gte: 10\n    condition: s\n");
    assertThat(fires(gte, event("Score", 10L))).isTrue();
  }

  @Test
  void numericComparisons_areExact_beyondADoublesIntegers() {
    // 2^53 + 1 and 2^53 are one double; a 64-bit id or byte count must still compare exactly
    var gt = rule("    s:\n        Id|gt: 9007199254740992\n    condition: s\n");
    assertThat(fires(gt, event("Id", 9007199254740993L))).isTrue();
    assertThat(fires(gt, event("Id", "9007199254740993"))).isTrue();
    assertThat(fires(gt, event("Id", 9007199254740992L))).isFalse();
    var lte = rule("    s:\n        Id|lte: 9007199254740992\n    condition: s\n");
    assertThat(fires(lte, event("Id", 9007199254740993L))).isFalse();
    assertThat(fires(lte, event("Id", "0x20000000000000"))).as("2^53 in hexadecimal").isTrue();
    var fraction = rule("    s:\n        Score|lt: '0.30000000000000000001'\n    condition: s\n");
    assertThat(fires(fraction, event("Score", "0.3"))).isTrue();
  }


  @Test
  void numericComparisons_readOnlyDecimalOrHexNumbers() {
    // Modifiers appendix, numeric modifiers "can only be applied to numeric values": Java's own
    // number syntax (NaN, Infinity, 10f, 10d, hex floats) is text in an event
    var gt = rule("    s:\n        Size|gt: 5\n    condition: s\n");
    for (String notANumber : List.of("Infinity", "NaN", "10f", "10d", "0x1p4", "+", "e")) {
      assertThat(fires(gt, event("Size", notANumber))).as(notANumber).isFalse();
    }
    for (String number : List.of("10", " 10 ", "1e3", "10.5", "+7", "0x10")) {
      assertThat(fires(gt, event("Size", number))).as(number).isTrue();
    }
    var lt = rule("    s:\n        Size|lt: 0\n    condition: s\n");
    assertThat(fires(lt, event("Size", "-Infinity"))).isFalse();
    assertThat(fires(lt, event("Size", "-3"))).isTrue();
    assertThat(fires(lt, event("Size", "0x-5"))).as("a sign is not a hexadecimal digit").isFalse();
    var big = rule("    s:\n        Flags|gt: 9000000000000000000\n    condition: s\n");
    assertThat(fires(big, event("Flags", "0xFFFFFFFFFFFFFFFF"))).as("64 unsigned bits").isTrue();
    assertThat(fires(big, event("Flags", "0x10000000000000000"))).as("more than 64 bits").isFalse();
    assertThat(fires(big, event("Flags", "0x0000000000000000FFFFFFFFFFFFFFFF"))).as("leading zeros").isTrue();
    assertThat(fires(gt, event("Size", "0x\u0661\u0662"))).as("Arabic-Indic digits are not hexadecimal").isFalse();
    // 2^63 + 1025 rounds to 2^63 + 2048, as the same number written in decimal does
    assertThat(ValueMatchers.number("0x8000000000000401")).isEqualTo(ValueMatchers.number("9223372036854776833"))
        .isEqualTo(new java.math.BigInteger("8000000000000401", 16).doubleValue());
  }

  @Test
  void timeParts_readTheFieldAsADate() {
    var hour = rule("    s:\n        UtcTime|hour|gte: 22\n    condition: s\n");
    assertThat(fires(hour, event("UtcTime", "2025-10-24 23:41:00.589"))).isTrue();
    assertThat(fires(hour, event("UtcTime", "2025-10-24T08:00:00Z"))).isFalse();
    var month = rule("    s:\n        T|month: 10\n    condition: s\n");
    assertThat(fires(month, event("T", "2025-10-24T08:00:00Z"))).isTrue();
    var week = rule("    s:\n        T|week: 1\n    condition: s\n");
    assertThat(fires(week, event("T", "2026-01-01T08:00:00Z"))).isTrue();
    var year = rule("    s:\n        T|year|lt: 2000\n    condition: s\n");
    assertThat(fires(year, event("T", "garbage"))).isFalse();
    var minuteDay = rule("    s:\n        T|minute: 41\n        T|day: 24\n    condition: s\n");
    assertThat(fires(minuteDay, event("T", "2025-10-24T23:41:00Z"))).isTrue();
  }


  @Test
  void timeParts_readTheWrittenDigits_withoutTimeZoneConversion() {
    // Modifiers appendix, time modifiers: "It is not designed to handle timezone or format conversions"
    var hour = rule("    s:\n        T|hour: 23\n    condition: s\n");
    assertThat(fires(hour, event("T", "2025-10-24T23:41:00+02:00"))).isTrue();
    assertThat(fires(hour, event("T", "2025-10-24T21:41:00Z"))).isFalse();
    assertThat(fires(hour, event("T", "1729813260"))).as("epoch seconds are not a date text").isFalse();
    var neq = rule("    s:\n        T|day|neq: 24\n    condition: s\n");
    assertThat(fires(neq, event("T", "2025-10-25T00:00:00Z"))).isTrue();
    assertThat(fires(neq, event("T", "2025-10-24T00:00:00Z"))).isFalse();
  }

  @Test
  void cidr_matchesIPv4AndIPv6Networks() {
    var r = rule("    s:\n        DestinationIp|cidr:\n            - 10.0.0.0/8\n            - 192.168.1.0/24\n            - 'fe80::/10'\n            - '2001:db8::/32'\n    condition: s\n");
    assertThat(fires(r, event("DestinationIp", "10.1.2.3"))).isTrue();
    assertThat(fires(r, event("DestinationIp", "192.168.1.200"))).isTrue();
    assertThat(fires(r, event("DestinationIp", "192.168.2.1"))).isFalse();
    assertThat(fires(r, event("DestinationIp", "fe80::1ff:fe23:4567:890a"))).isTrue();
    assertThat(fires(r, event("DestinationIp", "2001:0db8:85a3::8a2e:0370:7334"))).isTrue();
    assertThat(fires(r, event("DestinationIp", "2001:db9::1"))).isFalse();
    assertThat(fires(r, event("DestinationIp", "not-an-ip.example.com"))).isFalse();
    assertThat(fires(r, event("DestinationIp", "10.1.2"))).isFalse();
  }


  @Test
  void cidr_acceptsASingleAddress_andMixedFamilies_andRejectsInvalidNetworks() {
    var mixed = rule("    s:\n        Ip|cidr:\n            - 10.1.2.3\n            - '::1/128'\n    condition: s\n");
    assertThat(fires(mixed, event("Ip", "10.1.2.3"))).isTrue();
    assertThat(fires(mixed, event("Ip", "10.1.2.4"))).isFalse();
    assertThat(fires(mixed, event("Ip", "::1"))).isTrue();
    assertThat(fires(mixed, event("Ip", "::2"))).isFalse();
    for (String bad : List.of("10.0.0.0/33", "10.0.0/8", "fe80::/129", "evil.example/8")) {
      assertThat(SigmaTesting.problems(SigmaTesting.HEADER + "    s:\n        Ip|cidr: '" + bad + "'\n    condition: s\n"))
          .as(bad).anySatisfy(p -> assertThat(p.isError()).isTrue());
    }
  }

  @Test
  void expand_usesConfiguredPlaceholders_andUnresolvedMatchNothing() {
    SigmaConfig config = new SigmaConfig(Map.of("Administrators", List.of("adm_*", "root")), SigmaConfig.Unresolved.NOTHING);
    var r = rule("    s:\n        User|expand: '%Administrators%'\n    condition: s\n", config);
    assertThat(fires(r, event("User", "adm_alice"))).isTrue();
    assertThat(fires(r, event("User", "root"))).isTrue();
    assertThat(fires(r, event("User", "bob"))).isFalse();
    var unresolved = rule("    s:\n        User|expand: '%Unknown%'\n    condition: s\n");
    assertThat(fires(unresolved, event("User", "%Unknown%"))).isFalse();
    var anything = rule("    s:\n        User|expand: '%Unknown%'\n    condition: s\n", new SigmaConfig(Map.of(), SigmaConfig.Unresolved.ANYTHING));
    assertThat(fires(anything, event("User", "bob"))).isTrue();
    var literal = rule("    s:\n        Path: '%name%'\n    condition: s\n");
    assertThat(fires(literal, event("Path", "%NAME%"))).isTrue();
    var escaped = rule("    s:\n        Path|expand: '\\%plain%name%'\n    condition: s\n", new SigmaConfig(Map.of("name", List.of("x")), SigmaConfig.Unresolved.NOTHING));
    assertThat(fires(escaped, event("Path", "%plainx"))).isTrue();
  }

  @Test
  void expand_anEscapedBackslashBeforeAPlaceholder_isABackslash_andThePlaceholderExpands() {
    // rules specification, escaping: '\\' is one backslash, so in C:\Users\\%Adm% the '%' opens a placeholder
    SigmaConfig config = new SigmaConfig(Map.of("Adm", List.of("adm_x")), SigmaConfig.Unresolved.NOTHING);
    var r = rule("    s:\n        Path|expand: 'C:\\Users\\\\%Adm%'\n    condition: s\n", config);
    assertThat(fires(r, event("Path", "C:\\Users\\adm_x"))).isTrue();
    assertThat(fires(r, event("Path", "C:\\Users\\%Adm%"))).isFalse();
  }

  @Test
  void all_andsTheListedValues_notTheSpellingsAModifierMakesOfEach() {
    // modifiers appendix: 'all' links the values of a list with AND; windash, base64offset and a
    // placeholder with several values give each value several spellings, any one of which matches
    var dashes = rule("    s:\n        CommandLine|contains|windash|all: [' -a', ' -b']\n    condition: s\n");
    assertThat(fires(dashes, event("CommandLine", "x /a /b"))).isTrue();
    assertThat(fires(dashes, event("CommandLine", "x -a \u2013b"))).isTrue();
    assertThat(fires(dashes, event("CommandLine", "x /a"))).isFalse();
    var oneValue = rule("    s:\n        CommandLine|contains|windash|all: [' -a']\n    condition: s\n");
    assertThat(fires(oneValue, event("CommandLine", "x /a"))).isTrue();

    var encoded = rule("    s:\n        CommandLine|base64offset|contains|all: ['hello world', 'goodbye moon']\n    condition: s\n");
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    assertThat(fires(encoded, event("CommandLine", "-e " + b64.encodeToString("xhello world and goodbye moon".getBytes(StandardCharsets.UTF_8))))).isTrue();
    assertThat(fires(encoded, event("CommandLine", "-e " + b64.encodeToString("hello world".getBytes(StandardCharsets.UTF_8))))).isFalse();

    SigmaConfig config = new SigmaConfig(Map.of("Adm", List.of("adm_*", "root")), SigmaConfig.Unresolved.NOTHING);
    var expanded = rule("    s:\n        User|expand|contains|all: ['%Adm%', 'zz']\n    condition: s\n", config);
    assertThat(fires(expanded, event("User", "root zz"))).isTrue();
    assertThat(fires(expanded, event("User", "root"))).isFalse();

    var keywords = rule("    k:\n        '|windash|all': [' -a', ' -b']\n    condition: k\n");
    assertThat(fires(keywords, event("CommandLine", "x /a /b"))).isTrue();
    assertThat(fires(keywords, event("CommandLine", "x /a"))).isFalse();
  }

  @Test
  void fieldref_comparesTwoFieldsOfTheEvent() {
    var r = rule("    s:\n        SourceUser|fieldref: TargetUser\n    condition: s\n");
    assertThat(fires(r, event("SourceUser", "Bob", "TargetUser", "bob"))).isTrue();
    assertThat(fires(r, event("SourceUser", "bob", "TargetUser", "alice"))).isFalse();
    var neq = rule("    s:\n        SourceUser|fieldref|neq: TargetUser\n    condition: s\n");
    assertThat(fires(neq, event("SourceUser", "bob", "TargetUser", "alice"))).isTrue();
    var ends = rule("    s:\n        Image|fieldref|endswith: Name\n    condition: s\n");
    assertThat(fires(ends, event("Image", "C:\\x\\evil.exe", "Name", "evil.exe"))).isTrue();
  }


  @Test
  void fieldref_withPlacementAndCased_andAMissingReferencedField() {
    var contains = rule("    s:\n        CommandLine|fieldref|contains: User\n    condition: s\n");
    assertThat(fires(contains, event("CommandLine", "runas /user:BOB x", "User", "bob"))).isTrue();
    assertThat(fires(contains, event("CommandLine", "runas x", "User", "bob"))).isFalse();
    var starts = rule("    s:\n        Image|fieldref|startswith: Dir\n    condition: s\n");
    assertThat(fires(starts, event("Image", "C:\\Temp\\x.exe", "Dir", "c:\\temp"))).isTrue();
    assertThat(fires(starts, event("Image", "D:\\C:\\Temp", "Dir", "c:\\temp"))).isFalse();
    var cased = rule("    s:\n        A|fieldref|cased: B\n    condition: s\n");
    assertThat(fires(cased, event("A", "Bob", "B", "bob"))).isFalse();
    assertThat(fires(cased, event("A", "Bob", "B", "Bob"))).isTrue();
    var plain = rule("    s:\n        A|fieldref: B\n    condition: s\n");
    assertThat(fires(plain, event("A", "x"))).isFalse();
  }

  @Test
  void fieldref_neq_needsTheReferencedFieldToHaveAValue() {
    // "different from" needs something to differ from: neq on a missing field does not match
    // (neq_requiresAValueDifferentFromEveryListedValue), nor does neq against a missing reference
    var neq = rule("    s:\n        SourceUser|fieldref|neq: TargetUser\n    condition: s\n");
    assertThat(fires(neq, event("SourceUser", "bob"))).isFalse();
    assertThat(fires(neq, event(java.util.Map.of("SourceUser", "bob")))).isFalse();
    assertThat(fires(neq, event("SourceUser", "bob", "TargetUser", "alice"))).isTrue();
    assertThat(fires(neq, event("SourceUser", "bob", "TargetUser", "BOB"))).isFalse();
  }

  @Test
  void unknownModifier_isAnError_withTheClosestModifier() {
    List<LoadProblem> problems = SigmaTesting.problems(SigmaTesting.HEADER + "    s:\n        CommandLine|contians: x\n    condition: s\n");
    assertThat(problems).anySatisfy(p -> {
      assertThat(p.isError()).isTrue();
      assertThat(p.line()).isEqualTo(8);
      assertThat(p.toString()).startsWith("rules/x.yml:8: unknown modifier 'contians'; did you mean 'contains'?");
    });
  }
}
