package cn.certhall.app.channel;

import cn.certhall.domain.channel.CertificateSync;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON a channel receives, by webhook or from the pull API: one certificate with its chain and
 * seal image, as they are after {@link #event()}. Times are ISO 8601 in UTC. docs/channels.md shows
 * an example.
 */
@Schema(description = "一张证书及其证书链和电子印章图片（托管证书同步）")
public record SyncMessage(
    @Schema(description = "unique per event; a replayed delivery repeats it", example = "5f0c…")
        String eventId,
    @Schema(
            description = "what happened",
            allowableValues = {
              "certificate.issued",
              "certificate.renewed",
              "certificate.changed",
              "certificate.revoked",
              "certificate.sealed"
            })
        String event,
    @Schema(description = "when it happened") String occurredAt,
    String channelId,
    @Schema(description = "the order (订单号) that led to the event") String orderId,
    Organization organization,
    Certificate certificate,
    @Schema(description = "PEM certificates: the issuing CA first, up to the root")
        List<String> chain,
    @Schema(
            description =
                "the electronic seal image; null on revocation, and when it could not be made at"
                    + " issuance (certificate.sealed brings it)",
            nullable = true)
        Seal seal) {

  /** The organization (单位) the certificate belongs to. */
  public record Organization(
      @Schema(description = "单位名称") String name,
      @Schema(description = "统一社会信用代码") String creditCode) {}

  public record Certificate(
      @Schema(description = "serial number, lower-case hexadecimal") String serial,
      @Schema(description = "issuer DN (RFC 4514)") String issuer,
      @Schema(
              description =
                  "algorithm family of the certificate and its chain; tells an organization's two"
                      + " certificates (双证书) apart",
              allowableValues = {"SM2", "ECDSA", "RSA"})
          String algorithm,
      String notBefore,
      String notAfter,
      @Schema(allowableValues = {"VALID", "REVOKED"}) String status,
      @Schema(nullable = true) String revokedAt,
      @Schema(description = "RFC 5280 reason name", nullable = true) String revocationReason,
      @Schema(description = "the certificate, PEM") String pem) {}

  public record Seal(
      @Schema(allowableValues = "image/png") String mediaType,
      @Schema(description = "the transparent PNG, base64") String base64) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public static SyncMessage of(CertificateSync sync) {
    byte[] png = sync.sealPng();
    return new SyncMessage(
        sync.eventId(),
        sync.event().wireName(),
        sync.occurredAt().toString(),
        sync.channelId(),
        sync.orderId(),
        new Organization(sync.organizationName(), sync.creditCode()),
        new Certificate(
            sync.serial(),
            sync.issuer(),
            sync.algorithm(),
            sync.notBefore().toString(),
            sync.notAfter().toString(),
            sync.revokedAt() == null ? "VALID" : "REVOKED",
            sync.revokedAt() == null ? null : sync.revokedAt().toString(),
            sync.revocationReason(),
            sync.certificatePem()),
        sync.chainPem(),
        png == null ? null : new Seal("image/png", Base64.getEncoder().encodeToString(png)));
  }

  /** UTF-8 JSON: the exact bytes that are signed and sent. */
  public byte[] toJson() {
    return JSON.writeValueAsBytes(this);
  }

  public static SyncMessage fromJson(byte[] json) {
    return JSON.readValue(json, SyncMessage.class);
  }

  @Override
  public String toString() {
    return "SyncMessage[" + event + " " + eventId + "]";
  }
}
