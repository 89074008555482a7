package cn.certhall.app.console;

import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Role;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditEvent;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code java -jar certhall-app.jar --certhall.operator.create=<username>}: creates a CA
 * administrator (CA 管理员) and exits, so a production database gets its first administrator without
 * SQL. The password never comes from the command line (visible in the process list and shell
 * history) and is never printed or logged: it is read from the file named by {@code
 * certhall.operator.password-file}, else from the console without echo (typed twice), else from the
 * first line of standard input. Refused while a CA administrator exists, unless {@code
 * certhall.operator.additional=true}. Migrates the schema first (a fresh database has no operator
 * table) and records the creation in the audit log. Exit 0 created, 1 refused, 2 failed.
 */
public final class OperatorCreateCommand {
  static final String SWITCH = "--certhall.operator.create";

  /** Who acts in the audit log: the person at the server's command line. */
  static final Actor COMMAND = new Actor("command:operator.create");

  private OperatorCreateCommand() {}

  /** Whether the command line asks for the command instead of the application. */
  public static boolean requested(String[] args) {
    return Arrays.stream(args).anyMatch(a -> a.startsWith(SWITCH + "="));
  }

  /** The data source and Flyway, configured as the application's; nothing else. */
  @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
  static final class DatabaseOnly {}

  public static int run(String[] args, InputStream stdin, Console console, PrintStream out) {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(DatabaseOnly.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties("logging.level.root=warn")
            .run(args)) {
      Environment env = context.getEnvironment();
      String username = env.getProperty("certhall.operator.create", "").strip();
      if (!OperatorAdminController.USERNAME.matcher(username).matches()) {
        out.println(
            "用户名无效 invalid user name: 3 to 64 of a-z 0-9 . _ -, starting with a letter or digit");
        return 1;
      }
      DataSource dataSource = context.getBean(DataSource.class);
      JdbcClient jdbc = JdbcClient.create(dataSource);
      OperatorRepository operators = new OperatorRepository(jdbc);
      boolean additional = env.getProperty("certhall.operator.additional", Boolean.class, false);
      if (!additional && operators.all().stream().anyMatch(o -> o.role() == Role.CA_ADMIN)) {
        out.println(
            "已有 CA 管理员 a CA administrator exists: add accounts in /console/admin/operators, or"
                + " set --certhall.operator.additional=true");
        return 1;
      }
      if (operators.find(username).isPresent()) {
        out.println("用户名已存在 the account '" + username + "' exists");
        return 1;
      }
      String passwordFile = env.getProperty("certhall.operator.password-file", "");
      char[] password = password(passwordFile, stdin, console, out);
      if (password == null) {
        return 1;
      }
      if (password.length < OperatorAdminController.MIN_PASSWORD) {
        out.println(
            "密码太短 password too short: at least "
                + OperatorAdminController.MIN_PASSWORD
                + " characters");
        return 1;
      }
      String hash =
          PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(new String(password));
      Arrays.fill(password, '\0');
      TransactionTemplate transactions =
          new TransactionTemplate(new DataSourceTransactionManager(dataSource));
      // the account and its audit entry together, or neither
      transactions.executeWithoutResult(
          tx -> {
            operators.insert(username, hash, Role.CA_ADMIN);
            new JdbcAuditLog(jdbc, transactions, Clock.systemUTC())
                .record(
                    new AuditEvent(
                        COMMAND,
                        AuditAction.OPERATOR_CREATED,
                        "operator/" + username,
                        Role.CA_ADMIN + ", by the first-administrator command"));
          });
      out.println("已创建 CA 管理员 CA administrator created: " + username);
      return 0;
    } catch (RuntimeException e) {
      out.println("无法创建 could not create the account: " + e.getMessage());
      return 2;
    }
  }

  private static char[] password(String file, InputStream stdin, Console console, PrintStream out) {
    try {
      if (!file.isBlank()) {
        String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        return firstLine(text).toCharArray();
      }
      if (console != null) {
        char[] first = console.readPassword("新密码 new password: ");
        char[] again = console.readPassword("再次输入 again: ");
        if (first == null || !Arrays.equals(first, again)) {
          out.println("两次输入不一致 the passwords differ");
          return null;
        }
        Arrays.fill(again, '\0');
        return first;
      }
      String line =
          new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      if (line == null) {
        out.println("标准输入没有密码 no password on standard input");
        return null;
      }
      return line.toCharArray();
    } catch (IOException e) {
      out.println("无法读取密码 cannot read the password: " + e.getMessage());
      return null;
    }
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
