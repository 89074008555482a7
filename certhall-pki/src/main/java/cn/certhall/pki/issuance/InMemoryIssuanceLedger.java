package cn.certhall.pki.issuance;

import cn.certhall.pki.DuplicateSerialException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A ledger in memory: for tests, benchmarks of the engine alone, and tools that issue offline. */
public final class InMemoryIssuanceLedger implements IssuanceLedger {
  private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();
  private final Map<String, IssuedCertificate> certificates = new ConcurrentHashMap<>();

  @Override
  public void reserve(Reservation r) {
    if (reservations.putIfAbsent(key(r.caName(), r.serial().toString(16)), r) != null) {
      throw new DuplicateSerialException(r.caName(), r.serial());
    }
  }

  @Override
  public void record(IssuedCertificate c) {
    certificates.put(key(c.caName(), c.serialHex()), c);
  }

  public List<Reservation> reservations() {
    return List.copyOf(reservations.values());
  }

  public List<IssuedCertificate> certificates() {
    return List.copyOf(certificates.values());
  }

  private static String key(String ca, String serialHex) {
    return ca + '/' + serialHex;
  }
}
