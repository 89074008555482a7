package cn.certhall.bench;

import cn.certhall.pki.issuance.IssuanceLedger;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.Reservation;

/**
 * A ledger that keeps nothing, so that issuing millions of certificates in a benchmark measures the
 * engine and does not grow the heap. Never for real issuance: it cannot detect a duplicate serial.
 */
final class DiscardingLedger implements IssuanceLedger {
  @Override
  public void reserve(Reservation reservation) {}

  @Override
  public void record(IssuedCertificate certificate) {}
}
