package cn.certhall.app.sealing;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook a channel receives when a document it sent is sealed ({@code document.sealed}),
 * signed and retried like the certificate syncs (docs/channels.md). It carries the signed PDF, so
 * the channel need not come back for it (it still can: GET …/signed.pdf).
 */
@Schema(description = "用章完成通知（document.sealed）")
public record SealedMessage(
    String eventId,
    @Schema(allowableValues = "document.sealed") String event,
    String occurredAt,
    String channelId,
    @Schema(description = "用章请求编号") String requestId,
    Organization organization,
    @Schema(description = "the organization certificate that signed, lower-case hex")
        String certificateSerial,
    Document document) {

  public static final String EVENT = "document.sealed";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public record Organization(String name, String creditCode) {}

  /** The signed PDF: its file name as the channel sent it, SHA-256 (hex) and bytes (base64). */
  public record Document(String fileName, String mediaType, String sha256, String base64) {}

  public byte[] toJson() {
    return JSON.writeValueAsBytes(this);
  }

  public static SealedMessage fromJson(byte[] json) {
    return JSON.readValue(json, SealedMessage.class);
  }

  @Override
  public String toString() {
    return "SealedMessage[" + requestId + "]";
  }
}
