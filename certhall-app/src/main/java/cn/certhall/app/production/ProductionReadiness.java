package cn.certhall.app.production;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code certhall.mode=production} refuses to start with, decided from the settings alone (the
 * database's demo channel and demo account are {@link ProductionDatabaseCheck}'s). Every problem is
 * one line that names the setting to change; all of them are reported at once.
 */
public final class ProductionReadiness {

  /**
   * The settings the decision reads.
   *
   * @param demoEnabled {@code certhall.demo.enabled}
   * @param sandboxEnabled {@code certhall.sandbox.enabled}
   * @param sandboxAllowedInProduction {@code certhall.sandbox.allowed-in-production}, as written
   * @param mailHost {@code spring.mail.host}: without it, emails would go to the sandbox
   * @param datasourceUrl {@code spring.datasource.url}
   * @param keystoreType {@code certhall.keystore.type}
   * @param keystorePassphrase {@code certhall.keystore.passphrase} (software key store)
   * @param pkcs11Pin {@code certhall.keystore.pkcs11.pin}
   * @param codeSecret {@code certhall.verification.code-secret}
   * @param channelSecretKey {@code certhall.channel.secret-key}
   * @param smsProvider {@code certhall.sms.provider}: sandbox (the default), aliyun or tencent
   * @param realNameProvider {@code certhall.realname.provider}: sandbox (the default) or tencent
   * @param faceCheckProvider {@code certhall.face-check.provider}: sandbox (the default) or tencent
   * @param transferProvider {@code certhall.verification.transfer.provider}: sandbox (the default)
   *     or manual (finance makes the corporate transfers from the console)
   * @param wechatPayEnabled {@code certhall.payment.wechat.enabled}: WeChat Pay serves WECHAT
   * @param alipayEnabled {@code certhall.payment.alipay.enabled}: Alipay serves ALIPAY
   * @param paymentMethods {@code certhall.payment.methods}, as written; null or empty: the
   *     cashier's default (WECHAT, ALIPAY, BANK_TRANSFER)
   */
  public record Settings(
      boolean demoEnabled,
      boolean sandboxEnabled,
      List<String> sandboxAllowedInProduction,
      String mailHost,
      String datasourceUrl,
      String keystoreType,
      String keystorePassphrase,
      String pkcs11Pin,
      String codeSecret,
      String channelSecretKey,
      String smsProvider,
      String realNameProvider,
      String faceCheckProvider,
      String transferProvider,
      boolean wechatPayEnabled,
      boolean alipayEnabled,
      List<String> paymentMethods) {

    @Override
    public String toString() {
      return "Settings[demo=" + demoEnabled + ", sandbox=" + sandboxEnabled + "]";
    }
  }

  private static final Set<String> REAL_SMS_PROVIDERS = Set.of("aliyun", "tencent");
  private static final Set<String> REAL_IDENTITY_PROVIDERS = Set.of("tencent");

  /** {@code PaymentProperties}' default methods. */
  private static final List<String> DEFAULT_PAYMENT_METHODS =
      List.of("WECHAT", "ALIPAY", "BANK_TRANSFER");

  private ProductionReadiness() {}

  /** The problems, one line each; empty when production mode may start. */
  public static List<String> problems(Settings s) {
    List<String> problems = new ArrayList<>();
    if (s.demoEnabled()) {
      problems.add(
          "certhall.demo.enabled is true (demo reviewer and CA administrator accounts, generated"
              + " secrets): set"
              + " CERTHALL_DEMO_ENABLED=false");
    }
    Set<SandboxPort> allowed = EnumSet.noneOf(SandboxPort.class);
    for (String name :
        s.sandboxAllowedInProduction() == null
            ? List.<String>of()
            : s.sandboxAllowedInProduction()) {
      if (name == null || name.isBlank()) {
        continue;
      }
      SandboxPort.of(name)
          .ifPresentOrElse(
              allowed::add,
              () ->
                  problems.add(
                      "certhall.sandbox.allowed-in-production lists '"
                          + name.strip()
                          + "', which is no sandbox port: use "
                          + Arrays.stream(SandboxPort.values())
                              .map(SandboxPort::setting)
                              .collect(Collectors.joining(", "))));
    }
    String smsProvider =
        blank(s.smsProvider()) ? "sandbox" : s.smsProvider().strip().toLowerCase(Locale.ROOT);
    if (!REAL_SMS_PROVIDERS.contains(smsProvider) && !smsProvider.equals("sandbox")) {
      problems.add(
          "certhall.sms.provider is '"
              + s.smsProvider().strip()
              + "': use aliyun or tencent"
              + " (CERTHALL_SMS_PROVIDER, docs/providers.md)");
    } else if (smsProvider.equals("sandbox")
        && !s.sandboxEnabled()
        && !allowed.contains(SandboxPort.SMS)) {
      problems.add(
          "certhall.sms.provider is sandbox and the sandbox is off, so no text message (no code) is"
              + " sent: set CERTHALL_SMS_PROVIDER to aliyun or tencent with its settings"
              + " (docs/providers.md), or to start without SMS add 'sms' to"
              + " certhall.sandbox.allowed-in-production (CERTHALL_SANDBOX_ALLOWED_IN_PRODUCTION)");
    }
    identityProvider(
        problems,
        s.realNameProvider(),
        "certhall.realname.provider",
        "CERTHALL_REALNAME_PROVIDER",
        "no real-name check (手机三要素, 银行卡四要素) passes",
        SandboxPort.REAL_NAME,
        s.sandboxEnabled(),
        allowed);
    identityProvider(
        problems,
        s.faceCheckProvider(),
        "certhall.face-check.provider",
        "CERTHALL_FACE_CHECK_PROVIDER",
        "no seal administrator passes the face check",
        SandboxPort.FACE_CHECK,
        s.sandboxEnabled(),
        allowed);
    String transfer =
        blank(s.transferProvider())
            ? "sandbox"
            : s.transferProvider().strip().toLowerCase(Locale.ROOT);
    if (!transfer.equals("manual") && !transfer.equals("sandbox")) {
      problems.add(
          "certhall.verification.transfer.provider is '"
              + s.transferProvider().strip()
              + "': use manual"
              + " (CERTHALL_VERIFICATION_TRANSFER_PROVIDER, docs/providers.md)");
    } else if (transfer.equals("sandbox")
        && !s.sandboxEnabled()
        && !allowed.contains(SandboxPort.BANK_TRANSFER)) {
      problems.add(
          "certhall.verification.transfer.provider is sandbox and the sandbox is off, so no corporate"
              + " transfer (对公打款) is paid: set CERTHALL_VERIFICATION_TRANSFER_PROVIDER=manual with"
              + " CERTHALL_VERIFICATION_TRANSFER_PAYER_ACCOUNT_NAME (finance makes the transfers,"
              + " docs/providers.md), or to start without it add 'bank-transfer' to"
              + " certhall.sandbox.allowed-in-production (CERTHALL_SANDBOX_ALLOWED_IN_PRODUCTION)");
    }
    List<String> methods = paymentMethods(s);
    if (!s.sandboxEnabled()
        && methods.stream().noneMatch(realPaymentMethods(s)::contains)
        && !allowed.contains(SandboxPort.PAYMENT)) {
      problems.add(
          "no method of the cashier (certhall.payment.methods: "
              + String.join(", ", methods)
              + ") has a"
              + " real payment provider and the sandbox is off, so no order can be paid: set"
              + " certhall.payment.wechat.enabled (CERTHALL_PAYMENT_WECHAT_ENABLED=true) or"
              + " certhall.payment.alipay.enabled (CERTHALL_PAYMENT_ALIPAY_ENABLED=true) with its settings"
              + " (docs/providers.md), or to take only free orders add 'payment' to"
              + " certhall.sandbox.allowed-in-production (CERTHALL_SANDBOX_ALLOWED_IN_PRODUCTION)");
    }
    if (s.sandboxEnabled()) {
      for (SandboxPort port : sandboxed(s)) {
        if (!allowed.contains(port)) {
          problems.add(
              "certhall.sandbox.enabled is true, and the sandbox's "
                  + port.risk()
                  + ": set CERTHALL_SANDBOX_ENABLED=false, or for a trial add '"
                  + port.setting()
                  + "' to certhall.sandbox.allowed-in-production"
                  + " (CERTHALL_SANDBOX_ALLOWED_IN_PRODUCTION)");
        }
      }
    }
    String url = s.datasourceUrl() == null ? "" : s.datasourceUrl().strip();
    if (url.isEmpty()) {
      problems.add(
          "spring.datasource.url is not set (the embedded H2 default): set SPRING_DATASOURCE_URL"
              + " to the PostgreSQL database, jdbc:postgresql://host:5432/certhall");
    } else if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
      problems.add(
          "spring.datasource.url is an H2 database: production runs on PostgreSQL; set"
              + " SPRING_DATASOURCE_URL=jdbc:postgresql://host:5432/certhall");
    }
    boolean pkcs11 = "pkcs11".equalsIgnoreCase(blankToEmpty(s.keystoreType()).strip());
    if (pkcs11 && blank(s.pkcs11Pin())) {
      problems.add("certhall.keystore.pkcs11.pin is empty: set CERTHALL_KEYSTORE_PKCS11_PIN");
    } else if (!pkcs11 && blank(s.keystorePassphrase())) {
      problems.add(
          "certhall.keystore.passphrase is empty (demo mode generates one into the data"
              + " directory): set CERTHALL_KEYSTORE_PASSPHRASE");
    }
    if (blank(s.codeSecret())) {
      problems.add(
          "certhall.verification.code-secret is empty (demo mode generates one into the data"
              + " directory): set CERTHALL_VERIFICATION_CODE_SECRET, at least 32 random bytes");
    }
    if (blank(s.channelSecretKey())) {
      problems.add(
          "certhall.channel.secret-key is empty (demo mode generates one into the data"
              + " directory): set CERTHALL_CHANNEL_SECRET_KEY, base64 of 32 random bytes");
    }
    return problems;
  }

  /**
   * A real-name or face-check provider that is unknown, or left on the sandbox with the sandbox
   * off.
   */
  private static void identityProvider(
      List<String> problems,
      String value,
      String setting,
      String environment,
      String consequence,
      SandboxPort port,
      boolean sandboxEnabled,
      Set<SandboxPort> allowed) {
    String provider = blank(value) ? "sandbox" : value.strip().toLowerCase(Locale.ROOT);
    if (!REAL_IDENTITY_PROVIDERS.contains(provider) && !provider.equals("sandbox")) {
      problems.add(
          setting
              + " is '"
              + value.strip()
              + "': use tencent ("
              + environment
              + ", docs/providers.md)");
    } else if (provider.equals("sandbox") && !sandboxEnabled && !allowed.contains(port)) {
      problems.add(
          setting
              + " is sandbox and the sandbox is off, so "
              + consequence
              + ": set "
              + environment
              + " to tencent with its settings (docs/providers.md), or to start without it add '"
              + port.setting()
              + "' to certhall.sandbox.allowed-in-production"
              + " (CERTHALL_SANDBOX_ALLOWED_IN_PRODUCTION)");
    }
  }

  /** The cashier's methods, upper case; the default when not set. */
  private static List<String> paymentMethods(Settings s) {
    List<String> methods =
        s.paymentMethods() == null
            ? List.of()
            : s.paymentMethods().stream()
                .filter(m -> !blank(m))
                .map(m -> m.strip().toUpperCase(Locale.ROOT))
                .toList();
    return methods.isEmpty() ? DEFAULT_PAYMENT_METHODS : methods;
  }

  /**
   * The methods a real adapter serves (WeChat Pay WECHAT, Alipay ALIPAY); the sandbox serves the
   * rest.
   */
  private static Set<String> realPaymentMethods(Settings s) {
    Set<String> real = new HashSet<>();
    if (s.wechatPayEnabled()) {
      real.add("WECHAT");
    }
    if (s.alipayEnabled()) {
      real.add("ALIPAY");
    }
    return real;
  }

  private static boolean realIdentityProvider(String value) {
    return !blank(value)
        && REAL_IDENTITY_PROVIDERS.contains(value.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * The problem with where health and metrics are served, if any: on the public port (no management
   * port, or the same one) anyone could read them.
   *
   * @param serverPort {@code server.port}
   * @param managementPort {@code management.server.port}
   */
  public static List<String> managementProblems(String serverPort, String managementPort) {
    String management = blankToEmpty(managementPort).strip();
    String server = blank(serverPort) ? "8080" : serverPort.strip();
    if (management.isEmpty() || management.equals(server)) {
      return List.of(
          "management.server.port is "
              + (management.isEmpty() ? "not set" : "the public port " + server)
              + ": health and metrics would be public; set MANAGEMENT_SERVER_PORT to a port of"
              + " their own (8081) that only the load balancer and Prometheus reach");
    }
    return List.of();
  }

  /**
   * The ports the sandbox would serve with it on: all of them but email when an SMTP server is
   * configured, SMS, real-name checks and the face check when a real provider is, and payment when
   * a real adapter serves every method of the cashier.
   */
  static Set<SandboxPort> sandboxed(Settings s) {
    Set<SandboxPort> ports = EnumSet.allOf(SandboxPort.class);
    if (!blank(s.mailHost())) {
      ports.remove(SandboxPort.EMAIL);
    }
    if (!blank(s.smsProvider())
        && REAL_SMS_PROVIDERS.contains(s.smsProvider().strip().toLowerCase(Locale.ROOT))) {
      ports.remove(SandboxPort.SMS);
    }
    if (realIdentityProvider(s.realNameProvider())) {
      ports.remove(SandboxPort.REAL_NAME);
    }
    if (realIdentityProvider(s.faceCheckProvider())) {
      ports.remove(SandboxPort.FACE_CHECK);
    }
    if (!blank(s.transferProvider()) && s.transferProvider().strip().equalsIgnoreCase("manual")) {
      ports.remove(SandboxPort.BANK_TRANSFER);
    }
    if (realPaymentMethods(s).containsAll(paymentMethods(s))) {
      ports.remove(SandboxPort.PAYMENT);
    }
    return ports;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }
}
