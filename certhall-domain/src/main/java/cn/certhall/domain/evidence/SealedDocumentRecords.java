package cn.certhall.domain.evidence;

import cn.certhall.domain.sealing.SigningRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Port: what is kept of a signing request (用章请求) and its sealing, for its evidence report. */
public interface SealedDocumentRecords {

  Optional<SealedDocumentRecord> find(String requestId);

  /**
   * A signing request as stored.
   *
   * @param page the page of a seal placed by position (1 = first), or null when by anchor text
   * @param xPoints the seal's centre from the page's left edge, in points, or null
   * @param yPoints the seal's centre from the page's bottom edge, in points, or null
   * @param anchor the text the seal is placed on, or null
   * @param administratorSubject how the audit log names the administrator who claimed it, or null
   * @param caName the certificate it was sealed with, null until sealed (also serialHex)
   * @param signedSha256 the sealed PDF's SHA-256, null until sealed (also the sizes and the
   *     authorization signature's hash)
   */
  record SealedDocumentRecord(
      SigningRequest request,
      String documentSha256,
      long documentSize,
      Integer page,
      Double xPoints,
      Double yPoints,
      String anchor,
      double sealWidthPoints,
      Instant claimedAt,
      String administratorSubject,
      String caName,
      String serialHex,
      String signedSha256,
      long signedSize,
      String authorizationSha256,
      long authorizationSize) {

    public SealedDocumentRecord {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(documentSha256, "documentSha256");
    }
  }
}
