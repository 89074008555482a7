package cn.certhall.domain.evidence;

import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.evidence.SealedDocumentRecords.SealedDocumentRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 出证报告 of a sealed document: the channel's request, the administrator's sign-in and face check
 * before it, the link claimed, refusals (a wrong PIN), the PIN confirmed and the seal applied; the
 * document's, the sealed document's and the authorization signature's SHA-256; the certificate and
 * its status at sealing and now; the audit entries with their chain hashes. The administrator's
 * mobile is masked.
 *
 * @param administrator the administrator who claimed the link, masked, or null
 */
public record DocumentEvidence(
    SealedDocumentRecord record,
    String administrator,
    Instant generatedAt,
    List<Step> steps,
    List<EvidenceFile> files,
    Optional<CertificateEvidence> certificate,
    List<AuditEntry> audit) {

  public DocumentEvidence {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(generatedAt, "generatedAt");
    steps = List.copyOf(steps);
    files = List.copyOf(files);
    Objects.requireNonNull(certificate, "certificate");
    audit = List.copyOf(audit);
  }

  public String requestId() {
    return record.request().id();
  }
}
