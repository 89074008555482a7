package cn.certhall.pki.issuance;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Serial numbers of 127 random bits from a CSPRNG (RFC 5280 asks for at most 20 octets; CA/B Forum
 * asks for at least 64 bits of entropy): always positive, never zero. Uniqueness per CA is the
 * ledger's to enforce.
 */
public final class SerialNumberGenerator {
  private static final int BYTES = 16;

  /** The longest serial this generator makes, in DER INTEGER content octets. */
  public static final int MAX_OCTETS = BYTES;

  private final SecureRandom random;

  public SerialNumberGenerator(SecureRandom random) {
    this.random = random;
  }

  public SerialNumberGenerator() {
    this(new SecureRandom());
  }

  /**
   * Whether a serial has the form this generator's serials have (positive, at most {@link
   * #MAX_OCTETS} octets): one that has not was not issued by any CA of this engine, which lets the
   * OCSP responder say "unknown" without asking the database.
   */
  public static boolean couldHaveMade(BigInteger serial) {
    return serial.signum() > 0 && serial.bitLength() < MAX_OCTETS * 8;
  }

  public BigInteger next() {
    byte[] bytes = new byte[BYTES];
    BigInteger serial;
    do {
      random.nextBytes(bytes);
      bytes[0] &= 0x7f;
      serial = new BigInteger(1, bytes);
    } while (serial.signum() == 0);
    return serial;
  }
}
