package org.unmask.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.reference.Address;
import org.unmask.reference.Person;

class PseudonymizerTest {

  static final Pseudonymizer P = Pseudonymizer.withKey("a test key of sixteen+ bytes");

  @TempDir Path dir;

  @Test
  void sameValue_sameKey_samePseudonym_acrossInstances() {
    Pseudonymizer again = Pseudonymizer.withKey("a test key of sixteen+ bytes");
    assertThat(again.email("ana.ruiz@example.com")).isEqualTo(P.email("ana.ruiz@example.com"));
    assertThat(P.email("ana.ruiz@example.com")).matches("user-[0-9a-f]{10}@pseudo");
    assertThat(P.name("Ana Ruiz")).matches("name:[0-9a-f]{10}");
  }

  @Test
  void differentKey_givesDifferentPseudonyms() {
    Pseudonymizer other = Pseudonymizer.withKey("another key, also sixteen bytes");
    assertThat(other.email("ana.ruiz@example.com")).isNotEqualTo(P.email("ana.ruiz@example.com"));
  }

  @Test
  void normalisation_makesSpellingVariantsAgree() {
    assertThat(P.email(" Ana.Ruiz@Example.com ")).isEqualTo(P.email("ana.ruiz@example.com"));
    assertThat(P.phone("+1 (312) 555-0100")).isEqualTo(P.phone("+13125550100"));
    assertThat(P.name("ana  RUIZ")).isEqualTo(P.name("Ana Ruiz"));
  }

  @Test
  void kindsAreSeparated_soANameAndAnEmailWithTheSameTextDiffer() {
    assertThat(P.pseudonym("x", "same")).isNotEqualTo(P.pseudonym("y", "same").replace("y:", "x:"));
  }

  @Test
  void nullsAndBlanksStayAbsent() {
    assertThat(P.email(null)).isNull();
    assertThat(P.name("  ")).isNull();
    assertThat(P.address(Address.UNKNOWN)).isNull();
  }

  @Test
  void pseudonymisedPerson_carriesNoDirectIdentifier_butKeepsIdAndTimezone() {
    Person p = new Person("P1", "Ana Ruiz", "ana.ruiz@example.com", "ana@gmail.com", "+1 312 555 0100", null, null,
        "Engineer", "Payments", "M1", new Address("12 Oak Street", "Chicago", "IL", "60601", "US"),
        ZoneId.of("America/Chicago"), "bank-1", "Ana Ruiz");
    Person q = P.pseudonymise(p);
    assertThat(q.toString()).doesNotContain("Ana").doesNotContain("Ruiz").doesNotContain("example.com")
        .doesNotContain("555").doesNotContain("Oak").doesNotContain("60601");
    assertThat(q.personId()).isEqualTo("P1");
    assertThat(q.timezone()).isEqualTo(ZoneId.of("America/Chicago"));
    assertThat(q.home().city()).isEqualTo("Chicago");
  }

  @Test
  void keyFile_isCreatedOnFirstUse_ownerOnly_andReusedAfterwards() throws Exception {
    Path key = dir.resolve("conf/unmask/pseudonym.key");
    String first = Pseudonymizer.fromKeyFile(key).email("a@b.io");

    assertThat(Files.readString(key).strip()).matches("[0-9a-f]{64}");
    assertThat(Files.getPosixFilePermissions(key))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Pseudonymizer.fromKeyFile(key).email("a@b.io")).isEqualTo(first);
  }

  @Test
  void shortOrCorruptKey_isRefusedWithAMessage() throws Exception {
    assertThatThrownBy(() -> Pseudonymizer.withKey(new byte[8])).hasMessageContaining("at least 16");
    Path bad = dir.resolve("bad.key");
    Files.writeString(bad, "not hex");
    Files.setPosixFilePermissions(bad, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    assertThatThrownBy(() -> Pseudonymizer.fromKeyFile(bad)).hasMessageContaining("64 hex digits");
  }

  @Test
  void existingKeyFile_isReadButNeverMade() throws Exception {
    Path missing = dir.resolve("elsewhere/pseudonym.key");
    assertThatThrownBy(() -> Pseudonymizer.fromExistingKeyFile(missing)).hasMessageContaining("must exist");
    assertThat(missing).doesNotExist();

    Path key = dir.resolve("made/pseudonym.key");
    String made = Pseudonymizer.fromKeyFile(key).email("a@b.io");
    assertThat(Pseudonymizer.fromExistingKeyFile(key).email("a@b.io")).isEqualTo(made);
  }
}
