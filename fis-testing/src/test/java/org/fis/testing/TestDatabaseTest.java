package org.fis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestDatabaseTest {
  @Test
  void with_database_replaces_only_the_database_name() {
    assertThat(
            TestDatabase.withDatabase(
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=x", "fis_t_1"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/fis_t_1?user=postgres&password=x");
    assertThat(TestDatabase.withDatabase("jdbc:postgresql://db:1/postgres", "other"))
        .isEqualTo("jdbc:postgresql://db:1/other");
  }

  @Test
  void with_database_rejects_a_url_that_is_not_postgresql() {
    assertThatThrownBy(() -> TestDatabase.withDatabase("jdbc:h2:mem:x", "y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url");
  }

  @Test
  void migration_of_class_rejects_a_class_without_static_migrate() {
    assertThatThrownBy(() -> Migration.ofClass(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("migrations: java.lang.String");
  }
}
