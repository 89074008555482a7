package cn.certhall.app.audit;

import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.domain.audit.AuditVerification;
import cn.certhall.domain.audit.AuditVerification.Problem;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code java -jar certhall-app.jar --certhall.audit.verify}: checks the audit chain of the
 * configured database and exits 0 when it is intact, 1 when it was tampered with (each problem
 * printed), 2 when it could not be checked. Starts only the data source from the same configuration
 * as the application (no web server, no CA, no migration), so it runs beside a running certhall on
 * PostgreSQL; an H2 file is locked by a running certhall.
 */
public final class AuditVerifyCommand {
  static final String SWITCH = "--certhall.audit.verify";

  private AuditVerifyCommand() {}

  /** Whether the command line asks for the verification instead of the application. */
  public static boolean requested(String[] args) {
    return Arrays.stream(args)
        .anyMatch(a -> a.equals(SWITCH) || (a.startsWith(SWITCH + "=") && !a.endsWith("=false")));
  }

  /** Only the data source, configured as the application's. */
  @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
  static final class DataSourceOnly {}

  public static int run(String[] args, PrintStream out) {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(DataSourceOnly.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties("logging.level.root=warn")
            .run(args)) {
      DataSource dataSource = context.getBean(DataSource.class);
      JdbcAuditLog log =
          new JdbcAuditLog(
              JdbcClient.create(dataSource),
              new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
              Clock.systemUTC());
      AuditVerification.Result result = new AuditVerification(log).verify();
      if (result.intact()) {
        out.printf(
            "审计日志完整 audit log intact: %d entries, head #%d %s%n",
            result.entries(), result.head().sequence(), result.head().hash());
        return 0;
      }
      out.printf(
          "审计日志已被篡改 audit log TAMPERED: %d problem(s) in %d entries%n",
          result.problemCount(), result.entries());
      for (Problem p : result.problems()) {
        out.printf("  #%d %s: %s%n", p.sequence(), p.kind(), p.description());
      }
      return 1;
    } catch (RuntimeException e) {
      out.println("审计日志无法校验 audit log could not be checked: " + e.getMessage());
      return 2;
    }
  }
}
