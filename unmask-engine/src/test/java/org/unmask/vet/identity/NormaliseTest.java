package org.unmask.vet.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.unmask.reference.Address;

class NormaliseTest {

  @Test
  void phone_readsUsNumbersInAnyPunctuation_asOneE164() {
    assertThat(Normalise.phone("(415) 555-2671")).isEqualTo("+14155552671");
    assertThat(Normalise.phone("+1 415.555.2671")).isEqualTo("+14155552671");
    assertThat(Normalise.phone("415-555-2671")).isEqualTo("+14155552671");
    assertThat(Normalise.phone("+44 20 7946 0958")).isEqualTo("+442079460958");
  }

  @Test
  void phone_isUnknown_forGarbage() {
    assertThat(Normalise.phone("call me")).isNull();
    assertThat(Normalise.phone("12")).isNull();
    assertThat(Normalise.phone("")).isNull();
  }

  @Test
  void email_foldsGmailDotsAndPlusTags_andGooglemail() {
    assertThat(Normalise.email("John.Smith+jobs@Gmail.com")).isEqualTo("johnsmith@gmail.com");
    assertThat(Normalise.email("j.o.h.n.smith@googlemail.com")).isEqualTo("johnsmith@gmail.com");
  }

  @Test
  void email_foldsOutlookPlusTags_butKeepsItsDots() {
    assertThat(Normalise.email("john.smith+x@outlook.com")).isEqualTo("john.smith@outlook.com");
    assertThat(Normalise.email("john.smith@hotmail.com")).isNotEqualTo(Normalise.email("johnsmith@hotmail.com"));
  }

  @Test
  void email_keepsPlusAndDots_atUnknownProviders() {
    assertThat(Normalise.email("a.b+c@example.org")).isEqualTo("a.b+c@example.org");
    assertThat(Normalise.email("not-an-email")).isNull();
  }

  @Test
  void normalising_twice_changesNothing() {
    for (String e : new String[] {"A.B+c@gmail.com", "x+y@outlook.com", "Q@Example.ORG"}) {
      String once = Normalise.email(e);
      assertThat(Normalise.email(once)).isEqualTo(once);
    }
    assertThat(Normalise.phone(Normalise.phone("(415) 555-2671"))).isEqualTo("+14155552671");
  }

  @Test
  void postalKey_agreesAcrossSpellings_ofOneHome() {
    PostalKey a = PostalKey.of(new Address("12 Oak Street, Apt 4", "Springfield", "IL", "62704-1234", "US"));
    PostalKey b = PostalKey.of(new Address("12 oak st #4", "SPRINGFIELD", "Illinois", "62704", "us"));
    PostalKey line = PostalKey.ofLine("12 Oak St., Apt. 4, Springfield, IL 62704, US");
    assertThat(a.home()).isEqualTo(b.home()).isEqualTo(line.home());
    assertThat(a.unit()).isEqualTo("4");
  }

  @Test
  void postalKey_separatesUnits_butKeepsTheBuilding() {
    PostalKey a = PostalKey.of(new Address("500 Market Street Suite 200", "Austin", "TX", "78701", "US"));
    PostalKey b = PostalKey.of(new Address("500 Market St Ste 310", "Austin", "TX", "78701", "US"));
    assertThat(a.building()).isEqualTo(b.building());
    assertThat(a.home()).isNotEqualTo(b.home());
  }

  @Test
  void postalKey_doesNotMistakeStreetNames_forUnits() {
    assertThat(PostalKey.of(new Address("12 Flat Rock Rd", "Austin", "TX", "78701", "US")).unit()).isEmpty();
  }

  @Test
  void hasher_givesPrefixedPseudonyms_andKeyedOnesDiffer() {
    String plain = IdentityHasher.plain().hash("phone", "+14155552671");
    String keyed = new IdentityHasher("k".getBytes()).hash("phone", "+14155552671");
    assertThat(plain).startsWith("sha256:").hasSize(7 + 16).doesNotContain("4155552671");
    assertThat(keyed).startsWith("sha256:").isNotEqualTo(plain);
  }

  @Test
  void profiles_foldUrlVariants_toOneAccount() {
    assertThat(Normalise.linkedinProfile("https://www.linkedin.com/in/Ann-Lee-42/?trk=x"))
        .isEqualTo(Normalise.linkedinProfile("linkedin.com/in/ann-lee-42")).isEqualTo("in/ann-lee-42");
    assertThat(Normalise.linkedinProfile("https://linkedin.com/company/acme")).isNull();
    assertThat(Normalise.githubLogin("https://github.com/AnnLee")).isEqualTo(Normalise.githubLogin("@annlee"));
  }
}
