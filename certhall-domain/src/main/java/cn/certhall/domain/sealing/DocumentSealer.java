package cn.certhall.domain.sealing;

import java.util.Optional;

/**
 * Port: the PDF work of cloud sealing (PAdES with the organization's hosted key, the seal picture)
 * and the administrator's signature of the authorization. Keys stay in the key store.
 */
public interface DocumentSealer {

  /** Why a document is refused: a stable code and the Chinese message the channel is given. */
  record Problem(String code, String message) {}

  /** Why the PDF cannot be sealed at this placement, checked when the request is made. */
  Optional<Problem> check(byte[] pdf, SigningRequests.Placement placement);

  /**
   * What sealing gives: the sealed PDF, or why it failed as a stable code (the lower-case name of
   * the document's problem, {@code failed} for anything else), which the seal app words in the
   * reader's language ({@code sealapp.failure.<code>}).
   */
  sealed interface Result {
    record Sealed(byte[] pdf) implements Result {}

    record Failed(String code) implements Result {}
  }

  /** Draws the holding's seal at the placement and signs the PDF with its hosted key. */
  Result seal(
      String requestId,
      byte[] pdf,
      SigningRequests.Placement placement,
      SealHolders.Holding holding);

  /**
   * The administrator's signature over {@code statement} with the personal key {@code keyAlias}.
   */
  byte[] signAuthorization(String keyAlias, byte[] statement);
}
