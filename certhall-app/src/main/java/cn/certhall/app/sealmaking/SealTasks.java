package cn.certhall.app.sealmaking;

import cn.certhall.app.persistence.SealTaskRepository;
import cn.certhall.app.persistence.SealTaskRepository.SealTask;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.issuance.CertificateChain;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.Transactions;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;

/**
 * 待处理印章: certificates issued without their seal (no usable impression, a name the round seal cannot
 * hold), for the CA administrator, who makes the seal from a new impression. Making it closes the
 * task and tells the order's channel ({@code certificate.sealed}), in one transaction under the
 * order's lock, so two administrators (or two nodes) make it once.
 */
public final class SealTasks {
  private final SealTaskRepository tasks;
  private final SealService seals;
  private final OrderService orders;
  private final OrderCertificates links;
  private final HostedCertificateIssuer issuer;
  private final ChannelSync channels;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;

  public SealTasks(
      SealTaskRepository tasks,
      SealService seals,
      OrderService orders,
      OrderCertificates links,
      HostedCertificateIssuer issuer,
      ChannelSync channels,
      AuditLog audit,
      Transactions transactions,
      Clock clock) {
    this.tasks = tasks;
    this.seals = seals;
    this.orders = orders;
    this.links = links;
    this.issuer = issuer;
    this.channels = channels;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** The open tasks, oldest first. */
  public List<SealTask> open() {
    return transactions.inTransaction(tasks::open);
  }

  /** There is no open task for this certificate (never was, or done already). */
  public static final class NoOpenTask extends RuntimeException {
    NoOpenTask() {
      super(null, null, false, false);
    }
  }

  /**
   * Makes the seal of the task's certificate from the uploaded impression and closes the task.
   *
   * @throws NoOpenTask if the certificate has no open task
   * @throws cn.certhall.documents.seal.SealException (Chinese message) if the file holds no usable
   *     impression; the task stays open
   */
  public SealService.Seal make(
      String caName, BigInteger serial, byte[] impression, String operator) {
    String orderId =
        transactions
            .inTransaction(() -> tasks.find(caName, serial))
            .filter(t -> t.doneAt() == null)
            .map(SealTask::orderId)
            .orElseThrow(NoOpenTask::new);
    return transactions.inTransaction(
        () -> {
          links.lock(orderId);
          if (!tasks.done(caName, serial, operator, clock.instant())) {
            throw new NoOpenTask();
          }
          SealService.Seal seal = seals.createFromImpression(caName, serial, impression);
          audit.record(
              Actor.operator(operator),
              AuditAction.SEAL_MADE,
              caName + "/" + serial.toString(16),
              seal.esId() + " " + seal.source());
          Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
          CertificateChain certificate =
              issuer.certificate(
                  new CertificateRef(
                      caName, serial, new Validity(seal.validFrom(), seal.validTo())));
          channels.certificateSealed(
              order, certificate.certificate(), certificate.chain(), seal.png());
          return seal;
        });
  }
}
