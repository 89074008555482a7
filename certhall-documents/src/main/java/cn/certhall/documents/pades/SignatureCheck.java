package cn.certhall.documents.pades;

import java.time.Instant;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What the verifier found about one signature of a PDF.
 *
 * @param fieldName the signature field's name
 * @param signer the signing certificate (null if the CMS carries none the verifier could find)
 * @param signerSubject the certificate's subject in RFC 4514 form: who sealed
 * @param claimedTime the signing time the signer claimed (the dictionary's M entry); not proof
 * @param timestampTime the genTime of a valid signature time-stamp (B-T), or null
 * @param cryptographicallyValid the message digest matches the signed byte ranges and the signature
 *     over the signed attributes verifies with the certificate's key, and the
 *     signing-certificate-v2 attribute names that certificate
 * @param timestampValid a time-stamp token is present, signed by a certificate with the
 *     timeStamping usage, over this signature's value
 * @param certificateTrusted the certificate chains to one of the verifier's trust anchors and was
 *     within its validity at the time-stamp's time (or now); revocation is not checked here
 * @param coversWholeDocument the byte ranges cover the whole file but the signature value
 * @param changedAfterSigning a later incremental update changed pages, page content or annotations
 *     other than signature fields
 * @param problems what went wrong, in English, for the log and the verification page
 */
public record SignatureCheck(
    String fieldName,
    X509CertificateHolder signer,
    String signerSubject,
    Instant claimedTime,
    Instant timestampTime,
    boolean cryptographicallyValid,
    boolean timestampValid,
    boolean certificateTrusted,
    boolean coversWholeDocument,
    boolean changedAfterSigning,
    List<String> problems) {

  public SignatureCheck {
    problems = List.copyOf(problems);
  }

  /** The document as this signature saw it is unchanged: valid, and nothing altered since. */
  public boolean documentUnchanged() {
    return cryptographicallyValid && !changedAfterSigning;
  }

  /** When it was signed, as best known: the time-stamp if valid, else the claimed time. */
  public Instant signingTime() {
    return timestampTime != null ? timestampTime : claimedTime;
  }
}
