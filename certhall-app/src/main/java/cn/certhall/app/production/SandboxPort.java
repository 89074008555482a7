package cn.certhall.app.production;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The outside services the sandbox stands in for, by the name {@code
 * certhall.sandbox.allowed-in-production} lists them with.
 */
public enum SandboxPort {
  SMS("sms", "SMS gateway shows every code at /sandbox"),
  REAL_NAME("real-name", "real-name verification passes every check"),
  BANK_TRANSFER("bank-transfer", "bank shows every micro-deposit remark at /sandbox"),
  PAYMENT("payment", "payment marks orders paid without money"),
  FACE_CHECK("face-check", "face check passes every seal administrator"),
  EMAIL("email", "email (no spring.mail.host) shows every mail at /sandbox");

  private final String setting;
  private final String risk;

  SandboxPort(String setting, String risk) {
    this.setting = setting;
    this.risk = risk;
  }

  /** The port's name in {@code certhall.sandbox.allowed-in-production}. */
  public String setting() {
    return setting;
  }

  /** What the sandbox does instead of the real service, for the refusal's line. */
  String risk() {
    return risk;
  }

  static Optional<SandboxPort> of(String setting) {
    String wanted = setting.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.setting.equals(wanted)).findFirst();
  }
}
