package cn.certhall.app.revocation;

import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.RevocationNotices;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.pki.ocsp.OcspResponder;
import cn.certhall.pki.revocation.RevocationReason;
import cn.certhall.pki.revocation.RevokedEntry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Revokes a certificate: records it, so OCSP answers "revoked" from the next request on, and asks
 * for a new CRL, issued within a second or two. This node drops its cached response at once; every
 * node (this one again, after the commit) hears of it through the notice sent at commit on
 * PostgreSQL, or its next poll ({@link OcspCacheInvalidation}).
 */
public class RevocationService {
  private final CertificateRepository certificates;
  private final RevocationRepository revocations;
  private final RevocationNotices notices;
  private final OcspResponder responder;
  private final CrlPublisher crls;
  private final AuditLog audit;
  private final Clock clock;

  public RevocationService(
      CertificateRepository certificates,
      RevocationRepository revocations,
      RevocationNotices notices,
      OcspResponder responder,
      CrlPublisher crls,
      AuditLog audit,
      Clock clock) {
    this.audit = audit;
    this.certificates = certificates;
    this.revocations = revocations;
    this.notices = notices;
    this.responder = responder;
    this.crls = crls;
    this.clock = clock;
  }

  /** The outcome: revoked now, or revoked already (the first revocation stands). */
  public enum Outcome {
    REVOKED,
    ALREADY_REVOKED
  }

  /**
   * @param invalidityDate when the key was known or suspected to be compromised; may be null
   * @throws IllegalArgumentException if the CA never issued that serial
   */
  public Outcome revoke(
      String caName, BigInteger serial, RevocationReason reason, Instant invalidityDate) {
    if (certificates.find(caName, serial).isEmpty()) {
      throw new IllegalArgumentException(
          "CA " + caName + " has no certificate " + serial.toString(16));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant invalidity =
        invalidityDate == null ? null : invalidityDate.truncatedTo(ChronoUnit.SECONDS);
    boolean inserted =
        revocations.insert(caName, new RevokedEntry(serial, now, reason, invalidity));
    // a response cached here between this drop and the commit (its status read before the commit)
    // is dropped again after the commit: by the notice on PostgreSQL, by the next poll anywhere
    responder.invalidate(caName, serial);
    if (!inserted) {
      return Outcome.ALREADY_REVOKED;
    }
    notices.announce(caName, serial);
    audit.record(
        Actor.SYSTEM,
        AuditAction.CERTIFICATE_REVOKED,
        caName + "/" + serial.toString(16),
        reason + (invalidity == null ? "" : ", invalid since " + invalidity));
    crls.requestPublish(caName);
    return Outcome.REVOKED;
  }
}
