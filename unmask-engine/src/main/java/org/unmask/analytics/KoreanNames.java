package org.unmask.analytics;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a name could be Korean: any of its words is a romanised Korean surname (about 90 of
 * them, with their common spellings, cover nearly every Korean). It answers "could a Korean
 * keyboard be this person's own?" (THREAT.md S13: Korean settings on a non-Korean persona), so it
 * errs towards yes: Lee, Park, Song or Chang are also Anglo or Chinese names, and any of them
 * keeps the keyboard a weak signal. A Korean speaker with another name is the false positive this
 * leaves, which is why even an unexplained keyboard cannot open a case alone.
 */
final class KoreanNames {

  private static final Set<String> SURNAMES = Set.of(
      "kim", "gim", "lee", "yi", "rhee", "ri", "i", "park", "pak", "bak", "choi", "choe", "chey",
      "jung", "jeong", "chung", "cheong", "kang", "gang", "cho", "jo", "joe", "yoon", "yun", "jang", "chang",
      "lim", "im", "rim", "yim", "han", "oh", "o", "seo", "suh", "shin", "sin", "kwon", "gwon", "hwang",
      "whang", "ahn", "an", "song", "jeon", "jun", "chun", "chon", "hong", "yoo", "yu", "you", "ko", "go",
      "koh", "moon", "mun", "yang", "son", "sohn", "bae", "pae", "baek", "paik", "baik", "paek", "heo",
      "huh", "hur", "nam", "noh", "roh", "no", "ha", "kwak", "gwak", "sung", "seong", "cha", "joo", "ju",
      "chu", "woo", "u", "koo", "gu", "ku", "min", "ryu", "rhyu", "na", "ra", "jin", "chin", "ji", "chi",
      "uhm", "eom", "um", "chae", "won", "bang", "pang", "pyo", "byun", "byeon", "yeo", "choo", "do", "doh",
      "gil", "kil", "seok", "suk", "seon", "sun", "sim", "shim", "ok", "tak", "maeng", "yeom", "hyun",
      "hyeon", "kook", "guk", "ma", "kye", "gye", "seol", "yook", "yuk", "kong", "gong", "ki", "gi", "pyun",
      "pyeon", "je", "ham", "myung", "myeong", "ban", "wang", "ye", "bong", "dong");

  private KoreanNames() {}

  /** True when any word of the name (split at spaces, hyphens, commas and dots) is a Korean surname. */
  static boolean couldBeKorean(String fullName) {
    if (fullName == null || fullName.isBlank()) {
      return true; // no name, no contradiction
    }
    for (String word : fullName.toLowerCase(Locale.ROOT).split("[\\s,.\\-]+")) {
      if (SURNAMES.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
