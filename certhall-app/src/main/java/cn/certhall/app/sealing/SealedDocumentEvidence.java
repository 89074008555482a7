package cn.certhall.app.sealing;

import cn.certhall.app.persistence.SigningRequestRepository;
import cn.certhall.domain.evidence.SealedDocumentRecords;
import cn.certhall.domain.sealing.SealAppFlow;
import java.util.Optional;

/**
 * The signing requests as the evidence report reads them: the stored request, with the audit
 * subject under which the seal app records the administrator who claimed it.
 */
public final class SealedDocumentEvidence implements SealedDocumentRecords {
  private final SigningRequestRepository requests;

  public SealedDocumentEvidence(SigningRequestRepository requests) {
    this.requests = requests;
  }

  @Override
  public Optional<SealedDocumentRecord> find(String requestId) {
    return requests
        .evidence(requestId)
        .map(
            r ->
                r.request().claimedBy() == null
                    ? r
                    : new SealedDocumentRecord(
                        r.request(),
                        r.documentSha256(),
                        r.documentSize(),
                        r.page(),
                        r.xPoints(),
                        r.yPoints(),
                        r.anchor(),
                        r.sealWidthPoints(),
                        r.claimedAt(),
                        SealAppFlow.subject(r.request().claimedBy()),
                        r.caName(),
                        r.serialHex(),
                        r.signedSha256(),
                        r.signedSize(),
                        r.authorizationSha256(),
                        r.authorizationSize()));
  }
}
