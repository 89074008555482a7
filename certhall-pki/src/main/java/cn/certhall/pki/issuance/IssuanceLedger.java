package cn.certhall.pki.issuance;

import cn.certhall.pki.DuplicateSerialException;

/**
 * Where the engine writes down what it signs. Store-before-sign, as Boulder does: a serial is
 * reserved, durably, before anything is signed under it, so a crash never leaves a signed
 * certificate that the records do not know; the signed certificate is recorded right after. Both
 * writes are inserts; nothing is updated.
 */
public interface IssuanceLedger {

  /**
   * Reserves a serial for a certificate about to be signed.
   *
   * @throws DuplicateSerialException if the CA already used that serial
   */
  void reserve(Reservation reservation);

  /** Records the signed certificate of an earlier reservation. */
  void record(IssuedCertificate certificate);
}
