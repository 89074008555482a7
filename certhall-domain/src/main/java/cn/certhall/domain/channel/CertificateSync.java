package cn.certhall.domain.channel;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One message to a channel platform: an organization's certificate, its chain and its seal image as
 * they are after {@link #event()}. The webhook body and the pull API's answer carry the same
 * fields.
 *
 * @param eventId unique per message (a UUID); a replayed delivery repeats it, so a channel can drop
 *     what it already has
 * @param channelId the channel the order came from
 * @param orderId the order that led to the event
 * @param organizationName the organization's name as on the application
 * @param creditCode its unified social credit code
 * @param serial the certificate's serial number, lower-case hexadecimal
 * @param issuer the certificate's issuer DN (RFC 4514)
 * @param algorithm the algorithm family of the certificate and its chain ({@code SM2}, {@code
 *     ECDSA}, {@code RSA}): what tells the two certificates of a dual-certificate organization
 *     (双证书) apart
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param certificatePem the certificate, PEM
 * @param chainPem the issuing CA's certificate first, up to the root, PEM each
 * @param sealPng the seal image (transparent PNG), or null when the event carries none (revocation)
 * @param revokedAt when the certificate was revoked, or null
 * @param revocationReason the RFC 5280 reason name ({@code keyCompromise}, …), or null
 * @param occurredAt when the event happened
 */
public record CertificateSync(
    String eventId,
    SyncEvent event,
    String channelId,
    String orderId,
    String organizationName,
    String creditCode,
    String serial,
    String issuer,
    String algorithm,
    Instant notBefore,
    Instant notAfter,
    String certificatePem,
    List<String> chainPem,
    byte[] sealPng,
    Instant revokedAt,
    String revocationReason,
    Instant occurredAt) {

  public CertificateSync {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(organizationName, "organizationName");
    Objects.requireNonNull(creditCode, "creditCode");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(certificatePem, "certificatePem");
    chainPem = List.copyOf(chainPem);
    sealPng = sealPng == null ? null : sealPng.clone();
    Objects.requireNonNull(occurredAt, "occurredAt");
    if ((event == SyncEvent.CERTIFICATE_REVOKED) != (revokedAt != null)) {
      throw new IllegalArgumentException("revokedAt is set exactly for a revocation");
    }
  }

  @Override
  public byte[] sealPng() {
    return sealPng == null ? null : sealPng.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertificateSync other
        && eventId.equals(other.eventId)
        && event == other.event
        && channelId.equals(other.channelId)
        && serial.equals(other.serial)
        && certificatePem.equals(other.certificatePem)
        && chainPem.equals(other.chainPem)
        && Arrays.equals(sealPng, other.sealPng)
        && Objects.equals(revokedAt, other.revokedAt)
        && occurredAt.equals(other.occurredAt);
  }

  @Override
  public int hashCode() {
    return eventId.hashCode();
  }

  /** Names the event, channel and certificate; the PEMs and the image are left out. */
  @Override
  public String toString() {
    return "CertificateSync["
        + event.wireName()
        + " "
        + eventId
        + " channel="
        + channelId
        + " order="
        + orderId
        + " serial="
        + serial
        + "]";
  }
}
