package cn.certhall.pki.revocation;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * CRLReason of RFC 5280 5.3.1, with the code written into CRLs and OCSP responses. As Boulder does,
 * the reasons a subscriber may give (吊销理由 in the portal) are a set of their own; the others are for
 * the CA's administrators.
 */
public enum RevocationReason {
  UNSPECIFIED(0, "unspecified"),
  KEY_COMPROMISE(1, "keyCompromise"),
  CA_COMPROMISE(2, "cACompromise"),
  AFFILIATION_CHANGED(3, "affiliationChanged"),
  SUPERSEDED(4, "superseded"),
  CESSATION_OF_OPERATION(5, "cessationOfOperation"),
  CERTIFICATE_HOLD(6, "certificateHold"),
  REMOVE_FROM_CRL(8, "removeFromCRL"),
  PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"),
  AA_COMPROMISE(10, "aACompromise");

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
  private final String asn1Name;

  RevocationReason(int code, String asn1Name) {
    this.code = code;
    this.asn1Name = asn1Name;
  }

  /** The name RFC 5280's ASN.1 module gives the reason ({@code keyCompromise} …). */
  public String asn1Name() {
    return asn1Name;
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
