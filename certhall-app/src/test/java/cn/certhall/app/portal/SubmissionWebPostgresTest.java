package cn.certhall.app.portal;

import cn.certhall.app.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** {@link SubmissionWebTest} on PostgreSQL (a fresh schema; see README for which server). */
class SubmissionWebPostgresTest extends SubmissionWebTest {

  @BeforeAll
  static void start() {
    app = start(TestDatabases.freshPostgres());
  }
}
