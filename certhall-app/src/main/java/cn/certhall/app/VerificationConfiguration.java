package cn.certhall.app;

import cn.certhall.pki.OwnerOnlyFiles;
import cn.certhall.app.audit.AuditedCodeEvents;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.app.persistence.JdbcCodeStore;
import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.sandbox.SandboxMicroDepositTransfer;
import cn.certhall.app.sandbox.SandboxProperties;
import cn.certhall.app.sandbox.SandboxRealNameVerifier;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.CodeStore;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.MicroDepositTransfer;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.SmsCaps;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.SmsSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Verification (核验): the codes, the enterprise and administrator verification, and the outside
 * services they use — the sandbox's with {@code certhall.sandbox.enabled=true}. Without the
 * sandbox, and until adapters to a real real-name provider and bank are written, those two answer
 * UNAVAILABLE: a run never pretends to have checked or sent anything. The SMS provider is {@link
 * SmsConfiguration}'s.
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
      MicroDepositTransfer transfers) {
    return new EnterpriseVerification(codes, smsCodes, realName, transfers);
  }

  @Bean
  AdministratorVerification administratorVerification(RealNameVerifier realName) {
    return new AdministratorVerification(realName);
  }

  /**
   * The configured secret; in the demo set-up without one, a random secret generated once into
   * the data directory (readable by the owner only), as for the key store passphrase.
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

  /** The sandbox's SMS gateway, real-name verification and bank, recording into its outbox. */
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

    @Bean
    RealNameVerifier sandboxRealNameVerifier() {
      return new SandboxRealNameVerifier();
    }

    @Bean
    MicroDepositTransfer sandboxMicroDepositTransfer(
        SandboxMessageRepository outbox, SandboxProperties sandbox, Clock clock) {
      return new SandboxMicroDepositTransfer(outbox, sandbox.payerAccountName(), clock);
    }
  }

  /** No provider yet outside the sandbox: every request fails closed. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "certhall.sandbox",
      name = "enabled",
      havingValue = "false",
      matchIfMissing = true)
  static class NoProvider {

    NoProvider() {
      log.warn(
          "sandbox off and no real-name provider or bank interface configured:"
              + " enterprise and administrator verification answer UNAVAILABLE");
    }

    @Bean
    RealNameVerifier unavailableRealNameVerifier() {
      return new RealNameVerifier() {
        @Override
        public Result checkMobile(MobileThreeFactor factors) {
          return Result.UNAVAILABLE;
        }

        @Override
        public Result checkBankCard(BankCardFourFactor factors) {
          return Result.UNAVAILABLE;
        }
      };
    }

    @Bean
    MicroDepositTransfer unavailableMicroDepositTransfer() {
      return (account, remark) ->
          MicroDepositTransfer.Result.failed(MicroDepositTransfer.Status.UNAVAILABLE);
    }
  }
}
