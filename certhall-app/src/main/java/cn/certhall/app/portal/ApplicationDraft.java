package cn.certhall.app.portal;

import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/**
 * The state of one application in the browser session, between the pages of the flow: the channel,
 * the accepted agreement, the form as typed, the number reserved for its order, and once stored the
 * order it became. A new application lives only here until both verifications passed (nothing of it
 * is in the database before); its authorization code is keyed by the reserved number, which the
 * order then takes. The order itself (status, application) is in the database; this only carries
 * what is not an order yet and what the pages show about the code that was sent. One application
 * per session: the agreement starts a new one.
 */
final class ApplicationDraft implements Serializable {
  @Serial private static final long serialVersionUID = 2L;
  private static final String ATTRIBUTE = ApplicationDraft.class.getName();

  /**
   * Where the last code went, masked, for the code page; {@code fingerprint} identifies the
   * enterprise verification it was sent for, so an unchanged resubmission (返回修改 without changes)
   * keeps that code instead of asking for a new one inside the resend cooldown.
   */
  record CodeSent(
      String method,
      String channel,
      String maskedDestination,
      Instant expiresAt,
      String payerAccountName,
      String fingerprint)
      implements Serializable {}

  final String channelId;
  ApplicationForm form = new ApplicationForm();

  /** The order number the application's order will take; its code is keyed by it. */
  String reservedNumber;

  String orderId;
  CodeSent codeSent;

  private ApplicationDraft(String channelId) {
    this.channelId = channelId;
  }

  /** A new application after the agreement; replaces any earlier one of the session. */
  static ApplicationDraft start(HttpSession session, String channelId) {
    ApplicationDraft draft = new ApplicationDraft(channelId);
    session.setAttribute(ATTRIBUTE, draft);
    return draft;
  }

  /** The session's application, or null (none started, or the session expired). */
  static ApplicationDraft of(HttpSession session) {
    return session == null ? null : (ApplicationDraft) session.getAttribute(ATTRIBUTE);
  }

  /** Stores changes (a session kept elsewhere than in memory sees only what is set again). */
  void save(HttpSession session) {
    session.setAttribute(ATTRIBUTE, this);
  }
}
