package cn.certhall.pki.revocation;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * CRLReason of RFC 5280 5.3.1, with the code written into CRLs and OCSP responses. As Boulder does,
 * the reasons a subscriber may give (吊销理由 in the portal) are a set of their own; the others are
 * for the CA's administrators.
 */
public enum RevocationReason {
  UNSPECIFIED(0),
  KEY_COMPROMISE(1),
  CA_COMPROMISE(2),
  AFFILIATION_CHANGED(3),
  SUPERSEDED(4),
  CESSATION_OF_OPERATION(5),
  CERTIFICATE_HOLD(6),
  REMOVE_FROM_CRL(8),
  PRIVILEGE_WITHDRAWN(9),
  AA_COMPROMISE(10);

  /** What an organization may choose when it asks for revocation. */
  public static final Set<RevocationReason> SUBSCRIBER_REASONS =
      EnumSet.of(
          UNSPECIFIED, KEY_COMPROMISE, AFFILIATION_CHANGED, SUPERSEDED, CESSATION_OF_OPERATION);

  /** What a CA administrator may record. Certhall never puts certificates on hold. */
  public static final Set<RevocationReason> ADMINISTRATOR_REASONS =
      EnumSet.of(
          UNSPECIFIED,
          KEY_COMPROMISE,
          CA_COMPROMISE,
          AFFILIATION_CHANGED,
          SUPERSEDED,
          CESSATION_OF_OPERATION,
          PRIVILEGE_WITHDRAWN);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  /** The CRLReason code (7 is unused in RFC 5280). */
  public int code() {
    return code;
  }

  public static Optional<RevocationReason> ofCode(int code) {
    for (RevocationReason r : values()) {
      if (r.code == code) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
