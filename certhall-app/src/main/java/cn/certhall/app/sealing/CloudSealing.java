package cn.certhall.app.sealing;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.CertificateRepository.StoredCertificate;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.persistence.SealAdministratorRepository.AdministratorRow;
import cn.certhall.app.persistence.SealAdministratorRepository.HeldOrganization;
import cn.certhall.app.persistence.SealAdministratorRepository;
import cn.certhall.app.persistence.SigningRequestRepository.NewRequest;
import cn.certhall.app.persistence.SigningRequestRepository.Placement;
import cn.certhall.app.persistence.SigningRequestRepository;
import cn.certhall.app.sealmaking.SealService.Seal;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.documents.outside.ActiveContent;
import cn.certhall.documents.outside.PdfRefusedException;
import cn.certhall.documents.pades.PadesSealer;
import cn.certhall.documents.pades.SealAppearance;
import cn.certhall.documents.pades.SealPlacement;
import cn.certhall.documents.pades.SealingException;
import cn.certhall.documents.pades.SealingKey;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.sealing.PinGuard;
import cn.certhall.domain.sealing.SealingRefusal;
import cn.certhall.domain.sealing.SealingRules;
import cn.certhall.domain.sealing.SigningRequest;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cloud sealing (扫一扫用章): a channel's signing request (a PDF, where the seal goes) becomes a
 * short-lived, single-use link shown as a QR code; the organization's seal administrator opens it
 * in the seal app, sees the document and the organization, and confirms with the seal PIN; the
 * seal image is drawn on the page and the PDF signed with the organization's hosted key as PAdES
 * B-T (B-B without a TSA); the channel is told by webhook and can download the result.
 *
 * <p>Each refusal ({@link SealingRefusal}) is written to the audit log. The link's token is
 * random (256 bits) and stored only as its SHA-256; it is never logged.
 */
public final class CloudSealing {
  private static final Logger log = LoggerFactory.getLogger(CloudSealing.class);
  /** The path of a QR link; the token follows. */
  public static final String LINK_PATH = "/seal-app/s/";

  private final SigningRequestRepository requests;
  private final SealAdministratorRepository administrators;
  private final CertificateRepository certificates;
  private final SealService seals;
  private final CaRegistry cas;
  private final SigningKeyStore keys;
  private final PadesSealer sealer;
  private final PinGuard pins;
  private final ChannelRepository channels;
  private final ChannelDeliveryRepository deliveries;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final SealingProperties properties;
  private final String publicUrl;
  private final SecureRandom random = new SecureRandom();
  /** Seal pictures decoded once (by image hash): decoding a 600 dpi PNG costs more than signing. */
  private final Map<String, SealAppearance> appearances =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SealAppearance> eldest) {
              return size() > 200;
            }
          });

  public CloudSealing(
      SigningRequestRepository requests,
      SealAdministratorRepository administrators,
      CertificateRepository certificates,
      SealService seals,
      CaRegistry cas,
      SigningKeyStore keys,
      PadesSealer sealer,
      PinGuard pins,
      ChannelRepository channels,
      ChannelDeliveryRepository deliveries,
      AuditLog audit,
      TransactionTemplate transactions,
      Clock clock,
      SealingProperties properties,
      String publicUrl) {
    this.requests = requests;
    this.administrators = administrators;
    this.certificates = certificates;
    this.seals = seals;
    this.cas = cas;
    this.keys = keys;
    this.sealer = sealer;
    this.pins = pins;
    this.channels = channels;
    this.deliveries = deliveries;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.properties = properties;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  // ---- the channel's side ----------------------------------------------------------------

  /** A request the channel API refuses, with a stable code and a Chinese message. */
  public static final class RequestProblem extends RuntimeException {
    private final String code;

    RequestProblem(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** What the channel gets back: the request, its link and the link's QR code. */
  public record Created(SigningRequest request, String link, byte[] qrPng) {
    @Override
    public String toString() {
      return "Created[" + request.id() + "]";
    }
  }

  /**
   * Makes a signing request of {@code channelId} for the organization with {@code creditCode},
   * which must have an issued certificate from an order of this channel.
   *
   * @throws RequestProblem with a Chinese message for every bad input
   */
  public Created create(
      String channelId, String creditCode, String fileName, byte[] pdf, SealPlacement placement) {
    return create(channelId, creditCode, fileName, pdf, placement, null);
  }

  /**
   * As {@link #create(String, String, String, byte[], SealPlacement)}, sealing with the
   * organization's certificate of the algorithm family {@code algorithm} ({@code SM2}, {@code
   * ECDSA}; null: its first certificate, SM2 unless the CA issues another family first).
   *
   * @throws RequestProblem also when the organization has no certificate of that family
   */
  public Created create(
      String channelId,
      String creditCode,
      String fileName,
      byte[] pdf,
      SealPlacement placement,
      String algorithm) {
    if (pdf == null || pdf.length == 0) {
      throw new RequestProblem("empty_document", "请上传需要盖章的 PDF 文件。");
    }
    if (pdf.length > properties.maxDocumentSize().toBytes()) {
      throw new RequestProblem(
          "document_too_large",
          "PDF 文件不能超过 " + properties.maxDocumentSize().toMegabytes() + " MB。");
    }
    HeldOrganization org =
        administrators
            .latestOfChannel(channelId, creditCode)
            .orElseThrow(
                () ->
                    new RequestProblem(
                        "unknown_organization", "本渠道没有该统一社会信用代码的单位证书，不能发起用章请求。"));
    String family = algorithm == null ? family(org) : algorithm;
    if (inFamily(org, family).isEmpty()) {
      throw new RequestProblem(
          "no_certificate_of_algorithm",
          "该单位没有 " + family + " 算法的证书，不能用 " + family + " 盖章。"
              + "请改用该单位已有证书的算法（不填 algorithm 即用 " + family(org) + "），"
              + "或请 CA 为该单位签发双证书。");
    }
    PadesSealer.Checked checked;
    try {
      checked = sealer.check(pdf, placement);
    } catch (SealingException e) {
      throw new RequestProblem(e.reason().name().toLowerCase(java.util.Locale.ROOT), documentMessage(e.reason()));
    } catch (PdfRefusedException e) {
      throw new RequestProblem("document_too_complex", "PDF 文件解压后过大或结构过于复杂，无法处理。");
    }
    // a script or a launch action could change what a viewer shows after the seal is on it;
    // attachments are covered by the signature like the pages, so they may stay (docs/decisions.md)
    Set<ActiveContent.Kind> active = EnumSet.noneOf(ActiveContent.Kind.class);
    active.addAll(checked.activeContent());
    active.remove(ActiveContent.Kind.EMBEDDED_FILE);
    if (!active.isEmpty()) {
      throw new RequestProblem(
          "active_content", "PDF 文件含有脚本、启动程序、XFA 表单或多媒体等动态内容，不能盖章。");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    byte[] tokenBytes = new byte[32];
    random.nextBytes(tokenBytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes);
    String id = "SR" + HexFormat.of().formatHex(randomBytes(10)).toUpperCase(java.util.Locale.ROOT);
    Placement stored =
        placement instanceof SealPlacement.Position p
            ? new Placement(p.page(), (double) p.x(), (double) p.y(), null, p.width())
            : new Placement(null, null, null, ((SealPlacement.TextAnchor) placement).text(), placement.width());
    String name = cleanFileName(fileName);
    NewRequest row =
        new NewRequest(
            id,
            channelId,
            creditCode,
            org.organizationName(),
            name,
            pdf,
            sha256Hex(pdf),
            stored,
            sha256Hex(token.getBytes(StandardCharsets.US_ASCII)),
            now,
            now.plus(properties.requestLifetime()),
            family);
    transactions.executeWithoutResult(
        s -> {
          requests.insert(row);
          audit.record(
              new Actor("channel:" + channelId),
              AuditAction.SIGNING_REQUESTED,
              "signing-request/" + id,
              creditCode + ", " + pdf.length + " bytes, sha256 " + row.documentSha256());
        });
    String link = publicUrl + LINK_PATH + token;
    return new Created(requests.find(id).orElseThrow(), link, QrCodes.png(link, 360));
  }

  static String documentMessage(SealingException.Reason reason) {
    return switch (reason) {
      case NOT_A_PDF -> "文件不是可读取的 PDF，请上传 PDF 文件。";
      case ENCRYPTED -> "PDF 文件已加密，请上传未加密的文件。";
      case NO_SUCH_PAGE -> "指定的页码超出了文件的页数。";
      case ANCHOR_NOT_FOUND -> "文件中找不到指定的定位文字。";
      case OUTSIDE_PAGE -> "印章位置超出了页面范围，请调整坐标。";
      case BAD_SEAL_IMAGE, FAILED -> "文件盖章失败，请稍后再试。";
    };
  }

  /** A request of the channel; another channel's is empty. */
  public Optional<SigningRequest> find(String channelId, String id) {
    return requests.find(channelId, id);
  }

  public Optional<byte[]> signedDocument(String channelId, String id) {
    return requests.signedDocument(channelId, id);
  }

  // ---- the seal app's side ---------------------------------------------------------------

  /** What opening a link gives: the request to show, or why it is refused. */
  public record Opened(SigningRequest request, SealingRefusal refusal) {}

  /**
   * Opens a QR link for a signed-in administrator. When nothing stands in the way the first
   * opening claims the request for this administrator; otherwise the refusal is audited and the
   * request stays unclaimed, so someone else's (or an ineligible) opening never uses up the
   * rightful administrator's link. An unknown token is empty.
   */
  public Optional<Opened> open(String token, String mobile) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    Optional<SigningRequest> found =
        requests.findByTokenHash(sha256Hex(token.getBytes(StandardCharsets.US_ASCII)));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SigningRequest request = found.get();
    Optional<SealingRefusal> refusal = refusal(request, mobile);
    if (refusal.isEmpty() && !requests.claim(request.id(), mobile, clock.instant())) {
      refusal = Optional.of(SealingRefusal.LINK_USED);
    }
    if (refusal.isPresent()) {
      refused(request, mobile, refusal.get());
      return Optional.of(new Opened(request, refusal.get()));
    }
    return Optional.of(new Opened(requests.find(request.id()).orElseThrow(), null));
  }

  /** What the confirmation page shows, with the refusal if sealing would be refused now. */
  public record View(SigningRequest request, SealingRefusal refusal, String placementText) {}

  /** The request as its claiming administrator sees it; empty for anyone else. */
  public Optional<View> view(String id, String mobile) {
    Optional<SigningRequest> request = requests.find(id).filter(r -> mobile.equals(r.claimedBy()));
    return request.map(
        r -> new View(r, refusal(r, mobile).orElse(null), placementText(requests.placement(id))));
  }

  /** The original PDF, for the claiming administrator only. */
  public Optional<byte[]> document(String id, String mobile) {
    return requests.find(id).filter(r -> mobile.equals(r.claimedBy())).map(r -> requests.document(id));
  }

  private static String placementText(Placement p) {
    return p.anchor() != null
        ? "定位文字“" + p.anchor() + "”处"
        : String.format("第 %d 页 (%.0f mm, %.0f mm)", p.page(), p.x() / SealPlacement.MM, p.y() / SealPlacement.MM);
  }

  /** The outcome of a confirmation: sealed, or refused (with tries left after a wrong PIN). */
  public record Outcome(SealingRefusal refusal, int triesLeft, String failure) {
    public boolean sealed() {
      return refusal == null && failure == null;
    }
  }

  /**
   * Seals the request after the PIN: checks the rules, then the PIN (counting the try), then signs
   * the authorization with the administrator's personal key, seals the PDF with the
   * organization's hosted key, stores it once, queues the webhook and audits it.
   */
  public Outcome seal(String id, String mobile, String pin) {
    SigningRequest request =
        requests.find(id).filter(r -> mobile.equals(r.claimedBy())).orElse(null);
    if (request == null) {
      return new Outcome(SealingRefusal.LINK_USED, 0, null);
    }
    Optional<SealingRefusal> refusal = refusal(request, mobile);
    if (refusal.isPresent()) {
      refused(request, mobile, refusal.get());
      return new Outcome(refusal.get(), 0, null);
    }
    boolean wasLocked = pins.isLocked(mobile);
    PinGuard.Check pin1 = pins.check(mobile, pin);
    switch (pin1.status()) {
      case OK -> {}
      case WRONG -> {
        refused(request, mobile, SealingRefusal.PIN_WRONG);
        return new Outcome(SealingRefusal.PIN_WRONG, pin1.triesLeft(), null);
      }
      case LOCKED -> {
        if (!wasLocked) {
          audit.record(
              SealAppService.actor(mobile),
              AuditAction.SEAL_PIN_LOCKED,
              SealAppService.subject(mobile),
              PinGuard.MAX_WRONG_TRIES + " wrong PINs in a row");
        }
        refused(request, mobile, SealingRefusal.PIN_LOCKED);
        return new Outcome(SealingRefusal.PIN_LOCKED, 0, null);
      }
      case NOT_SET -> {
        refused(request, mobile, SealingRefusal.PIN_NOT_SET);
        return new Outcome(SealingRefusal.PIN_NOT_SET, 0, null);
      }
    }
    HeldOrganization org = heldFor(request, mobile).orElseThrow();
    AdministratorRow admin = administrators.administrator(mobile).orElseThrow();
    Seal seal = seals.forCertificate(org.caName(), org.serial()).orElseThrow();
    byte[] pdf = requests.document(id);
    String documentHash = requests.documentSha256(id);
    byte[] authorization =
        sign(
            admin.personalKeyAlias(),
            ("certhall seal authorization\n" + id + "\n" + documentHash + "\n" + clock.instant())
                .getBytes(StandardCharsets.UTF_8));
    byte[] signed;
    try {
      signed =
          sealer.seal(
              pdf,
              placement(requests.placement(id)),
              appearance(seal),
              sealingKey(org),
              new PadesSealer.Details("单位电子印章（用章请求 " + id + "）", null));
    } catch (SealingException e) {
      log.warn("sealing request {} failed: {}", id, e.getMessage());
      return new Outcome(null, 0, documentMessage(e.reason()));
    } catch (PdfRefusedException e) {
      // checked when the request was made; only the time budget can differ on a busy node
      log.warn("sealing request {} refused: {}", id, e.getMessage());
      return new Outcome(null, 0, documentMessage(SealingException.Reason.FAILED));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    boolean stored =
        Boolean.TRUE.equals(
            transactions.execute(
                s -> {
                  if (!requests.sealed(id, mobile, signed, authorization, org.caName(), org.serial(), now)) {
                    return false;
                  }
                  notifyChannel(request, org, signed, now);
                  audit.record(
                      SealAppService.actor(mobile),
                      AuditAction.DOCUMENT_SEALED,
                      "signing-request/" + id,
                      org.creditCode() + " with " + org.caName() + "/" + org.serial().toString(16)
                          + ", signed sha256 " + sha256Hex(signed));
                  return true;
                }));
    if (!stored) {
      refused(request, mobile, SealingRefusal.LINK_USED);
      return new Outcome(SealingRefusal.LINK_USED, 0, null);
    }
    return new Outcome(null, 0, null);
  }

  private void notifyChannel(SigningRequest request, HeldOrganization org, byte[] signed, Instant now) {
    if (channels.webhook(request.channelId()).isEmpty()) {
      return;
    }
    String eventId = UUID.randomUUID().toString();
    SealedMessage message =
        new SealedMessage(
            eventId,
            SealedMessage.EVENT,
            now.toString(),
            request.channelId(),
            request.id(),
            new SealedMessage.Organization(request.organizationName(), request.creditCode()),
            org.serial().toString(16),
            new SealedMessage.Document(
                sealedFileName(request.fileName()),
                "application/pdf",
                sha256Hex(signed),
                Base64.getEncoder().encodeToString(signed)));
    deliveries.insert(
        eventId,
        request.channelId(),
        SealedMessage.EVENT,
        org.serial().toString(16),
        org.orderId(),
        message.toJson(),
        now);
  }

  static String sealedFileName(String fileName) {
    String base = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")
        ? fileName.substring(0, fileName.length() - 4)
        : fileName;
    return base + "-sealed.pdf";
  }

  /** Why sealing this request now would be refused before the PIN, if it would. */
  private Optional<SealingRefusal> refusal(SigningRequest request, String mobile) {
    AdministratorRow admin = administrators.administrator(mobile).orElse(null);
    List<HeldOrganization> held = administrators.heldOrganizations(mobile);
    List<String> codes = new ArrayList<>();
    held.forEach(h -> codes.add(h.creditCode()));
    SealingRules.OrganizationCertificate cert =
        heldFor(request, held)
            .map(
                h -> {
                  StoredCertificate c = certificates.find(h.caName(), h.serial()).orElseThrow();
                  return new SealingRules.OrganizationCertificate(
                      h.creditCode(),
                      c.notBefore(),
                      c.notAfter(),
                      c.status() == CertificateRepository.Status.REVOKED,
                      seals.forCertificate(h.caName(), h.serial()).isPresent());
                })
            .orElse(null);
    return SealingRules.refusal(
        request,
        new SealingRules.Administrator(
            mobile,
            codes,
            admin != null && admin.hasPersonalCertificate(),
            admin != null && admin.pinSet()),
        cert,
        clock.instant());
  }

  private Optional<HeldOrganization> heldFor(SigningRequest request, String mobile) {
    return heldFor(request, administrators.heldOrganizations(mobile));
  }

  /**
   * The administrator's latest certificate of the request's organization, of the request's
   * algorithm family (双证书: the order's second certificate when that is the family asked for).
   */
  private Optional<HeldOrganization> heldFor(SigningRequest request, List<HeldOrganization> held) {
    Optional<HeldOrganization> first =
        held.stream().filter(h -> h.creditCode().equals(request.creditCode())).findFirst();
    Optional<String> family = requests.algorithm(request.id());
    if (first.isEmpty() || family.isEmpty()) {
      return first;
    }
    return inFamily(first.get(), family.get());
  }

  /** The family of the certificate's CA: SM2, ECDSA or RSA. */
  private String family(HeldOrganization org) {
    return cas.find(org.caName())
        .orElseThrow(() -> new IllegalStateException("no CA " + org.caName()))
        .family()
        .name();
  }

  /** The order's certificate of {@code family}: its first, or its second (双证书). */
  private Optional<HeldOrganization> inFamily(HeldOrganization first, String family) {
    if (family(first).equals(family)) {
      return Optional.of(first);
    }
    return administrators.second(first).filter(second -> family(second).equals(family));
  }

  private void refused(SigningRequest request, String mobile, SealingRefusal refusal) {
    audit.record(
        SealAppService.actor(mobile),
        AuditAction.SEALING_REFUSED,
        "signing-request/" + request.id(),
        refusal.name());
  }

  private static SealPlacement placement(Placement p) {
    return p.anchor() != null
        ? new SealPlacement.TextAnchor(p.anchor(), (float) p.width())
        : new SealPlacement.Position(p.page(), p.x().floatValue(), p.y().floatValue(), (float) p.width());
  }

  private SealAppearance appearance(Seal seal) {
    return appearances.computeIfAbsent(seal.imageSha256(), k -> SealAppearance.fromImage(seal.png()));
  }

  private SealingKey sealingKey(HeldOrganization org) {
    CertificateAuthority issuing =
        cas.find(org.caName()).orElseThrow(() -> new IllegalStateException("no CA " + org.caName()));
    StoredCertificate cert = certificates.find(org.caName(), org.serial()).orElseThrow();
    List<X509CertificateHolder> chain = new ArrayList<>();
    chain.add(issuing.certificate());
    cas.all().stream()
        .filter(ca -> ca != issuing && ca.certificate().getSubject().equals(issuing.certificate().getIssuer()))
        .findFirst()
        .ifPresent(root -> chain.add(root.certificate()));
    try {
      boolean second =
          administrators
              .second(org)
              .filter(s -> s.caName().equals(org.caName()) && s.serial().equals(org.serial()))
              .isPresent();
      String alias =
          second
              ? IssuanceService.secondKeyAlias(org.orderId())
              : IssuanceService.hostedKeyAlias(org.orderId());
      return new SealingKey(keys, alias, new X509CertificateHolder(cert.der()), chain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] sign(String alias, byte[] data) {
    ContentSigner signer = keys.signer(alias);
    try (OutputStream out = signer.getOutputStream()) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return signer.getSignature();
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  static String cleanFileName(String fileName) {
    String name = fileName == null ? "" : fileName.replaceAll("[\\\\/\\p{Cntrl}\"<>|:*?]", "_").strip();
    if (name.isEmpty()) {
      name = "document.pdf";
    }
    return name.length() > 200 ? name.substring(name.length() - 200) : name;
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
