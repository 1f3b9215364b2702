package org.unmask.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void aPath_meansTheEmbeddedH2File_withOrWithoutItsSuffix() {
    String abs = Path.of("cases").toAbsolutePath().normalize().toString();
    assertThat(Database.jdbcUrl("cases")).isEqualTo("jdbc:h2:file:" + abs + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000");
    assertThat(Database.jdbcUrl("cases.mv.db")).isEqualTo(Database.jdbcUrl("cases"));
  }

  @Test
  void aJdbcUrl_passesThrough() {
    assertThat(Database.jdbcUrl("jdbc:postgresql://db/unmask?user=u")).isEqualTo("jdbc:postgresql://db/unmask?user=u");
  }

  @Test
  void noStore_isRefusedWithHowToGiveOne() {
    assertThatThrownBy(() -> Database.open(" ")).hasMessageContaining("--store");
  }

  @Test
  void clip_cutsLongTextToTheColumn() {
    assertThat(Database.clip("abcdef", 4)).hasSize(4).endsWith("…");
    assertThat(Database.clip("abc", 4)).isEqualTo("abc");
  }
}
