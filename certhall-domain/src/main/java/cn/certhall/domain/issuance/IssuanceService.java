package cn.certhall.domain.issuance;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.Transactions;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Issuance on approval (托管证书签发, SPEC 3.1 step 10): for an approved new-certificate order, the
 * hosted key is generated in the CA's key store and the organization certificate issued with the
 * validity of SPEC section 2, linked to the order; the organization's electronic seal is made (from
 * the order's latest seal collection form, 印章采集表, when it holds a usable impression, else drawn
 * from the name); the channel the order came from is told (托管证书同步: certificate, chain, seal
 * picture, through its outbox); the order moves to {@code ISSUED}; and the handler is told the
 * certificate was issued. A seal that cannot be made (no usable impression, a name the round seal
 * cannot hold) does not hold the certificate back: the order is issued without it and the CA
 * administrator gets a task ({@link OrganizationSeals}).
 *
 * <p><b>Idempotent</b>: the order is locked while it is issued, and a second call finds the first
 * one's certificate; the database keeps one certificate per order, one seal per certificate, and
 * the sync is written only with the link. <b>Crash-safe</b>: the key is generated and committed
 * first, under an alias derived from the order number, so a retry reuses it; signing, linking, the
 * seal, the channel sync and the move to {@code ISSUED} are one transaction, so after a crash the
 * order is still {@code APPROVED} with none of them, and {@link #recover} (run at start-up and on
 * schedule) finishes it. A certificate signed in a transaction that never committed was never
 * handed to anyone.
 *
 * <p><b>Dual certificates (双证书)</b>: with a second issuer (another algorithm family, ECDSA beside
 * SM2, for relying parties that cannot check SM2), the order also gets a second hosted key ({@link
 * #secondKeyAlias}) and a certificate of that family for the same organization and validity, in the
 * same transaction as the first: its own link, its own seal (the same picture) and its own channel
 * message. An order has both or, before the transaction, neither.
 */
public final class IssuanceService {
  private final OrderService orders;
  private final OrderCertificates certificates;
  private final HostedCertificateIssuer issuer;
  private final OrganizationSeals seals;
  private final CollectionForms collectionForms;
  private final ChannelSync channels;
  private final Notifications notifications;
  private final Transactions transactions;
  private final CertificateRules rules;
  private final Optional<HostedCertificateIssuer> second;

  public IssuanceService(
      OrderService orders,
      OrderCertificates certificates,
      HostedCertificateIssuer issuer,
      OrganizationSeals seals,
      CollectionForms collectionForms,
      ChannelSync channels,
      Notifications notifications,
      Transactions transactions,
      CertificateRules rules) {
    this(
        orders,
        certificates,
        issuer,
        seals,
        collectionForms,
        channels,
        notifications,
        transactions,
        rules,
        Optional.empty());
  }

  /**
   * @param second the issuer of each order's second certificate (双证书), of another family than
   *     {@code issuer}; empty: one certificate per order
   */
  public IssuanceService(
      OrderService orders,
      OrderCertificates certificates,
      HostedCertificateIssuer issuer,
      OrganizationSeals seals,
      CollectionForms collectionForms,
      ChannelSync channels,
      Notifications notifications,
      Transactions transactions,
      CertificateRules rules,
      Optional<HostedCertificateIssuer> second) {
    if (second.isPresent() && second.get().family().equals(issuer.family())) {
      throw new IllegalArgumentException(
          "the second certificate must be of another family than " + issuer.family());
    }
    this.second = second;
    this.orders = Objects.requireNonNull(orders, "orders");
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.seals = Objects.requireNonNull(seals, "seals");
    this.collectionForms = Objects.requireNonNull(collectionForms, "collectionForms");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.notifications = Objects.requireNonNull(notifications, "notifications");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** The key store alias of an order's hosted key: one per order, found again by a retry. */
  public static String hostedKeyAlias(String orderId) {
    return "hosted-" + orderId.toLowerCase(Locale.ROOT);
  }

  /** The key store alias of the hosted key of an order's second certificate (双证书). */
  public static String secondKeyAlias(String orderId) {
    return hostedKeyAlias(orderId) + "-second";
  }

  /**
   * Issues the certificate of an approved order, or returns the one it already has.
   *
   * @throws OrderNotFoundException if there is no such order
   * @throws IllegalStateException if the order is not an approved new-certificate order
   */
  public CertificateRef issue(String orderId) {
    String alias = hostedKeyAlias(orderId);
    Optional<CertificateRef> done =
        transactions.inTransaction(
            () -> {
              certificates.lock(orderId);
              Optional<CertificateRef> existing = certificates.find(orderId);
              if (existing.isEmpty()) {
                requireIssuable(orderId);
                issuer.ensureHostedKey(alias);
                second.ifPresent(s -> s.ensureHostedKey(secondKeyAlias(orderId)));
              }
              return existing;
            });
    if (done.isPresent()) {
      return done.get();
    }
    // read before the transaction: a file store is no place to hold locks over
    byte[] collectionForm = collectionForms.latest(orderId).orElse(null);
    return transactions.inTransaction(
        () -> {
          certificates.lock(orderId);
          Optional<CertificateRef> existing = certificates.find(orderId);
          if (existing.isPresent()) {
            return existing.get();
          }
          Order order = requireIssuable(orderId);
          Validity validity = rules.newCertificateValidity();
          CertificateRef issued =
              issuer.issueOrganizationCertificate(
                  alias,
                  order.application().organizationName(),
                  order.application().creditCode(),
                  validity);
          certificates.link(orderId, issued);
          Optional<byte[]> sealPng = seals.sealFor(issued, collectionForm);
          CertificateChain certificate = issuer.certificate(issued);
          channels.certificateIssued(
              order, certificate.certificate(), certificate.chain(), sealPng.orElse(null));
          HistoryNote note = HistoryNote.of("history.issuance.issued", issued.serialHex());
          if (second.isPresent()) {
            HostedCertificateIssuer other = second.get();
            CertificateRef pair =
                other.issueOrganizationCertificate(
                    secondKeyAlias(orderId),
                    order.application().organizationName(),
                    order.application().creditCode(),
                    validity);
            certificates.linkSecond(orderId, pair);
            Optional<byte[]> pairSeal = seals.sealFor(pair, collectionForm);
            CertificateChain pairCertificate = other.certificate(pair);
            channels.certificateIssued(
                order,
                pairCertificate.certificate(),
                pairCertificate.chain(),
                pairSeal.orElse(null));
            note =
                HistoryNote.of(
                    "history.issuance.issuedPair",
                    issued.serialHex(),
                    other.family(),
                    pair.serialHex());
          }
          orders.move(orderId, OrderStatus.ISSUED, note, Actor.SYSTEM);
          notifications.issued(order, issued.serialHex(), issued.notAfter());
          return issued;
        });
  }

  /**
   * Finishes every approved order left without its certificate (a crash, a key store that was
   * down). One failing order does not stop the others.
   *
   * @return the orders that still failed, with why
   */
  public List<Failure> recover() {
    List<Failure> failures = new ArrayList<>();
    for (String orderId : transactions.inTransaction(certificates::approvedWithoutCertificate)) {
      try {
        issue(orderId);
      } catch (RuntimeException e) {
        failures.add(new Failure(orderId, e));
      }
    }
    return failures;
  }

  public record Failure(String orderId, RuntimeException cause) {}

  private Order requireIssuable(String orderId) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    if (order.businessType() != BusinessType.NEW_UNIT_CERTIFICATE
        || order.status() != OrderStatus.APPROVED) {
      throw new IllegalStateException(
          "order "
              + orderId
              + " is "
              + order.businessType()
              + " in "
              + order.status()
              + ", not an approved new-certificate order");
    }
    return order;
  }
}
