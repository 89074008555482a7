package cn.certhall.domain.channel;

import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Channel sync (托管证书同步, SPEC 3.1 step 10): tells the channel platform an order came from about the
 * certificate and seal the CA made for it. Issuance, renewal, change and revocation call it
 * <em>inside the transaction that stores their result</em>; it only writes to the {@link
 * ChannelOutbox}, so it never waits for the channel and never fails because the channel is down.
 * The outbox's dispatcher delivers later, and retries until the channel accepts.
 */
public final class ChannelSync {
  private final ChannelOutbox outbox;
  private final Clock clock;
  private final Supplier<UUID> eventIds;

  public ChannelSync(ChannelOutbox outbox, Clock clock) {
    this(outbox, clock, UUID::randomUUID);
  }

  ChannelSync(ChannelOutbox outbox, Clock clock, Supplier<UUID> eventIds) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
  }

  /**
   * A new unit certificate (新办) was issued for {@code order}.
   *
   * @param chain the issuing CA's certificate first, up to the root
   * @param sealPng the organization's seal image (transparent PNG), or null when it could not be
   *     made yet: {@link #certificateSealed} brings it later
   * @return what was recorded
   */
  public CertificateSync certificateIssued(
      Order order, X509Certificate certificate, List<X509Certificate> chain, byte[] sealPng) {
    return withSeal(
        SyncEvent.CERTIFICATE_ISSUED,
        BusinessType.NEW_UNIT_CERTIFICATE,
        order,
        certificate,
        chain,
        sealPng);
  }

  /** A renewal (更新) order issued {@code certificate}; the channel replaces the old one. */
  public CertificateSync certificateRenewed(
      Order order, X509Certificate certificate, List<X509Certificate> chain, byte[] sealPng) {
    return withSeal(
        SyncEvent.CERTIFICATE_RENEWED, BusinessType.RENEWAL, order, certificate, chain, sealPng);
  }

  /** An information change (变更) order issued {@code certificate} with the changed details. */
  public CertificateSync certificateChanged(
      Order order, X509Certificate certificate, List<X509Certificate> chain, byte[] sealPng) {
    return withSeal(
        SyncEvent.CERTIFICATE_CHANGED,
        BusinessType.INFORMATION_CHANGE,
        order,
        certificate,
        chain,
        sealPng);
  }

  /**
   * The seal of {@code certificate}, issued earlier without one, was made (by the CA administrator,
   * from a new impression): the message repeats the certificate, with the seal.
   *
   * @param order the order that issued the certificate
   */
  public CertificateSync certificateSealed(
      Order order, X509Certificate certificate, List<X509Certificate> chain, byte[] sealPng) {
    Objects.requireNonNull(sealPng, "sealPng");
    return record(SyncEvent.CERTIFICATE_SEALED, order, certificate, chain, sealPng, null, null);
  }

  /**
   * {@code certificate} was revoked. The message carries no seal: the channel must stop using the
   * one it has.
   *
   * @param order the revocation order (注销), or the order that issued the certificate when an
   *     administrator revoked it or an information change (变更) superseded it; either names the
   *     channel
   * @param reason the RFC 5280 reason name ({@code keyCompromise}, {@code cessationOfOperation}, …)
   */
  public CertificateSync certificateRevoked(
      Order order,
      X509Certificate certificate,
      List<X509Certificate> chain,
      Instant revokedAt,
      String reason) {
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(reason, "reason");
    return record(
        SyncEvent.CERTIFICATE_REVOKED, order, certificate, chain, null, revokedAt, reason);
  }

  private CertificateSync withSeal(
      SyncEvent event,
      BusinessType expected,
      Order order,
      X509Certificate certificate,
      List<X509Certificate> chain,
      byte[] sealPng) {
    if (order.businessType() != expected) {
      throw new IllegalArgumentException(
          event.wireName() + " comes from a " + expected + " order, not " + order.businessType());
    }
    return record(event, order, certificate, chain, sealPng, null, null);
  }

  private CertificateSync record(
      SyncEvent event,
      Order order,
      X509Certificate certificate,
      List<X509Certificate> chain,
      byte[] sealPng,
      Instant revokedAt,
      String reason) {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(chain, "chain");
    CertificateSync sync =
        new CertificateSync(
            eventIds.get().toString(),
            event,
            order.channelId(),
            order.id(),
            order.application().organizationName(),
            order.application().creditCode(),
            certificate.getSerialNumber().toString(16),
            certificate.getIssuerX500Principal().getName(),
            family(certificate),
            certificate.getNotBefore().toInstant(),
            certificate.getNotAfter().toInstant(),
            pem(certificate),
            chain.stream().map(ChannelSync::pem).toList(),
            sealPng,
            revokedAt,
            reason,
            clock.instant());
    outbox.record(sync);
    return sync;
  }

  /**
   * The algorithm family of a certificate, from its signature algorithm: a CA hierarchy signs with
   * one family throughout and certifies keys of that family only.
   */
  public static String family(X509Certificate certificate) {
    String oid = certificate.getSigAlgOID();
    if (oid.equals("1.2.156.10197.1.501")) {
      return "SM2";
    }
    if (oid.startsWith("1.2.840.10045.4.")) {
      return "ECDSA";
    }
    if (oid.startsWith("1.2.840.113549.1.1.")) {
      return "RSA";
    }
    throw new IllegalArgumentException(
        "certificate signed with " + oid + ", not SM2, ECDSA or RSA");
  }

  /** RFC 7468 PEM: 64-character lines, LF line ends. */
  static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }
}
