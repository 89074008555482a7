package cn.certhall.domain.sealing;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Port: the seal administrators and the organization certificates whose seal they hold, as cloud
 * sealing sees them.
 */
public interface SealHolders {

  /** An organization certificate of an issued order, whose seal the order's administrator holds. */
  record Holding(
      String orderId,
      String channelId,
      String creditCode,
      String organizationName,
      String caName,
      BigInteger serial) {
    @Override
    public String toString() {
      return "Holding[" + orderId + ", " + creditCode + "]";
    }
  }

  /**
   * A registered administrator: the personal certificate's key signs each sealing's authorization.
   */
  record Administrator(boolean hasPersonalCertificate, boolean pinSet, String personalKeyAlias) {}

  Optional<Administrator> administrator(String mobile);

  /** The organizations whose seal this mobile holds, the most recently issued first. */
  List<Holding> held(String mobile);

  /** The latest issued order of an organization in a channel: what a signing request seals for. */
  Optional<Holding> latestOfChannel(String channelId, String creditCode);

  /** The certificate of the second algorithm family (双证书) of the same order, if it has one. */
  Optional<Holding> second(Holding first);

  /** The family of the certificate's CA: SM2, ECDSA or RSA. */
  String family(Holding holding);

  /** The certificate as the sealing rules see it (validity, revocation, seal made). */
  SealingRules.OrganizationCertificate certificate(Holding holding);
}
