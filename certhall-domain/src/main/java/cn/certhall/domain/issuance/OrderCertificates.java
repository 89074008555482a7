package cn.certhall.domain.issuance;

import cn.certhall.pki.issuance.CertificateRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Port: which certificate each order produced. Implementations keep at most one per order, by a
 * unique key in the database, whatever the callers do; and beside it, for a dual-certificate order
 * (双证书), at most one certificate of the second algorithm family (ECDSA beside SM2).
 */
public interface OrderCertificates {

  /**
   * Locks the order against other issuers until the running transaction ends: of two issuances of
   * one order, the second waits and then finds the first one's certificate.
   */
  void lock(String orderId);

  /** The order's certificate (of the first family: SM2 by default). */
  Optional<CertificateRef> find(String orderId);

  /** The order's certificate of the second algorithm family, issued with the first (双证书). */
  Optional<CertificateRef> findSecond(String orderId);

  /** Every certificate of the order: the first, then the second family's, if any. */
  default List<CertificateRef> all(String orderId) {
    List<CertificateRef> all = new ArrayList<>();
    find(orderId).ifPresent(all::add);
    findSecond(orderId).ifPresent(all::add);
    return all;
  }

  /**
   * Links the order to its certificate.
   *
   * @throws IllegalStateException if the order has a certificate already
   */
  void link(String orderId, CertificateRef certificate);

  /**
   * Links the order to its certificate of the second algorithm family.
   *
   * @throws IllegalStateException if the order has one already
   */
  void linkSecond(String orderId, CertificateRef certificate);

  /**
   * Approved new-certificate orders that have no certificate yet, oldest first: what a crash
   * between approval and issuance left behind.
   */
  List<String> approvedWithoutCertificate();
}
