package cn.certhall.domain.lifecycle;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.issuance.CollectionForms;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import cn.certhall.pki.revocation.RevocationReason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 证书更新, 信息变更 and 证书吊销 (SPEC 3.2–3.4): the certificates a proven organization holds and what may be
 * done with each, the start of each order, the holder's signature for a revocation, and what the CA
 * does once a reviewer approved ({@link #carryOut}):
 *
 * <ul>
 *   <li><b>Renewal</b>: a new hosted key and a certificate with the renewal validity of SPEC
 *       section 2 (unexpired: old notAfter + 1 year; expired: from issuance + 1 year), computed
 *       when it is issued; the seal re-bound to it; the channel told ({@code certificate.renewed}).
 *       The old certificate is not revoked: it runs out on its own and is marked replaced.
 *   <li><b>Change</b>: a new hosted key and a certificate with the changed details and the old
 *       one's remaining validity (from issuance to the old notAfter); its seal (a new picture when
 *       the name changed); the old certificate revoked as superseded; the channel told ({@code
 *       certificate.changed}).
 *   <li><b>Revocation</b>: the certificate revoked with the chosen reason's RFC 5280 code, CRL and
 *       OCSP at once; the channel told ({@code certificate.revoked}), which stops seal use.
 * </ul>
 *
 * <p><b>Idempotent and recoverable</b> like the new-unit issuance: the key is made first under the
 * order's alias; the certificate, its link to the order and its seal are one transaction; the
 * revocation commits on its own (so CRL and OCSP see it) and a repeat finds it done; the channel
 * message and the order's final move are the last transaction, done once. The seal of a renewed or
 * changed certificate comes from the 印章采集表 uploaded with the order when it has a usable impression,
 * else it keeps the replaced certificate's picture when the name is the same; a seal that cannot be
 * made does not hold the certificate back (see {@link LifecycleCa#sealFor}). A crash anywhere
 * leaves the order {@code APPROVED}, and {@link #recover} (start-up and every minute) finishes it.
 *
 * <p><b>Dual certificates (双证书)</b>: when the order that produced the certificate also produced one
 * of a second algorithm family ({@link OrderCertificates#findSecond}), everything above is done to
 * both: a renewal or change issues a second one too, from the CA of the one it replaces, with the
 * same validity, its own key ({@link IssuanceService#secondKeyAlias}), seal and channel message; a
 * change or a revocation revokes both.
 */
public final class LifecycleService {
  private final OrderService orders;
  private final LifecycleRequests requests;
  private final HeldCertificates held;
  private final OrderCertificates links;
  private final LifecycleCa ca;
  private final CollectionForms collectionForms;
  private final ChannelSync channels;
  private final Notifications notifications;
  private final Transactions transactions;
  private final CertificateRules rules;
  private final Clock clock;

  public LifecycleService(
      OrderService orders,
      LifecycleRequests requests,
      HeldCertificates held,
      OrderCertificates links,
      LifecycleCa ca,
      CollectionForms collectionForms,
      ChannelSync channels,
      Notifications notifications,
      Transactions transactions,
      CertificateRules rules,
      Clock clock) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.held = Objects.requireNonNull(held, "held");
    this.links = Objects.requireNonNull(links, "links");
    this.ca = Objects.requireNonNull(ca, "ca");
    this.collectionForms = Objects.requireNonNull(collectionForms, "collectionForms");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.notifications = Objects.requireNonNull(notifications, "notifications");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // ---- the entry's list -------------------------------------------------------------------

  /** The proven organization's certificates with their options; empty when the proof lapsed. */
  public List<CertificateOptions> certificates(IdentityProof proof) {
    if (!holds(proof)) {
      return List.of();
    }
    return transactions.inTransaction(
        () -> held.ofOrganization(proof.creditCode()).stream().map(this::options).toList());
  }

  /** One certificate of the proven organization, if it is one of its certificates. */
  public Optional<CertificateOptions> certificate(
      IdentityProof proof, String caName, String serialHex) {
    if (!holds(proof) || caName == null || serialHex == null) {
      return Optional.empty();
    }
    return transactions.inTransaction(
        () ->
            held.find(caName, serialHex)
                .filter(c -> c.creditCode().equals(proof.creditCode()))
                .map(this::options));
  }

  /** The application of the order that produced the certificate: the form's pre-fill. */
  public UnitApplication currentApplication(HeldCertificate certificate) {
    return orders
        .find(certificate.issuingOrderId())
        .orElseThrow(() -> new OrderNotFoundException(certificate.issuingOrderId()))
        .application();
  }

  // ---- starting an order ------------------------------------------------------------------

  /**
   * Starts a renewal or an information change of the certificate with the (edited) application.
   *
   * @throws LifecycleRefusedException if the certificate allows no such order now
   * @throws UnfinishedOrderExistsException if the organization has an unfinished order of the type
   * @throws IllegalArgumentException if the certificate is not the proven organization's, or the
   *     application names another organization (the credit code cannot change)
   */
  public Order start(
      BusinessType type,
      IdentityProof proof,
      String channelId,
      String caName,
      String serialHex,
      UnitApplication application) {
    return start(orders.newOrderNumber(), type, proof, channelId, caName, serialHex, application);
  }

  /**
   * As {@link #start(BusinessType, IdentityProof, String, String, String, UnitApplication)}, under
   * a number from {@link OrderService#newOrderNumber()} the person's checks were recorded for.
   */
  public Order start(
      String orderId,
      BusinessType type,
      IdentityProof proof,
      String channelId,
      String caName,
      String serialHex,
      UnitApplication application) {
    if (type != BusinessType.RENEWAL && type != BusinessType.INFORMATION_CHANGE) {
      throw new IllegalArgumentException(type + " is not started with an application form");
    }
    return start(orderId, type, proof, channelId, caName, serialHex, application, null);
  }

  /**
   * Starts the revocation of the certificate; its application is the one on file, with the
   * enterprise verification the applicant chose for this revocation (SPEC 3.4: the three methods of
   * 3.1).
   *
   * @throws LifecycleRefusedException if the certificate cannot be revoked
   * @throws UnfinishedOrderExistsException if the organization has an unfinished revocation
   */
  public Order startRevocation(
      IdentityProof proof,
      String channelId,
      String caName,
      String serialHex,
      RevocationChoice reason,
      EnterpriseVerificationDetails enterprise) {
    return startRevocation(
        orders.newOrderNumber(), proof, channelId, caName, serialHex, reason, enterprise);
  }

  /**
   * As the other, under a number from {@link OrderService#newOrderNumber()} the handler's check was
   * recorded for.
   */
  public Order startRevocation(
      String orderId,
      IdentityProof proof,
      String channelId,
      String caName,
      String serialHex,
      RevocationChoice reason,
      EnterpriseVerificationDetails enterprise) {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(enterprise, "enterprise");
    return transactions.inTransaction(
        () -> {
          HeldCertificate certificate =
              certificate(proof, caName, serialHex)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "not a certificate of the proven organization"))
                  .certificate();
          UnitApplication a = currentApplication(certificate);
          UnitApplication application =
              new UnitApplication(
                  a.organizationName(),
                  a.creditCode(),
                  a.legalRepresentative(),
                  a.handler(),
                  a.administrator(),
                  enterprise,
                  a.administratorVerification());
          return start(
              orderId,
              BusinessType.REVOCATION,
              proof,
              channelId,
              caName,
              serialHex,
              application,
              reason);
        });
  }

  private Order start(
      String orderId,
      BusinessType type,
      IdentityProof proof,
      String channelId,
      String caName,
      String serialHex,
      UnitApplication edited,
      RevocationChoice reason) {
    return transactions.inTransaction(
        () -> {
          CertificateOptions options =
              certificate(proof, caName, serialHex)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "not a certificate of the proven organization"));
          Optional<Refusal> refusal = options.refusal(type);
          if (refusal.isEmpty()
              && !requests.unfinishedFor(caName, options.certificate().serialHex()).isEmpty()) {
            refusal = Optional.of(Refusal.ORDER_IN_PROGRESS);
          }
          if (refusal.isPresent()) {
            throw new LifecycleRefusedException(type, options, refusal.get());
          }
          HeldCertificate certificate = options.certificate();
          UnitApplication application = edited == null ? currentApplication(certificate) : edited;
          if (!application.creditCode().equals(certificate.creditCode())) {
            throw new IllegalArgumentException("the credit code of the certificate cannot change");
          }
          Order order = orders.start(orderId, type, channelId, application);
          requests.insert(
              new LifecycleRequest(
                  order.id(),
                  type,
                  certificate.caName(),
                  certificate.serialHex(),
                  certificate.issuingOrderId(),
                  reason,
                  null));
          return order;
        });
  }

  public Optional<LifecycleRequest> request(String orderId) {
    return transactions.inTransaction(() -> requests.find(orderId));
  }

  /** The certificate an order is about. */
  public Optional<HeldCertificate> target(String orderId) {
    return transactions.inTransaction(
        () -> requests.find(orderId).flatMap(r -> held.find(r.caName(), r.serialHex())));
  }

  /** 变更内容: what the order states differently from the order that produced the certificate. */
  public List<ApplicationChange> changes(String orderId) {
    return transactions.inTransaction(
        () -> {
          Optional<LifecycleRequest> request = requests.find(orderId);
          if (request.isEmpty()) {
            return List.of();
          }
          Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
          Order source =
              orders
                  .find(request.get().sourceOrderId())
                  .orElseThrow(() -> new OrderNotFoundException(request.get().sourceOrderId()));
          return ApplicationChange.between(source.application(), order.application());
        });
  }

  // ---- the holder's proof (revocation) ----------------------------------------------------

  /**
   * 签名验证: after the certificate verification code was entered, the revocation request is signed
   * with the certificate's hosted key, the signature checked against the certificate's public key,
   * kept with the order, and the order moves to {@code CERTIFICATE_VERIFIED}.
   *
   * @throws IllegalStateException if the order is not a revocation at the verified step, or the
   *     signature does not verify (then nothing is kept)
   */
  public RevocationProof proveHolder(String orderId) {
    return transactions.inTransaction(
        () -> {
          Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
          LifecycleRequest request =
              requests
                  .find(orderId)
                  .filter(r -> r.businessType() == BusinessType.REVOCATION)
                  .orElseThrow(
                      () -> new IllegalStateException("order " + orderId + " is not a revocation"));
          if (order.status() != OrderStatus.VERIFIED) {
            throw new IllegalStateException(
                "order " + orderId + " is " + order.status() + ", not VERIFIED");
          }
          Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
          String text = revocationRequestText(order, request, at);
          byte[] data = text.getBytes(StandardCharsets.UTF_8);
          LifecycleCa.Signed signed =
              ca.sign(IssuanceService.hostedKeyAlias(request.sourceOrderId()), data);
          if (!ca.verify(request.caName(), request.serialHex(), data, signed)) {
            throw new IllegalStateException(
                "the revocation request's signature does not verify with certificate "
                    + request.serialHex());
          }
          RevocationProof proof =
              new RevocationProof(text, signed.signature(), signed.algorithm(), at);
          requests.recordProof(orderId, proof);
          orders.move(
              orderId,
              OrderStatus.CERTIFICATE_VERIFIED,
              HistoryNote.of("history.lifecycle.revocationSigned", signed.algorithm()));
          return proof;
        });
  }

  /** The text the holder signs: who asks to revoke which certificate, why and when. */
  static String revocationRequestText(Order order, LifecycleRequest request, Instant at) {
    return "certhall revocation request\n"
        + "order: "
        + order.id()
        + "\n"
        + "organization: "
        + order.application().creditCode()
        + "\n"
        + "ca: "
        + request.caName()
        + "\n"
        + "serial: "
        + request.serialHex()
        + "\n"
        + "reason: "
        + request.revocationChoice().reason().code()
        + "\n"
        + "time: "
        + at
        + "\n";
  }

  // ---- what the CA does on approval ---------------------------------------------------------

  /**
   * The outcome of {@link #carryOut}: the order as it ends, and the new certificate if one was
   * made.
   */
  public record Outcome(Order order, Optional<CertificateRef> newCertificate) {}

  /**
   * Does what the approved order asks of the CA (see the class comment), or returns what it did.
   *
   * @throws IllegalStateException if the order is not an approved renewal, change or revocation
   */
  public Outcome carryOut(String orderId) {
    Order order =
        transactions.inTransaction(
            () -> orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId)));
    LifecycleRequest request =
        transactions
            .inTransaction(() -> requests.find(orderId))
            .orElseThrow(
                () -> new IllegalStateException("order " + orderId + " has no lifecycle request"));
    return switch (order.businessType()) {
      case RENEWAL, INFORMATION_CHANGE -> replace(order, request);
      case REVOCATION -> revoke(order, request);
      case NEW_UNIT_CERTIFICATE ->
          throw new IllegalStateException("a new certificate is issued by IssuanceService");
    };
  }

  private Outcome replace(Order order, LifecycleRequest request) {
    String orderId = order.id();
    // read before the transactions: a file store is no place to hold locks over
    byte[] collectionForm = collectionForms.latest(orderId).orElse(null);
    LifecycleCa.Replaced replaced = new LifecycleCa.Replaced(request.caName(), request.serialHex());
    Optional<CertificateRef> replacedSecond =
        transactions.inTransaction(() -> links.findSecond(request.sourceOrderId()));
    Optional<CertificateRef> done = transactions.inTransaction(() -> links.find(orderId));
    if (done.isEmpty()) {
      requireApproved(orderId);
      ca.ensureHostedKey(IssuanceService.hostedKeyAlias(orderId));
      replacedSecond.ifPresent(
          r -> ca.ensureHostedKey(IssuanceService.secondKeyAlias(orderId), r.caName()));
    }
    CertificateRef issued =
        done.orElseGet(
            () ->
                transactions.inTransaction(
                    () -> {
                      links.lock(orderId);
                      Optional<CertificateRef> existing = links.find(orderId);
                      if (existing.isPresent()) {
                        return existing.get();
                      }
                      Order approved = requireApproved(orderId);
                      HeldCertificate old =
                          held.find(request.caName(), request.serialHex())
                              .orElseThrow(
                                  () ->
                                      new IllegalStateException(
                                          "no certificate " + request.serialHex()));
                      if (old.isRevoked()) {
                        throw new IllegalStateException(
                            "certificate " + old.serialHex() + " was revoked during review");
                      }
                      Validity validity =
                          approved.businessType() == BusinessType.RENEWAL
                              ? rules.renewalValidity(old.notAfter())
                              : remainingValidity(old);
                      CertificateRef made =
                          ca.issue(
                              IssuanceService.hostedKeyAlias(orderId),
                              approved.application().organizationName(),
                              approved.application().creditCode(),
                              validity);
                      links.link(orderId, made);
                      ca.sealFor(made, collectionForm, replaced);
                      if (replacedSecond.isPresent()) {
                        CertificateRef r = replacedSecond.get();
                        CertificateRef pair =
                            ca.issue(
                                r.caName(),
                                IssuanceService.secondKeyAlias(orderId),
                                approved.application().organizationName(),
                                approved.application().creditCode(),
                                validity);
                        links.linkSecond(orderId, pair);
                        ca.sealFor(
                            pair,
                            collectionForm,
                            new LifecycleCa.Replaced(r.caName(), r.serialHex()));
                      }
                      return made;
                    }));
    Instant supersededAt =
        order.businessType() == BusinessType.INFORMATION_CHANGE
            ? ca.revoke(request.caName(), request.serialHex(), RevocationReason.SUPERSEDED)
            : null;
    Instant secondSupersededAt =
        order.businessType() == BusinessType.INFORMATION_CHANGE
            ? replacedSecond
                .map(r -> ca.revoke(r.caName(), r.serialHex(), RevocationReason.SUPERSEDED))
                .orElse(null)
            : null;
    Order finished =
        transactions.inTransaction(
            () -> {
              links.lock(orderId);
              Order current =
                  orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
              if (current.status() != OrderStatus.APPROVED) {
                return current;
              }
              Optional<CertificateRef> pair = links.findSecond(orderId);
              if (current.businessType() == BusinessType.RENEWAL) {
                syncNew(current, issued, collectionForm, replaced);
                pair.ifPresent(
                    p -> syncNew(current, p, collectionForm, replacedOf(replacedSecond)));
                notifications.issued(current, issued.serialHex(), issued.notAfter());
                return orders.move(
                    orderId,
                    OrderStatus.ISSUED,
                    pair.map(
                            p ->
                                HistoryNote.of(
                                    "history.lifecycle.renewedPair",
                                    issued.serialHex(),
                                    p.serialHex()))
                        .orElse(HistoryNote.of("history.lifecycle.renewed", issued.serialHex())),
                    Actor.SYSTEM);
              }
              // the channel holding the old certificate must stop using it and its seal, as OCSP
              // and
              // the CRL already say: its revocation goes to the channel of the order that issued it
              Order source =
                  orders
                      .find(request.sourceOrderId())
                      .orElseThrow(() -> new OrderNotFoundException(request.sourceOrderId()));
              syncSuperseded(source, request.caName(), request.serialHex(), supersededAt);
              syncNew(current, issued, collectionForm, replaced);
              if (pair.isPresent()) {
                CertificateRef r = replacedSecond.orElseThrow();
                syncSuperseded(source, r.caName(), r.serialHex(), secondSupersededAt);
                syncNew(current, pair.get(), collectionForm, replacedOf(replacedSecond));
              }
              notifications.issued(current, issued.serialHex(), issued.notAfter());
              return orders.move(
                  orderId,
                  OrderStatus.ISSUED,
                  pair.map(
                          p ->
                              HistoryNote.of(
                                  "history.lifecycle.changedPair",
                                  issued.serialHex(),
                                  request.serialHex(),
                                  p.serialHex()))
                      .orElse(
                          HistoryNote.of(
                              "history.lifecycle.changed",
                              issued.serialHex(),
                              request.serialHex())),
                  Actor.SYSTEM);
            });
    return new Outcome(finished, Optional.of(issued));
  }

  private static LifecycleCa.Replaced replacedOf(Optional<CertificateRef> replaced) {
    CertificateRef r = replaced.orElseThrow();
    return new LifecycleCa.Replaced(r.caName(), r.serialHex());
  }

  /** The renewed or changed certificate with its seal to the channel of the order. */
  private void syncNew(
      Order order, CertificateRef made, byte[] collectionForm, LifecycleCa.Replaced replaced) {
    LifecycleCa.Issued certificate = ca.certificate(made.caName(), made.serialHex());
    byte[] seal = ca.sealFor(made, collectionForm, replaced).orElse(null);
    if (order.businessType() == BusinessType.RENEWAL) {
      channels.certificateRenewed(order, certificate.certificate(), certificate.chain(), seal);
    } else {
      channels.certificateChanged(order, certificate.certificate(), certificate.chain(), seal);
    }
  }

  private void syncSuperseded(Order source, String caName, String serialHex, Instant revokedAt) {
    LifecycleCa.Issued old = ca.certificate(caName, serialHex);
    channels.certificateRevoked(
        source, old.certificate(), old.chain(), revokedAt, RevocationReason.SUPERSEDED.asn1Name());
  }

  private Outcome revoke(Order order, LifecycleRequest request) {
    String orderId = order.id();
    if (order.status() == OrderStatus.REVOKED) {
      return new Outcome(order, Optional.empty());
    }
    requireApproved(orderId);
    RevocationChoice reason = request.revocationChoice();
    Optional<CertificateRef> pair =
        transactions.inTransaction(() -> links.findSecond(request.sourceOrderId()));
    Instant revokedAt = ca.revoke(request.caName(), request.serialHex(), reason.reason());
    Optional<Instant> pairRevokedAt =
        pair.map(p -> ca.revoke(p.caName(), p.serialHex(), reason.reason()));
    Order finished =
        transactions.inTransaction(
            () -> {
              links.lock(orderId);
              Order current =
                  orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
              if (current.status() != OrderStatus.APPROVED) {
                return current;
              }
              LifecycleCa.Issued certificate =
                  ca.certificate(request.caName(), request.serialHex());
              channels.certificateRevoked(
                  current,
                  certificate.certificate(),
                  certificate.chain(),
                  revokedAt,
                  reason.reason().asn1Name());
              if (pair.isPresent()) {
                LifecycleCa.Issued second =
                    ca.certificate(pair.get().caName(), pair.get().serialHex());
                channels.certificateRevoked(
                    current,
                    second.certificate(),
                    second.chain(),
                    pairRevokedAt.orElseThrow(),
                    reason.reason().asn1Name());
              }
              notifications.revoked(current, request.serialHex(), revokedAt);
              return orders.move(
                  orderId,
                  OrderStatus.REVOKED,
                  pair.map(
                          p ->
                              HistoryNote.of(
                                  "history.lifecycle.revokedPair." + reason.name(),
                                  request.serialHex(),
                                  p.serialHex()))
                      .orElse(
                          HistoryNote.of(
                              "history.lifecycle.revoked." + reason.name(), request.serialHex())),
                  Actor.SYSTEM);
            });
    return new Outcome(finished, Optional.empty());
  }

  /** A change keeps the old certificate's end: from now to the old notAfter. */
  private Validity remainingValidity(HeldCertificate old) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (!old.notAfter().isAfter(now)) {
      throw new IllegalStateException("certificate " + old.serialHex() + " expired during review");
    }
    return new Validity(now, old.notAfter());
  }

  /** The RFC 5280 name of a reason code, as the channel message carries it. */
  /**
   * Finishes every approved renewal, change and revocation the CA left unfinished. One failing
   * order does not stop the others.
   */
  public List<IssuanceService.Failure> recover() {
    List<IssuanceService.Failure> failures = new ArrayList<>();
    for (String orderId : transactions.inTransaction(requests::approvedNotCarriedOut)) {
      try {
        carryOut(orderId);
      } catch (RuntimeException e) {
        failures.add(new IssuanceService.Failure(orderId, e));
      }
    }
    return failures;
  }

  private Order requireApproved(String orderId) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    if (order.status() != OrderStatus.APPROVED) {
      throw new IllegalStateException(
          "order " + orderId + " is " + order.status() + ", not APPROVED");
    }
    return order;
  }

  private CertificateOptions options(HeldCertificate certificate) {
    return CertificateOptions.of(certificate, rules);
  }

  private boolean holds(IdentityProof proof) {
    return proof != null && proof.holds(clock.instant());
  }
}
