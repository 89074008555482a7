package cn.certhall.domain.sealing;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.order.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Cloud sealing (扫一扫用章): a channel's signing request (a PDF, where the seal goes) becomes a
 * short-lived, single-use link shown as a QR code; the organization's seal administrator opens it
 * in the seal app, sees the document and the organization, and confirms with the seal PIN; the seal
 * is drawn and the PDF signed with the organization's hosted key ({@link DocumentSealer}); the
 * channel is told ({@link SealedNotices}) and can download the result.
 *
 * <p>The steps: {@link #create}, {@link #open} (claims the link), {@link #seal} (the PIN, then the
 * sealing). Each change is one transaction with its audit record; a refusal ({@link
 * SealingRefusal}) is audited too. The PIN is counted by {@link PinGuard} on its own, and the slow
 * signing (with the TSA) runs between the checks and the transaction that stores it. A request
 * expires by its time ({@link SigningRequest#statusAt}). The link's token is random (256 bits) and
 * stored only as its SHA-256; it is never logged.
 */
public final class CloudSealingFlow {
  /** The path of a QR link; the token follows. */
  public static final String LINK_PATH = "/seal-app/s/";

  private final SigningRequests requests;
  private final SealHolders holders;
  private final DocumentSealer sealer;
  private final SealedNotices notices;
  private final PinGuard pins;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final Settings settings;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param publicUrl the address the links start with
   * @param maxDocumentBytes the largest PDF a channel may send
   * @param requestLifetime how long a request and its link stay usable
   */
  public record Settings(String publicUrl, long maxDocumentBytes, Duration requestLifetime) {
    public Settings {
      publicUrl = publicUrl.replaceAll("/+$", "");
    }
  }

  public CloudSealingFlow(
      SigningRequests requests,
      SealHolders holders,
      DocumentSealer sealer,
      SealedNotices notices,
      PinGuard pins,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      Settings settings) {
    this.requests = Objects.requireNonNull(requests, "requests");
    this.holders = Objects.requireNonNull(holders, "holders");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.notices = Objects.requireNonNull(notices, "notices");
    this.pins = Objects.requireNonNull(pins, "pins");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  // ---- the channel's side ----------------------------------------------------------------

  /**
   * A channel's request to seal {@code pdf} for the organization with {@code creditCode}.
   *
   * @param algorithm the family of the organization's certificate to seal with ({@code SM2}, {@code
   *     ECDSA}); null: its first certificate
   */
  public record NewSigningRequest(
      String channelId,
      String creditCode,
      String fileName,
      byte[] pdf,
      SigningRequests.Placement placement,
      String algorithm) {
    @Override
    public String toString() {
      return "NewSigningRequest[" + channelId + ", " + creditCode + "]";
    }
  }

  /** What making a request gives: the request and its link, or why it is refused. */
  public sealed interface Creation {
    record Created(SigningRequest request, String link) implements Creation {
      @Override
      public String toString() {
        return "Created[" + request.id() + "]";
      }
    }

    /** A request the channel API refuses, with a stable code and a Chinese message. */
    record Refused(String code, String message) implements Creation {}
  }

  /**
   * Makes a signing request; the organization must have an issued certificate (of the family asked
   * for) from an order of this channel. One transaction: the request and its audit record.
   */
  public Creation create(NewSigningRequest in) {
    byte[] pdf = in.pdf();
    if (pdf == null || pdf.length == 0) {
      return new Creation.Refused("empty_document", "请上传需要盖章的 PDF 文件。");
    }
    if (pdf.length > settings.maxDocumentBytes()) {
      return new Creation.Refused(
          "document_too_large",
          "PDF 文件不能超过 " + settings.maxDocumentBytes() / (1024 * 1024) + " MB。");
    }
    Optional<SealHolders.Holding> found = holders.latestOfChannel(in.channelId(), in.creditCode());
    if (found.isEmpty()) {
      return new Creation.Refused("unknown_organization", "本渠道没有该统一社会信用代码的单位证书，不能发起用章请求。");
    }
    SealHolders.Holding org = found.get();
    String family = in.algorithm() == null ? holders.family(org) : in.algorithm();
    if (inFamily(org, family).isEmpty()) {
      return new Creation.Refused(
          "no_certificate_of_algorithm",
          "该单位没有 "
              + family
              + " 算法的证书，不能用 "
              + family
              + " 盖章。"
              + "请改用该单位已有证书的算法（不填 algorithm 即用 "
              + holders.family(org)
              + "），"
              + "或请 CA 为该单位签发双证书。");
    }
    Optional<DocumentSealer.Problem> problem = sealer.check(pdf, in.placement());
    if (problem.isPresent()) {
      return new Creation.Refused(problem.get().code(), problem.get().message());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    String id = "SR" + HexFormat.of().formatHex(randomBytes(10)).toUpperCase(Locale.ROOT);
    SigningRequests.NewRequest row =
        new SigningRequests.NewRequest(
            id,
            in.channelId(),
            in.creditCode(),
            org.organizationName(),
            cleanFileName(in.fileName()),
            pdf,
            sha256Hex(pdf),
            in.placement(),
            sha256Hex(token.getBytes(StandardCharsets.US_ASCII)),
            now,
            now.plus(settings.requestLifetime()),
            family);
    SigningRequest created =
        transactions.inTransaction(
            () -> {
              requests.insert(row);
              audit.record(
                  new Actor("channel:" + in.channelId()),
                  AuditAction.SIGNING_REQUESTED,
                  "signing-request/" + id,
                  in.creditCode() + ", " + pdf.length + " bytes, sha256 " + row.documentSha256());
              return requests.find(id).orElseThrow();
            });
    return new Creation.Created(created, settings.publicUrl() + LINK_PATH + token);
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
   * Opens a QR link for a signed-in administrator. When nothing stands in the way the first opening
   * claims the request for this administrator; otherwise the refusal is audited and the request
   * stays unclaimed, so someone else's (or an ineligible) opening never uses up the rightful
   * administrator's link. An unknown token is empty. One transaction.
   */
  public Optional<Opened> open(String token, String mobile) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    return transactions.inTransaction(
        () -> {
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
            recordRefusal(request, mobile, refusal.get());
            return Optional.of(new Opened(request, refusal.get()));
          }
          return Optional.of(new Opened(requests.find(request.id()).orElseThrow(), null));
        });
  }

  /** What the confirmation page shows, with the refusal if sealing would be refused now. */
  public record View(
      SigningRequest request, SealingRefusal refusal, SigningRequests.Placement placement) {}

  /** The request as its claiming administrator sees it; empty for anyone else. */
  public Optional<View> view(String id, String mobile) {
    Optional<SigningRequest> request = requests.find(id).filter(r -> mobile.equals(r.claimedBy()));
    return request.map(r -> new View(r, refusal(r, mobile).orElse(null), requests.placement(id)));
  }

  /** The original PDF, for the claiming administrator only. */
  public Optional<byte[]> document(String id, String mobile) {
    return requests
        .find(id)
        .filter(r -> mobile.equals(r.claimedBy()))
        .map(r -> requests.document(id));
  }

  /**
   * The outcome of a confirmation: sealed, or refused (with tries left after a wrong PIN), or
   * failed.
   */
  public record Outcome(SealingRefusal refusal, int triesLeft, String failure) {
    public boolean sealed() {
      return refusal == null && failure == null;
    }
  }

  /**
   * Seals the request after the PIN: checks the rules, then the PIN (counting the try), then signs
   * the authorization with the administrator's personal key, seals the PDF with the organization's
   * hosted key, and in one transaction stores it once, tells the channel and audits it.
   */
  public Outcome seal(String id, String mobile, String pin) {
    SigningRequest request =
        requests.find(id).filter(r -> mobile.equals(r.claimedBy())).orElse(null);
    if (request == null) {
      return new Outcome(SealingRefusal.LINK_USED, 0, null);
    }
    Optional<SealingRefusal> refusal = refusal(request, mobile);
    if (refusal.isPresent()) {
      return refused(request, mobile, refusal.get(), 0);
    }
    boolean wasLocked = pins.isLocked(mobile);
    PinGuard.Check check = pins.check(mobile, pin);
    switch (check.status()) {
      case OK -> {}
      case WRONG -> {
        return refused(request, mobile, SealingRefusal.PIN_WRONG, check.triesLeft());
      }
      case LOCKED -> {
        return transactions.inTransaction(
            () -> {
              if (!wasLocked) {
                audit.record(
                    actor(mobile),
                    AuditAction.SEAL_PIN_LOCKED,
                    "seal-admin/" + Masking.mobile(mobile),
                    PinGuard.MAX_WRONG_TRIES + " wrong PINs in a row");
              }
              recordRefusal(request, mobile, SealingRefusal.PIN_LOCKED);
              return new Outcome(SealingRefusal.PIN_LOCKED, 0, null);
            });
      }
      case NOT_SET -> {
        return refused(request, mobile, SealingRefusal.PIN_NOT_SET, 0);
      }
    }
    SealHolders.Holding org = heldFor(request, holders.held(mobile)).orElseThrow();
    SealHolders.Administrator admin = holders.administrator(mobile).orElseThrow();
    byte[] pdf = requests.document(id);
    String documentHash = requests.documentSha256(id);
    byte[] authorization =
        sealer.signAuthorization(
            admin.personalKeyAlias(),
            ("certhall seal authorization\n" + id + "\n" + documentHash + "\n" + clock.instant())
                .getBytes(StandardCharsets.UTF_8));
    DocumentSealer.Result result = sealer.seal(id, pdf, requests.placement(id), org);
    if (result instanceof DocumentSealer.Result.Failed failed) {
      return new Outcome(null, 0, failed.code());
    }
    byte[] signed = ((DocumentSealer.Result.Sealed) result).pdf();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return transactions.inTransaction(
        () -> {
          if (!requests.sealed(
              id, mobile, signed, authorization, org.caName(), org.serial(), now)) {
            recordRefusal(request, mobile, SealingRefusal.LINK_USED);
            return new Outcome(SealingRefusal.LINK_USED, 0, null);
          }
          notices.sealed(request, org, signed, now);
          audit.record(
              actor(mobile),
              AuditAction.DOCUMENT_SEALED,
              "signing-request/" + id,
              org.creditCode()
                  + " with "
                  + org.caName()
                  + "/"
                  + org.serial().toString(16)
                  + ", signed sha256 "
                  + sha256Hex(signed));
          return new Outcome(null, 0, null);
        });
  }

  /** The file name of the sealed PDF: {@code x.pdf} becomes {@code x-sealed.pdf}. */
  public static String sealedFileName(String fileName) {
    String base =
        fileName.toLowerCase(Locale.ROOT).endsWith(".pdf")
            ? fileName.substring(0, fileName.length() - 4)
            : fileName;
    return base + "-sealed.pdf";
  }

  /** Why sealing this request now would be refused before the PIN, if it would. */
  private Optional<SealingRefusal> refusal(SigningRequest request, String mobile) {
    SealHolders.Administrator admin = holders.administrator(mobile).orElse(null);
    List<SealHolders.Holding> held = holders.held(mobile);
    List<String> codes = new ArrayList<>();
    held.forEach(h -> codes.add(h.creditCode()));
    SealingRules.OrganizationCertificate cert =
        heldFor(request, held).map(holders::certificate).orElse(null);
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

  /**
   * The administrator's latest certificate of the request's organization, of the request's
   * algorithm family (双证书: the order's second certificate when that is the family asked for).
   */
  private Optional<SealHolders.Holding> heldFor(
      SigningRequest request, List<SealHolders.Holding> held) {
    Optional<SealHolders.Holding> first =
        held.stream().filter(h -> h.creditCode().equals(request.creditCode())).findFirst();
    Optional<String> family = requests.algorithm(request.id());
    if (first.isEmpty() || family.isEmpty()) {
      return first;
    }
    return inFamily(first.get(), family.get());
  }

  /** The order's certificate of {@code family}: its first, or its second (双证书). */
  private Optional<SealHolders.Holding> inFamily(SealHolders.Holding first, String family) {
    if (holders.family(first).equals(family)) {
      return Optional.of(first);
    }
    return holders.second(first).filter(second -> holders.family(second).equals(family));
  }

  private Outcome refused(
      SigningRequest request, String mobile, SealingRefusal refusal, int triesLeft) {
    return transactions.inTransaction(
        () -> {
          recordRefusal(request, mobile, refusal);
          return new Outcome(refusal, triesLeft, null);
        });
  }

  private void recordRefusal(SigningRequest request, String mobile, SealingRefusal refusal) {
    audit.record(
        actor(mobile),
        AuditAction.SEALING_REFUSED,
        "signing-request/" + request.id(),
        refusal.name());
  }

  private static Actor actor(String mobile) {
    return new Actor("seal-admin:" + Masking.mobile(mobile));
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  static String cleanFileName(String fileName) {
    String name =
        fileName == null ? "" : fileName.replaceAll("[\\\\/\\p{Cntrl}\"<>|:*?]", "_").strip();
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
