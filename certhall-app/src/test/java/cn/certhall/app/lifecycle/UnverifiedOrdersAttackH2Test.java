package cn.certhall.app.lifecycle;

import cn.certhall.app.RunningApp;
import org.junit.jupiter.api.BeforeAll;

/** {@link UnverifiedOrdersAttackTest} on H2, the embedded default (its own file database). */
class UnverifiedOrdersAttackH2Test extends UnverifiedOrdersAttackTest {

  @BeforeAll
  static void start() {
    app = start(RunningApp.h2File(dataDir));
  }
}
