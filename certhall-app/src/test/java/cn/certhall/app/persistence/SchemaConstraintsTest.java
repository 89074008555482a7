package cn.certhall.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema's CHECK constraints work on a connection other than the one that created them. H2
 * 2.4.240 failed every insert into a table with a {@code CHECK (x IN (...))} once the migrating
 * connection was closed (h2database issue 4308), which is why H2 is pinned to 2.5.252 in the root
 * pom; this test fails again if that pin goes.
 */
class SchemaConstraintsTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void inListChecksAcceptAndRefuseOnALaterConnection(Kind kind) {
    // DriverManagerDataSource: every statement below runs on a new connection, the migration's
    // connection is closed by then
    JdbcClient jdbc = JdbcClient.create(TestDatabases.fresh(kind).migrated());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    int inserted =
        jdbc.sql(
                "INSERT INTO operator (username, password_hash, role, created_at)"
                    + " VALUES (?, ?, ?, ?)")
            .params("reviewer-1", "{bcrypt}x", "REVIEWER", now)
            .update();
    assertThat(inserted).isEqualTo(1);

    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "INSERT INTO operator (username, password_hash, role, created_at)"
                            + " VALUES (?, ?, ?, ?)")
                    .params("someone", "{bcrypt}x", "SUPERUSER", now)
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM operator").query(Integer.class).single())
        .isEqualTo(1);
  }
}
