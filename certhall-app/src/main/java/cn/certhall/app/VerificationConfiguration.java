package cn.certhall.app;

import cn.certhall.app.audit.AuditedCodeEvents;
import cn.certhall.app.persistence.JdbcCodeStore;
import cn.certhall.app.persistence.JdbcTransferTasks;
import cn.certhall.app.persistence.JdbcVerificationRecords;
import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.realname.CheckLog;
import cn.certhall.app.realname.IdentityProviders;
import cn.certhall.app.realname.RealNameProperties;
import cn.certhall.app.realname.RealNameProvider;
import cn.certhall.app.realname.RecordedRealNameVerifier;
import cn.certhall.app.sandbox.SandboxMicroDepositTransfer;
import cn.certhall.app.sandbox.SandboxProperties;
import cn.certhall.app.sandbox.SandboxRealNameVerifier;
import cn.certhall.app.transfer.FinanceTransfers;
import cn.certhall.app.transfer.ManualMicroDepositTransfer;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.CodeStore;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.ManualTransfer;
import cn.certhall.domain.verification.MicroDepositTransfer;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.SmsCaps;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.SmsSender;
import cn.certhall.domain.verification.VerificationContext;
import cn.certhall.domain.verification.VerificationRecords;
import cn.certhall.pki.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification (核验): the codes, the enterprise and administrator verification, and the outside
 * services they use. Real-name checks go to the provider {@code certhall.realname.provider} names
 * (docs/providers.md), else the sandbox's with {@code certhall.sandbox.enabled=true}, each check
 * recorded in {@code verification_record}; with neither, they answer UNAVAILABLE. The bank is
 * finance by hand ({@code certhall.verification.transfer.provider=manual}), the sandbox's, or
 * answers UNAVAILABLE: a run never pretends to have checked or sent anything. The SMS provider is
 * {@link SmsConfiguration}'s.
 */
@Configuration(proxyBeanMethods = false)
public class VerificationConfiguration {
  private static final Logger log = LoggerFactory.getLogger(VerificationConfiguration.class);
  static final String DEMO_SECRET_FILE = "verification-code-secret";
  private static final int MIN_SECRET_BYTES = 32;

  @Bean
  JdbcCodeStore codeStore(JdbcClient jdbc) {
    return new JdbcCodeStore(jdbc);
  }

  @Bean
  AuthorizationCodes authorizationCodes(
      CodeStore store,
      VerificationProperties verification,
      CerthallProperties properties,
      AuditLog audit,
      Clock clock) {
    return new AuthorizationCodes(
        store,
        codeSecret(verification, properties),
        verification.smsPolicy(),
        verification.transferRemarkPolicy(),
        clock,
        new SecureRandom(),
        new AuditedCodeEvents(audit));
  }

  @Bean
  SmsCodes smsCodes(AuthorizationCodes codes, SmsSender sms, SmsCaps caps) {
    return new SmsCodes(codes, sms, caps);
  }

  @Bean
  EnterpriseVerification enterpriseVerification(
      AuthorizationCodes codes,
      SmsCodes smsCodes,
      RealNameVerifier realName,
      MicroDepositTransfer transfers,
      JdbcTransferTasks transferTasks) {
    return new EnterpriseVerification(codes, smsCodes, realName, transfers, transferTasks);
  }

  @Bean
  JdbcTransferTasks transferTasks(JdbcClient jdbc) {
    return new JdbcTransferTasks(jdbc);
  }

  @Bean
  FinanceTransfers financeTransfers(
      JdbcTransferTasks tasks,
      AuthorizationCodes codes,
      AuditLog audit,
      PlatformTransactionManager transactions,
      Clock clock) {
    return new FinanceTransfers(
        tasks,
        new ManualTransfer(tasks, codes, clock),
        audit,
        new TransactionTemplate(transactions));
  }

  /**
   * The bank of the corporate transfer: finance by hand with {@code
   * certhall.verification.transfer.provider=manual}, else the sandbox's with the sandbox on, else
   * none (every transfer answers UNAVAILABLE).
   */
  @Bean
  MicroDepositTransfer microDepositTransfer(
      VerificationProperties verification,
      SandboxProperties sandbox,
      ObjectProvider<SandboxMessageRepository> sandboxOutbox,
      JdbcTransferTasks tasks,
      Clock clock) {
    VerificationProperties.Transfer transfer = verification.transferOrDefault();
    if (transfer.manual()) {
      log.info(
          "corporate transfers are made by finance from /console/transfers (certhall.verification.transfer.provider=manual)");
      return new ManualMicroDepositTransfer(tasks, transfer.payerAccountName(), clock);
    }
    String provider = transfer.provider() == null ? "sandbox" : transfer.provider().strip();
    if (!provider.isEmpty() && !provider.equalsIgnoreCase("sandbox")) {
      throw new IllegalStateException(
          "certhall.verification.transfer.provider is '"
              + provider
              + "': use manual or sandbox (docs/providers.md)");
    }
    if (sandbox.enabled()) {
      return new SandboxMicroDepositTransfer(
          sandboxOutbox.getObject(), sandbox.payerAccountName(), clock);
    }
    log.warn(
        "sandbox off and certhall.verification.transfer.provider is sandbox: the corporate transfer"
            + " answers UNAVAILABLE; set it to manual for finance to make the transfers");
    return (orderId, account, remark) ->
        MicroDepositTransfer.Result.failed(MicroDepositTransfer.Status.UNAVAILABLE);
  }

  @Bean
  JdbcVerificationRecords verificationRecords(
      JdbcClient jdbc, PlatformTransactionManager transactions) {
    TransactionTemplate own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    return new JdbcVerificationRecords(jdbc, own);
  }

  @Bean
  CheckLog checkLog(VerificationRecords records, Clock clock) {
    return new CheckLog(records, clock);
  }

  @Bean
  RealNameVerifier realNameVerifier(
      RealNameProperties realName, SandboxProperties sandbox, CheckLog checks) {
    Optional<RealNameProvider> provider = IdentityProviders.realName(realName);
    if (provider.isPresent()) {
      log.info("real-name checks through {} (certhall.realname.provider)", provider.get().name());
      return new RecordedRealNameVerifier(provider.get(), checks);
    }
    if (sandbox.enabled()) {
      return new RecordedRealNameVerifier(new SandboxRealNameVerifier(), checks);
    }
    log.warn(
        "certhall.realname.provider is sandbox and the sandbox is off: every real-name check answers"
            + " UNAVAILABLE; set certhall.realname.provider to tencent");
    return new RealNameVerifier() {
      @Override
      public Result checkMobile(VerificationContext context, MobileThreeFactor factors) {
        return Result.UNAVAILABLE;
      }

      @Override
      public Result checkBankCard(VerificationContext context, BankCardFourFactor factors) {
        return Result.UNAVAILABLE;
      }
    };
  }

  @Bean
  AdministratorVerification administratorVerification(RealNameVerifier realName) {
    return new AdministratorVerification(realName);
  }

  /**
   * The configured secret; in the demo set-up without one, a random secret generated once into the
   * data directory (readable by the owner only), as for the key store passphrase.
   */
  static byte[] codeSecret(VerificationProperties verification, CerthallProperties properties) {
    String configured = verification.codeSecret();
    if (configured != null && !configured.isBlank()) {
      byte[] secret = configured.getBytes(StandardCharsets.UTF_8);
      if (secret.length < MIN_SECRET_BYTES) {
        throw new IllegalStateException(
            "certhall.verification.code-secret (CERTHALL_VERIFICATION_CODE_SECRET) must have at"
                + " least "
                + MIN_SECRET_BYTES
                + " bytes");
      }
      return secret;
    }
    if (properties.demo() == null || !properties.demo().enabled()) {
      throw new IllegalStateException(
          "no code secret: set CERTHALL_VERIFICATION_CODE_SECRET"
              + " (certhall.verification.code-secret), at least "
              + MIN_SECRET_BYTES
              + " random bytes");
    }
    Path file = properties.dataDir().resolve(DEMO_SECRET_FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII)
            .strip()
            .getBytes(StandardCharsets.US_ASCII);
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      OwnerOnlyFiles.writeNew(file, secret.getBytes(StandardCharsets.US_ASCII));
      log.info("demo mode: generated the verification code secret into {}", file);
      return secret.getBytes(StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  /** The sandbox's bank, recording into its outbox. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "certhall.sandbox", name = "enabled", havingValue = "true")
  static class Sandbox {

    @Bean
    SandboxMessageRepository sandboxMessageRepository(JdbcClient jdbc) {
      log.warn(
          "sandbox on (certhall.sandbox.enabled): SMS, real-name checks and bank transfers are"
              + " simulated and their messages, codes included, are readable at /sandbox;"
              + " never in production");
      return new SandboxMessageRepository(jdbc);
    }
  }
}
