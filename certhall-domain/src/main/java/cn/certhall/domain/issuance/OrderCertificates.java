package cn.certhall.domain.issuance;

import java.util.List;
import java.util.Optional;

/**
 * Port: which certificate each order produced. Implementations keep at most one per order, by a
 * unique key in the database, whatever the callers do.
 */
public interface OrderCertificates {

    /**
     * Locks the order against other issuers until the running transaction ends: of two
     * issuances of one order, the second waits and then finds the first one's certificate.
     */
    void lock(String orderId);

    Optional<CertificateRef> find(String orderId);

    /**
     * Links the order to its certificate.
     *
     * @throws IllegalStateException if the order has a certificate already
     */
    void link(String orderId, CertificateRef certificate);

    /**
     * Approved new-certificate orders that have no certificate yet, oldest first: what a crash
     * between approval and issuance left behind.
     */
    List<String> approvedWithoutCertificate();
}
