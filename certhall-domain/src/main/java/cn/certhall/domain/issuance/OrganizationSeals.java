package cn.certhall.domain.issuance;

import cn.certhall.pki.issuance.CertificateRef;
import java.util.Optional;

/**
 * Port: the organization's electronic seal (电子印章, SPEC 3.1 step 10, section 5), made once its
 * certificate is issued. The app's adapter makes the picture (the collection form's impression when
 * usable, else the drawn round seal), wraps it in a GB/T 38540 SESeal and stores it, in the
 * caller's transaction.
 */
public interface OrganizationSeals {

  /**
   * Makes the seal of {@code certificate}, or returns the one it has (one seal per certificate).
   *
   * @param collectionForm the uploaded seal collection form (印章采集表: JPG, PNG or PDF), or null when
   *     the order has none
   * @return the seal picture, a transparent PNG; empty when no seal can be made yet (no usable
   *     impression and a name the round seal cannot hold): the adapter then leaves the CA
   *     administrator a task saying why (待处理印章), and the issuance goes on without the seal, which
   *     follows once the administrator made it
   */
  Optional<byte[]> sealFor(CertificateRef certificate, byte[] collectionForm);
}
