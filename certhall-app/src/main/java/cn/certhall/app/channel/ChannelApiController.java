package cn.certhall.app.channel;

import cn.certhall.app.evidence.EvidenceReportController;
import cn.certhall.app.evidence.EvidenceReports;
import cn.certhall.app.evidence.EvidenceReports.Door;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.persistence.ChannelRepository.ChannelCertificate;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The channel pull API: a channel platform reads the certificates and seals synced to it, the same
 * JSON its webhooks carry. It sees its own organizations only: every query is bound to the channel
 * of the API key ({@link ChannelApiKeyFilter}), and another channel's certificate is "not found".
 */
@RestController
@RequestMapping(path = "/api/channel/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "托管证书同步", description = "证书、证书链和电子印章（渠道平台拉取接口）")
@SecurityRequirement(name = ChannelApiController.SECURITY_SCHEME)
public class ChannelApiController {
  static final String SECURITY_SCHEME = "channelApiKey";
  private static final int MAX_LIMIT = 200;

  private final ChannelRepository channels;
  private final OrderRepository orders;
  private final EvidenceReports evidence;
  private final Clock clock;

  public ChannelApiController(
      ChannelRepository channels, OrderRepository orders, EvidenceReports evidence, Clock clock) {
    this.channels = channels;
    this.orders = orders;
    this.evidence = evidence;
    this.clock = clock;
  }

  /** One line of the certificate list. */
  public record CertificateSummary(
      @Schema(description = "serial number, lower-case hexadecimal") String serial,
      @Schema(description = "统一社会信用代码") String creditCode,
      @Schema(description = "订单号") String orderId,
      @Schema(description = "the last event synced") String lastEvent,
      @Schema(
              description =
                  "REVOKED once revoked; else EXPIRED from notAfter on (now, not when synced);"
                      + " else VALID",
              allowableValues = {"VALID", "EXPIRED", "REVOKED"})
          String status,
      String notAfter,
      @Schema(description = "when the last event was synced") String updatedAt) {
    static CertificateSummary of(ChannelCertificate c, Instant now) {
      return new CertificateSummary(
          c.serial(),
          c.creditCode(),
          c.orderId(),
          c.lastEvent(),
          c.revoked() ? "REVOKED" : now.isBefore(c.notAfter()) ? "VALID" : "EXPIRED",
          c.notAfter().toString(),
          c.updatedAt().toString());
    }
  }

  public record CertificateList(List<CertificateSummary> items) {}

  /** An error: a stable code and a message in the caller's language. */
  public record ApiError(String error, String message) {}

  @GetMapping("/certificates")
  @Operation(
      summary = "本渠道的证书列表",
      description = "The channel's certificates, the most recently synced first.")
  public CertificateList certificates(
      @RequestAttribute(ChannelApiKeyFilter.CHANNEL_ATTRIBUTE) String channelId,
      @Parameter(description = "only this organization's (统一社会信用代码)")
          @RequestParam(required = false)
          String creditCode,
      @Parameter(description = "at most this many, 1 to 200") @RequestParam(defaultValue = "50")
          int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (creditCode != null
        && !creditCode.strip().toUpperCase(Locale.ROOT).matches("[0-9A-Z]{18}")) {
      throw new BadRequest("统一社会信用代码应为 18 位数字或大写字母。");
    }
    if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
      throw new BadRequest("limit 应在 1 到 200 之间，offset 不能为负数。");
    }
    String code = creditCode == null ? null : creditCode.strip().toUpperCase(Locale.ROOT);
    Instant now = clock.instant();
    return new CertificateList(
        channels.certificates(channelId, code, limit, offset).stream()
            .map(c -> CertificateSummary.of(c, now))
            .toList());
  }

  @GetMapping("/certificates/{serial}")
  @Operation(
      summary = "一张证书：证书、证书链和电子印章",
      description = "The body of the certificate's last sync, exactly as the webhook carried it.")
  @ApiResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = SyncMessage.class)))
  @ApiResponse(responseCode = "404", description = "not a certificate of this channel")
  public ResponseEntity<byte[]> certificate(
      @RequestAttribute(ChannelApiKeyFilter.CHANNEL_ATTRIBUTE) String channelId,
      @PathVariable String serial) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(body(channelId, serial));
  }

  @GetMapping(path = "/certificates/{serial}/seal.png", produces = MediaType.IMAGE_PNG_VALUE)
  @Operation(summary = "电子印章图片（PNG）")
  @ApiResponse(responseCode = "404", description = "not a certificate of this channel, or revoked")
  public ResponseEntity<byte[]> seal(
      @RequestAttribute(ChannelApiKeyFilter.CHANNEL_ATTRIBUTE) String channelId,
      @PathVariable String serial) {
    SyncMessage message = SyncMessage.fromJson(body(channelId, serial));
    if (message.seal() == null) {
      throw new NotFound("该证书没有可用的电子印章（已注销）。");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .body(Base64.getDecoder().decode(message.seal().base64()));
  }

  @GetMapping(path = "/orders/{orderId}/evidence.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(
      summary = "出证报告（PDF）",
      description =
          "The evidence report of one of the channel's orders: what happened and when, each file's"
              + " SHA-256 and the audit log's entries, signed by the CA's evidence certificate with a"
              + " time-stamp (PAdES B-T). Each download is recorded in the CA's audit log.")
  @ApiResponse(responseCode = "404", description = "not an order of this channel")
  public ResponseEntity<byte[]> evidenceReport(
      @RequestAttribute(ChannelApiKeyFilter.CHANNEL_ATTRIBUTE) String channelId,
      @PathVariable String orderId,
      Locale locale) {
    String id =
        orders
            .find(orderId)
            .filter(o -> o.channelId().equals(channelId))
            .map(Order::id)
            .orElseThrow(() -> new NotFound("本渠道没有该订单。"));
    return EvidenceReportController.pdf(
        id, evidence.forOrder(id, locale, new Actor("channel:" + channelId), Door.CHANNEL_API));
  }

  private byte[] body(String channelId, String serial) {
    String s = serial.toLowerCase(Locale.ROOT);
    if (!s.matches("[0-9a-f]{1,40}")) {
      throw new BadRequest("证书序列号应为十六进制数字。");
    }
    return channels.certificateBody(channelId, s).orElseThrow(() -> new NotFound("本渠道没有该序列号的证书。"));
  }

  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }

  @ExceptionHandler(BadRequest.class)
  ResponseEntity<ApiError> badRequest(BadRequest e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError("bad_request", e.getMessage()));
  }

  @ExceptionHandler(NotFound.class)
  ResponseEntity<ApiError> notFound(NotFound e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError("not_found", e.getMessage()));
  }
}
