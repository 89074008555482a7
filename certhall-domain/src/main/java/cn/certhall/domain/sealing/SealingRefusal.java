package cn.certhall.domain.sealing;

import java.util.Locale;

/**
 * Why a sealing (扫一扫用章) is refused, with what the administrator is told. Each refusal is also
 * written to the audit log under its name.
 */
public enum SealingRefusal {
  /** The request passed its lifetime before it was sealed. */
  REQUEST_EXPIRED(
      "该用章请求已过期，请在业务系统中重新发起并扫描新的二维码。",
      "This sealing request has expired. Start it again in your business system and scan the new QR code."),
  /** The link was opened by someone else already, or the document is sealed already. */
  LINK_USED(
      "该二维码已被使用，不能再次用章。如需盖章，请重新发起用章请求。",
      "This QR code has been used already. Start a new sealing request to seal again."),
  /** The request is for an organization whose seal this administrator does not hold. */
  OTHER_ORGANIZATION(
      "该文件不是您所管理单位的用章请求，不能用章。", "This document is not for an organization whose seal you hold."),
  /** The organization certificate behind the seal is revoked. */
  CERTIFICATE_REVOKED(
      "单位证书已吊销，印章不能再使用。",
      "The organization's certificate is revoked; its seal can no longer be used."),
  /** The organization certificate behind the seal is expired (or not yet valid). */
  CERTIFICATE_EXPIRED(
      "单位证书已过期，请先办理证书更新后再用章。",
      "The organization's certificate has expired. Renew it before sealing."),
  /** The organization has no seal yet (made right after issuance). */
  NO_SEAL(
      "单位电子印章尚未制作完成，请稍后再试。",
      "The organization's electronic seal is not ready yet. Try again later."),
  /** The administrator has not downloaded a personal certificate yet. */
  NO_PERSONAL_CERTIFICATE(
      "请先下载个人证书并设置用章密码。", "Download your personal certificate and set the seal PIN first."),
  /** No PIN was set yet. */
  PIN_NOT_SET("请先设置用章密码。", "Set the seal PIN first."),
  /** The PIN was wrong; more tries are left. The message takes the number left. */
  PIN_WRONG("用章密码错误，还可尝试 %d 次。", "Wrong seal PIN; %d tries left."),
  /** Five wrong PINs in a row: locked until a reset through the identity check. */
  PIN_LOCKED(
      "用章密码错误次数过多，已锁定。请通过“重置用章密码”重新进行身份核验和人脸识别。",
      "The seal PIN is locked after too many wrong tries. Reset it with a new identity and face check.");

  private final String chinese;
  private final String english;

  SealingRefusal(String chinese, String english) {
    this.chinese = chinese;
    this.english = english;
  }

  /** The message in Chinese, or English for an English locale. */
  public String message(Locale locale, Object... args) {
    boolean en = locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    return String.format(en ? english : chinese, args);
  }

  public String chinese(Object... args) {
    return String.format(chinese, args);
  }
}
