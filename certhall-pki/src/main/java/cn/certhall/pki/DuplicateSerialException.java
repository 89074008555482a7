package cn.certhall.pki;

import java.math.BigInteger;

/** The ledger already holds this serial for this CA; the issuer draws another one. */
public final class DuplicateSerialException extends PkiException {
  public DuplicateSerialException(String caName, BigInteger serial) {
    super("serial " + serial.toString(16) + " already used by CA " + caName);
  }
}
