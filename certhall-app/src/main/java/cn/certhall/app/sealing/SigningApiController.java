package cn.certhall.app.sealing;

import cn.certhall.app.channel.ChannelApiKeyFilter;
import cn.certhall.app.evidence.EvidenceReportController;
import cn.certhall.app.evidence.EvidenceReports;
import cn.certhall.app.evidence.EvidenceReports.Door;
import cn.certhall.documents.pades.SealPlacement;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.sealing.CloudSealingFlow;
import cn.certhall.domain.sealing.SigningRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The channel signing API (用章请求): a channel uploads a PDF and says where the seal goes; the answer
 * is the request id, a short-lived single-use link and its QR code (PNG) to show the organization's
 * seal administrator; the channel then polls the status or waits for the {@code document.sealed}
 * webhook, and downloads the signed PDF. Behind the channel API key ({@link ChannelApiKeyFilter});
 * a request of another channel is "not found".
 */
@RestController
@RequestMapping(
    path = "/api/channel/v1/signing-requests",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "用章请求", description = "云签章：上传 PDF，管理员扫码输入用章密码后盖章")
@SecurityRequirement(name = "channelApiKey")
public class SigningApiController {
  private final CloudSealingFlow sealing;
  private final SealingProperties properties;
  private final EvidenceReports evidence;
  private final Clock clock;

  public SigningApiController(
      CloudSealingFlow sealing,
      SealingProperties properties,
      EvidenceReports evidence,
      Clock clock) {
    this.sealing = sealing;
    this.properties = properties;
    this.evidence = evidence;
    this.clock = clock;
  }

  /** A request as the API shows it. */
  public record RequestStatus(
      @Schema(description = "用章请求编号") String id,
      @Schema(allowableValues = {"WAITING", "SEALED", "EXPIRED"}) String status,
      @Schema(description = "统一社会信用代码") String creditCode,
      @Schema(description = "单位名称") String organizationName,
      String fileName,
      String createdAt,
      @Schema(description = "the link and QR code stop working at this time") String expiresAt,
      @Schema(nullable = true) String sealedAt,
      @Schema(description = "where the signed PDF is, once SEALED", nullable = true)
          String signedDocument) {
    static RequestStatus of(SigningRequest r, Clock clock) {
      SigningRequest.Status s = r.statusAt(clock.instant());
      return new RequestStatus(
          r.id(),
          s.name(),
          r.creditCode(),
          r.organizationName(),
          r.fileName(),
          r.createdAt().toString(),
          r.expiresAt().toString(),
          r.sealedAt() == null ? null : r.sealedAt().toString(),
          s == SigningRequest.Status.SEALED
              ? "/api/channel/v1/signing-requests/" + r.id() + "/signed.pdf"
              : null);
    }
  }

  /** The answer to a new request: the only time the link and QR code are given out. */
  public record CreatedRequest(
      RequestStatus request,
      @Schema(description = "the link the QR code holds; single use, valid until expiresAt")
          String link,
      @Schema(description = "QR code of the link, PNG in base64") String qrPngBase64) {}

  public record ApiError(String error, String message) {}

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary = "发起用章请求",
      description =
          "Upload a PDF (field `file`) for the organization `creditCode` of this channel, with either"
              + " `page`, `x`, `y` (millimetres from the lower-left corner of the page to the seal's"
              + " centre) or `anchor` (the seal is centred on the first occurrence of this text)."
              + " `widthMm` is the seal's width (default 42). The answer holds the link and its QR"
              + " code; show the QR code to the organization's seal administrator.")
  @ApiResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = CreatedRequest.class)))
  @ApiResponse(
      responseCode = "400",
      description = "bad input, with a Chinese message",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public ResponseEntity<CreatedRequest> create(
      @RequestAttribute(ChannelApiKeyFilter.CHANNEL_ATTRIBUTE) String channelId,
      @Parameter(description = "the PDF to seal") @RequestPart(name = "file", required = false)
          MultipartFile file,
      @Parameter(description = "统一社会信用代码") @RequestParam(required = false) String creditCode,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Float x,
      @RequestParam(required = false) Float y,
      @Parameter(description = "定位文字") @RequestParam(required = false) String anchor,
      @RequestParam(required = false) Float widthMm,
      @Parameter(description = "签名算法：SM2 或 ECDSA（双证书的单位）；不填即用单位的第一张证书（SM2）")
          @RequestParam(required = false)
          String algorithm)
      throws IOException {
    if (file == null || file.isEmpty()) {
      throw new Bad("empty_document", "请上传需要盖章的 PDF 文件（字段 file）。");
    }
    String code = creditCode == null ? "" : creditCode.strip().toUpperCase(Locale.ROOT);
    if (!code.matches("[0-9A-Z]{18}")) {
      throw new Bad("bad_credit_code", "统一社会信用代码应为 18 位数字或大写字母。");
    }
    float width = widthMm == null ? properties.sealWidthMm() : widthMm;
    if (!(width >= 10 && width <= 100)) {
      throw new Bad("bad_width", "印章宽度应在 10 到 100 毫米之间。");
    }
    boolean hasAnchor = anchor != null && !anchor.isBlank();
    boolean hasPosition = page != null || x != null || y != null;
    if (hasAnchor == hasPosition) {
      throw new Bad("bad_placement", "请指定印章位置：页码和坐标（page、x、y），或定位文字（anchor），二者选一。");
    }
    SealPlacement placement;
    if (hasAnchor) {
      if (anchor.length() > 200) {
        throw new Bad("bad_placement", "定位文字不能超过 200 个字符。");
      }
      placement = new SealPlacement.TextAnchor(anchor.strip(), width * SealPlacement.MM);
    } else {
      if (page == null
          || x == null
          || y == null
          || page < 1
          || !Float.isFinite(x)
          || !Float.isFinite(y)) {
        throw new Bad("bad_placement", "页码须为正整数，x、y 须为数字（毫米）。");
      }
      placement = SealPlacement.Position.millimetres(page, x, y, width);
    }
    String family =
        algorithm == null || algorithm.isBlank()
            ? "SM2"
            : algorithm.strip().toUpperCase(Locale.ROOT);
    if (!family.equals("SM2") && !family.equals("ECDSA")) {
      throw new Bad("unknown_algorithm", "不支持的签名算法：algorithm 只能是 SM2 或 ECDSA。");
    }
    CloudSealingFlow.Creation creation =
        sealing.create(
            new CloudSealingFlow.NewSigningRequest(
                channelId,
                code,
                file.getOriginalFilename(),
                file.getBytes(),
                PadesDocumentSealer.placement(placement),
                algorithm == null || algorithm.isBlank() ? null : family));
    if (creation instanceof CloudSealingFlow.Creation.Refused refused) {
      throw new Bad(refused.code(), refused.message());
    }
    CloudSealingFlow.Creation.Created created = (CloudSealingFlow.Creation.Created) creation;
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new CreatedRequest(
                RequestStatus.of(created.request(), clock),
                created.link(),
                Base64.getEncoder().encodeToString(QrCodes.png(created.link(), 360))));
  }

  @GetMapping("/{id}")
  @Operation(summary = "用章请求状态", description = "WAITING, SEALED or EXPIRED.")
  @ApiResponse(responseCode = "404", description = "not a request of this channel")
  public RequestStatus status(
      @RequestAttribute(ChannelApiKeyFilter.CHANNEL_ATTRIBUTE) String channelId,
      @PathVariable String id) {
    return sealing
        .find(channelId, checkId(id))
        .map(r -> RequestStatus.of(r, clock))
        .orElseThrow(() -> new NotFound("本渠道没有该用章请求。"));
  }

  @GetMapping(
      path = "/{id}/signed.pdf",
      produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.APPLICATION_JSON_VALUE})
  @Operation(summary = "下载已盖章的 PDF")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/pdf"))
  @ApiResponse(responseCode = "404", description = "not a request of this channel")
  @ApiResponse(responseCode = "409", description = "not sealed (yet)")
  public ResponseEntity<byte[]> signed(
      @RequestAttribute(ChannelApiKeyFilter.CHANNEL_ATTRIBUTE) String channelId,
      @PathVariable String id) {
    SigningRequest request =
        sealing.find(channelId, checkId(id)).orElseThrow(() -> new NotFound("本渠道没有该用章请求。"));
    byte[] pdf =
        sealing
            .signedDocument(channelId, request.id())
            .orElseThrow(
                () -> new Conflict("该用章请求尚未盖章（状态：" + request.statusAt(clock.instant()) + "）。"));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(
                    CloudSealingFlow.sealedFileName(request.fileName()),
                    java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(pdf);
  }

  @GetMapping(
      path = "/{id}/evidence.pdf",
      produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.APPLICATION_JSON_VALUE})
  @Operation(
      summary = "用章出证报告（PDF）",
      description =
          "The evidence report of one of the channel's signing requests: the request, the"
              + " administrator's sign-in, face check and PIN confirmation, the documents' SHA-256,"
              + " the certificate and its status at sealing, and the audit log's entries; signed by"
              + " the CA's evidence certificate with a time-stamp (PAdES B-T). Each download is"
              + " recorded in the CA's audit log. Available while the request is kept.")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/pdf"))
  @ApiResponse(responseCode = "404", description = "not a request of this channel")
  public ResponseEntity<byte[]> evidenceReport(
      @RequestAttribute(ChannelApiKeyFilter.CHANNEL_ATTRIBUTE) String channelId,
      @PathVariable String id,
      Locale locale) {
    SigningRequest request =
        sealing.find(channelId, checkId(id)).orElseThrow(() -> new NotFound("本渠道没有该用章请求。"));
    byte[] report =
        evidence
            .forSealedDocument(
                request.id(), locale, new Actor("channel:" + channelId), Door.CHANNEL_API)
            .orElseThrow(() -> new NotFound("本渠道没有该用章请求。"));
    return EvidenceReportController.pdf(request.id(), report);
  }

  private static String checkId(String id) {
    if (id == null || !id.matches("SR[0-9A-F]{20}")) {
      throw new NotFound("本渠道没有该用章请求。");
    }
    return id;
  }

  static final class Bad extends RuntimeException {
    final String code;

    Bad(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }

  static final class Conflict extends RuntimeException {
    Conflict(String message) {
      super(message, null, false, false);
    }
  }

  @ExceptionHandler(Bad.class)
  ResponseEntity<ApiError> bad(Bad e) {
    return error(HttpStatus.BAD_REQUEST, e.code, e.getMessage());
  }

  @ExceptionHandler(NotFound.class)
  ResponseEntity<ApiError> notFound(NotFound e) {
    return error(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
  }

  @ExceptionHandler(Conflict.class)
  ResponseEntity<ApiError> conflict(Conflict e) {
    return error(HttpStatus.CONFLICT, "not_sealed", e.getMessage());
  }

  @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
  ResponseEntity<ApiError> tooLarge(Exception e) {
    return error(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "document_too_large",
        "PDF 文件不能超过 " + properties.maxDocumentSize().toMegabytes() + " MB。");
  }

  private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(code, message));
  }
}
