package cn.certhall.documents.pades;

import java.util.List;

/** The signatures of a PDF as the verifier found them, in the order they were made. */
public record PdfVerification(List<SignatureCheck> signatures) {
  public PdfVerification {
    signatures = List.copyOf(signatures);
  }

  public boolean signed() {
    return !signatures.isEmpty();
  }

  /** Signed, every signature valid, and nothing but signatures added after any of them. */
  public boolean documentUnchanged() {
    return signed() && signatures.stream().allMatch(SignatureCheck::documentUnchanged);
  }
}
