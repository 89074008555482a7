package cn.certhall.app.evidence;

import cn.certhall.app.ca.DelegatedSigners;
import cn.certhall.app.signer.SignerLifecycle;
import cn.certhall.documents.pades.PadesSealer;
import cn.certhall.documents.pades.SealingKey;
import cn.certhall.documents.template.PdfTemplates;
import cn.certhall.documents.template.ReportDocument;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.evidence.DocumentEvidenceReports;
import cn.certhall.domain.evidence.OrderEvidence;
import cn.certhall.domain.evidence.OrderEvidenceReports;
import cn.certhall.domain.material.MaterialStore;
import cn.certhall.pki.AlgorithmFamily;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;

/**
 * 出证报告: the domain's {@link OrderEvidence} of an order set as a PDF in the reader's language
 * ({@link EvidenceDocument}), signed invisibly by the CA's evidence signer (profile EVIDENCE, in
 * {@code delegated_signer}) as PAdES B-T with a token of the CA's TSA, and its download recorded in
 * the audit log (who, through which door, the SHA-256 of the PDF handed out).
 */
public final class EvidenceReports {

  /** Through which door a report left: recorded with its download. */
  public enum Door {
    ORDER_QUERY,
    CONSOLE,
    CHANNEL_API
  }

  private final OrderEvidenceReports reports;
  private final DocumentEvidenceReports documents;
  private final PdfTemplates templates;
  private final PadesSealer sealer;
  private final DelegatedSigners signers;
  private final SignerLifecycle.Purpose purpose;
  private final AlgorithmFamily family;
  private final SigningKeyStore keys;
  private final MessageSource messages;
  private final AuditLog audit;

  public EvidenceReports(
      OrderEvidenceReports reports,
      DocumentEvidenceReports documents,
      PdfTemplates templates,
      PadesSealer sealer,
      DelegatedSigners signers,
      SignerLifecycle.Purpose purpose,
      AlgorithmFamily family,
      SigningKeyStore keys,
      MessageSource messages,
      AuditLog audit) {
    this.reports = reports;
    this.documents = documents;
    this.templates = templates;
    this.sealer = sealer;
    this.signers = signers;
    this.purpose = purpose;
    this.family = family;
    this.keys = keys;
    this.messages = messages;
    this.audit = audit;
  }

  /**
   * The signed report of {@code orderId}, recorded as downloaded by {@code actor} through {@code
   * door}. The caller has checked that the actor may see the order.
   *
   * @throws cn.certhall.domain.order.OrderNotFoundException if there is no such order
   */
  public byte[] forOrder(String orderId, Locale locale, Actor actor, Door door) {
    OrderEvidence evidence = reports.report(orderId);
    DelegatedSigners.Signer signer = signers.current(purpose, family);
    return signed(
        EvidenceDocument.of(evidence, signer, messages, locale), signer, orderId, actor, door);
  }

  /**
   * The signed report of the signing request {@code requestId} (用章出证报告), recorded as downloaded by
   * {@code actor} through {@code door}; empty when there is no such request (or it was purged after
   * its retention). The caller has checked that the actor may see the request.
   */
  public Optional<byte[]> forSealedDocument(
      String requestId, Locale locale, Actor actor, Door door) {
    return documents
        .report(requestId)
        .map(
            evidence -> {
              DelegatedSigners.Signer signer = signers.current(purpose, family);
              return signed(
                  EvidenceDocument.of(evidence, signer, messages, locale),
                  signer,
                  "signing-request/" + requestId,
                  actor,
                  door);
            });
  }

  private byte[] signed(
      ReportDocument document,
      DelegatedSigners.Signer signer,
      String subject,
      Actor actor,
      Door door) {
    byte[] pdf = templates.report(document);
    byte[] signed =
        sealer.signInvisibly(
            pdf,
            new SealingKey(keys, signer.keyAlias(), signer.certificate(), signer.chain()),
            new PadesSealer.Details(document.title() + " " + document.reference(), null));
    audit.record(
        actor,
        AuditAction.EVIDENCE_REPORT_DOWNLOADED,
        subject,
        door + ", sha256 " + MaterialStore.sha256(signed) + ", " + signed.length + " bytes");
    return signed;
  }
}
