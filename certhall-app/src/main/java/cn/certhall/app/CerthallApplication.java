package cn.certhall.app;

import cn.certhall.app.audit.AuditVerifyCommand;
import cn.certhall.app.console.OperatorCreateCommand;
import cn.certhall.app.sms.ProviderCheckCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * certhall: the online certificate business hall (证书业务系统). Boot's default user, whose generated
 * password it would log, is switched off: the public side has no login, and the consoles bring
 * their own accounts.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CerthallApplication {
  public static void main(String[] args) {
    if (ProviderCheckCommand.requested(args)) {
      System.exit(ProviderCheckCommand.run(args, System.out));
    }
    if (AuditVerifyCommand.requested(args)) {
      System.exit(AuditVerifyCommand.run(args, System.out));
    }
    if (OperatorCreateCommand.requested(args)) {
      System.exit(OperatorCreateCommand.run(args, System.in, System.console(), System.out));
    }
    SpringApplication.run(CerthallApplication.class, args);
  }
}
